package network.mostro.nostr.relay.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.nostr.TransportException;
import network.mostro.nostr.relay.WebSocketTransport;

/**
 * {@link WebSocketTransport} over {@code java.net.http.WebSocket}. Reads one message at a time
 * ({@code request(1)} after the listener's stage completes), so a slow reader slows the relay down through
 * TCP instead of buffering. Thread-safe.
 *
 * <p>Threads: the HTTP client's async work runs on a cached pool of daemon threads named
 * {@code mostro-ws-N-…} that end 1 s after they go idle and at {@link #close()}. The JDK's own selector
 * thread ends at {@link #close()} on Java 21+ and once the client is unreachable on Java 17–20.
 */
public final class JdkWebSocketTransport implements WebSocketTransport {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Duration connectTimeout;
    private final ThreadPoolExecutor executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile HttpClient client;

    public JdkWebSocketTransport(Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        String prefix = "mostro-ws-" + IDS.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, prefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                // After close(), the client may still complete a few futures: run them inline rather than
                // letting java.net.http fall back to the common pool.
                (r, ex) -> r.run());
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    if (closed.get()) {
                        throw new TransportException("transport is closed");
                    }
                    c = HttpClient.newBuilder().executor(executor).connectTimeout(connectTimeout).build();
                    client = c;
                }
            }
        }
        return c;
    }

    @Override
    public CompletionStage<Connection> connect(URI uri, int maxMessageChars, Listener listener) {
        Adapter adapter = new Adapter(listener, maxMessageChars);
        try {
            return client().newWebSocketBuilder()
                    .connectTimeout(connectTimeout)
                    .buildAsync(uri, adapter)
                    .thenApply(ws -> adapter.connection(ws));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new TransportException("cannot connect to " + uri, e));
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        HttpClient c;
        synchronized (this) {
            c = client;
            client = null;
        }
        if (c instanceof AutoCloseable ac) { // Java 21+
            try {
                ac.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        executor.shutdown();
    }

    /** Adapts one java.net.http WebSocket to the SPI listener. Calls arrive serially from the JDK. */
    private static final class Adapter implements WebSocket.Listener {
        private final Listener listener;
        private final int max;
        private final StringBuilder partial = new StringBuilder();
        private long oversizedChars = -1; // >= 0 while discarding an oversized message
        private volatile JdkConnection connection;
        private final AtomicBoolean terminated = new AtomicBoolean();

        Adapter(Listener listener, int max) {
            this.listener = listener;
            this.max = max;
        }

        synchronized JdkConnection connection(WebSocket ws) {
            if (connection == null) {
                connection = new JdkConnection(ws);
            }
            return connection;
        }

        @Override
        public void onOpen(WebSocket ws) {
            listener.onOpen(connection(ws));
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (oversizedChars >= 0) {
                oversizedChars += data.length();
            } else if (partial.length() + (long) data.length() > max) {
                oversizedChars = partial.length() + (long) data.length();
                partial.setLength(0);
                partial.trimToSize();
            } else {
                partial.append(data);
            }
            if (!last) {
                ws.request(1);
                return null;
            }
            if (oversizedChars >= 0) {
                long n = oversizedChars;
                oversizedChars = -1;
                try {
                    listener.onMessageTooLarge(n);
                } finally {
                    ws.request(1);
                }
                return null;
            }
            String message = partial.toString();
            partial.setLength(0);
            if (partial.capacity() > 64 * 1024) {
                partial.trimToSize();
            }
            CompletionStage<?> next = null;
            try {
                next = listener.onText(message);
            } finally {
                if (next == null) {
                    ws.request(1); // also when the listener threw: never stop reading by accident
                } else {
                    next.whenComplete((v, e) -> ws.request(1));
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            try {
                if (last) {
                    listener.onBinaryMessage(data.remaining());
                }
            } finally {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (terminated.compareAndSet(false, true)) {
                listener.onClosed(statusCode, reason);
            }
            ws.abort();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (terminated.compareAndSet(false, true)) {
                listener.onError(error);
            }
        }
    }

    private static final class JdkConnection implements Connection {
        private final WebSocket ws;
        private final AtomicBoolean closing = new AtomicBoolean();

        JdkConnection(WebSocket ws) {
            this.ws = ws;
        }

        @Override
        public CompletionStage<Void> sendText(String text) {
            try {
                return ws.sendText(text, true).thenApply(w -> null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void close() {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((w, e) -> ws.abort());
            } catch (RuntimeException e) {
                ws.abort();
            }
        }
    }
}
