package network.mostro.server.lnurl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A local LNURL server for tests: {@code com.sun.net.httpserver} on 127.0.0.1 at a random port, plain HTTP or TLS,
 * with per-path handlers and a log of every request it received.
 */
final class FakeLnurlServer implements AutoCloseable {
    /** Handles one exchange. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange ex) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-lnurl");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final String scheme;

    private FakeLnurlServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(pool);
        server.start();
    }

    static FakeLnurlServer http() {
        try {
            return new FakeLnurlServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                    "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FakeLnurlServer https(SSLContext ctx) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.setHttpsConfigurator(new HttpsConfigurator(ctx));
            return new FakeLnurlServer(s, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http(s)://127.0.0.1:<port>}. */
    String base() {
        return scheme + "://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every request received so far, as {@code path?query}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    FakeLnurlServer route(String path, Handler h) {
        server.createContext(path, ex -> {
            String q = ex.getRequestURI().getRawQuery();
            requests.add(ex.getRequestURI().getRawPath() + (q == null ? "" : "?" + q));
            try (ex) {
                h.handle(ex);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (cancelled on size limit or timeout): expected in some tests
            }
        });
        return this;
    }

    /** Answers {@code status} with a JSON body and a Content-Length. */
    static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        }
    }

    /** Answers a redirect. */
    static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, -1);
    }

    /** The resource text with {@code {{base}}} replaced. */
    static String shape(String name, String base) {
        try (InputStream in = FakeLnurlServer.class.getResourceAsStream("/http-shapes/lnurl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{base}}", base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
