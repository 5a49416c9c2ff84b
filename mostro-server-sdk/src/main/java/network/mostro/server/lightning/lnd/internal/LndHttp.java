package network.mostro.server.lightning.lnd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;

/**
 * The HTTP side of the LND REST backend: unary JSON calls and newline-delimited JSON streams over one
 * {@link HttpClient} with the pinned TLS context and the macaroon header. Thread-safe.
 */
public final class LndHttp {
    static final String MACAROON_HEADER = "Grpc-Metadata-macaroon";

    private final LndConfig config;
    private final HttpClient client;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /** A client whose async work runs on {@code executor}, with timeouts on {@code timer}. */
    public LndHttp(LndConfig config, ExecutorService executor, ScheduledExecutorService timer) {
        this.config = config;
        this.timer = timer;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .sslContext(PinnedTls.context(config.tlsCertificate(), config.verifyHostname()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.baseUri() + pathAndQuery))
                .header(MACAROON_HEADER, config.macaroonHex())
                .header("Accept", "application/json");
    }

    /** A unary GET returning the JSON body, or failing with a mapped {@link LightningException}. */
    public CompletableFuture<JsonNode> get(String path, String call) {
        return unary(request(path).GET(), call);
    }

    /** A unary POST of a JSON body. */
    public CompletableFuture<JsonNode> post(String path, ObjectNode body, String call) {
        return unary(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(LndJson.bytes(body))), call);
    }

    private CompletableFuture<JsonNode> unary(HttpRequest.Builder b, String call) {
        Duration timeout = config.requestTimeout();
        if (closed) {
            return CompletableFuture.failedFuture(new LightningException(Reason.CLOSED, "LND backend closed"));
        }
        HttpRequest req = b.timeout(timeout).build();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(req, info -> bounded(config.maxResponseBytes()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(LndErrors.transport(e, call));
        }
        // The request timeout covers the headers; bound the body too.
        CompletableFuture<HttpResponse<byte[]>> guarded = within(sent,
                timeout.toMillis() + config.connectTimeout().toMillis() + 1000);
        return guarded.handle((resp, err) -> {
            if (err != null) {
                sent.cancel(true);
                Throwable c = LndErrors.unwrap(err);
                if (c instanceof TimeoutException) {
                    throw new LightningException(Reason.TIMEOUT, "LND " + call + ": no complete answer in time");
                }
                throw LndErrors.transport(err, call);
            }
            byte[] body = resp.body();
            if (resp.statusCode() == 200) {
                return LndJson.parse(body, call);
            }
            JsonNode n;
            try {
                n = LndJson.MAPPER.readTree(body);
            } catch (java.io.IOException | RuntimeException e) {
                n = null;
            }
            throw LndErrors.toException(LndErrors.parse(resp.statusCode(), n,
                    new String(body, StandardCharsets.UTF_8)), call);
        });
    }

    /**
     * {@code f}, or a {@link TimeoutException} after {@code ms} (on the backend's own timer, so no JDK-wide
     * scheduler thread is started).
     */
    public <T> CompletableFuture<T> within(CompletableFuture<T> f, long ms) {
        CompletableFuture<T> out = new CompletableFuture<>();
        ScheduledFuture<?> t;
        try {
            t = timer.schedule(() -> out.completeExceptionally(new TimeoutException()), ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            t = null;
            out.completeExceptionally(new LightningException(Reason.CLOSED, "LND backend closed"));
        }
        ScheduledFuture<?> tt = t;
        f.whenComplete((v, e) -> {
            if (tt != null) {
                tt.cancel(false);
            }
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(v);
            }
        });
        return out;
    }

    /** A running stream; {@link #cancel()} closes it without further callbacks. */
    public static final class Stream {
        private final AtomicReference<NdjsonSubscriber> subscriber = new AtomicReference<>();
        private volatile CompletableFuture<?> exchange;
        private volatile boolean canceled;

        /** Stops the stream and closes its connection. Idempotent, thread-safe. */
        public void cancel() {
            canceled = true;
            NdjsonSubscriber s = subscriber.get();
            if (s != null) {
                s.cancel();
            }
            CompletableFuture<?> f = exchange;
            if (f != null) {
                f.cancel(true);
            }
        }

        boolean isCanceled() {
            return canceled;
        }
    }

    /** Opens a GET stream. */
    public Stream streamGet(String path, String call, NdjsonSubscriber.StreamHandler handler) {
        return stream(request(path).GET(), call, handler);
    }

    /** Opens a POST stream with a JSON body. */
    public Stream streamPost(String path, ObjectNode body, String call, NdjsonSubscriber.StreamHandler handler) {
        return stream(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(LndJson.bytes(body))), call, handler);
    }

    private Stream stream(HttpRequest.Builder b, String call, NdjsonSubscriber.StreamHandler handler) {
        Stream stream = new Stream();
        // Guard: exactly one terminal callback whether the failure comes from the body or the exchange.
        NdjsonSubscriber.StreamHandler once = new NdjsonSubscriber.StreamHandler() {
            private final java.util.concurrent.atomic.AtomicBoolean ended =
                    new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public void onResult(JsonNode result) {
                if (!ended.get() && !stream.isCanceled()) {
                    handler.onResult(result);
                }
            }

            @Override
            public void onError(LightningException error) {
                if (ended.compareAndSet(false, true) && !stream.isCanceled()) {
                    handler.onError(error);
                }
            }

            @Override
            public void onEnd() {
                if (ended.compareAndSet(false, true) && !stream.isCanceled()) {
                    handler.onEnd();
                }
            }
        };
        if (closed) {
            stream.cancel();
            return stream;
        }
        HttpRequest req = b.build(); // no request timeout: a stream lives as long as the subscription
        try {
            CompletableFuture<HttpResponse<Void>> f = client.sendAsync(req, info -> {
                NdjsonSubscriber s = new NdjsonSubscriber(call, info.statusCode(), config.maxResponseBytes(), once);
                stream.subscriber.set(s);
                if (stream.isCanceled()) {
                    s.cancel();
                }
                return BodySubscribers.fromSubscriber(s);
            });
            stream.exchange = f;
            f.whenComplete((r, err) -> {
                if (err != null) {
                    once.onError(LndErrors.transport(err, call));
                }
            });
            if (stream.isCanceled()) {
                f.cancel(true);
            }
        } catch (RuntimeException e) {
            once.onError(LndErrors.transport(e, call));
        }
        return stream;
    }

    /** Closes the client where the JDK supports it (Java 21+); on 17 its selector thread ends once unreachable. */
    public void close() {
        closed = true;
        if (client instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
    }

    /** A byte[] body subscriber that fails past {@code max} bytes instead of buffering without bound. */
    static BodySubscriber<byte[]> bounded(int max) {
        return new BodySubscriber<>() {
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private Flow.Subscription sub;

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                sub = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (result.isDone()) {
                    return;
                }
                for (ByteBuffer b : items) {
                    int n = b.remaining();
                    if (out.size() + (long) n > max) {
                        result.completeExceptionally(new LightningException(Reason.UNAVAILABLE,
                                "LND answer larger than " + max + " bytes"));
                        sub.cancel();
                        return;
                    }
                    byte[] chunk = new byte[n];
                    b.get(chunk);
                    out.write(chunk, 0, n);
                }
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(out.toByteArray());
            }
        };
    }
}
