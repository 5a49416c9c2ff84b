package network.mostro.nostr.relay;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted in-memory transport: the test plays the relay. Thread-safe. */
final class FakeTransport implements WebSocketTransport {
    final Map<URI, FakeRelay> relays = new ConcurrentHashMap<>();

    FakeRelay relay(String uri) {
        return relays.computeIfAbsent(URI.create(uri), FakeRelay::new);
    }

    @Override
    public CompletionStage<Connection> connect(URI uri, int maxMessageChars, Listener listener) {
        FakeRelay r = relays.computeIfAbsent(uri, FakeRelay::new);
        r.connects.incrementAndGet();
        if (r.refuse) {
            return CompletableFuture.failedFuture(new java.io.IOException("connection refused"));
        }
        FakeConnection c = new FakeConnection(r, listener, maxMessageChars);
        r.current = c;
        listener.onOpen(c);
        return CompletableFuture.completedFuture(c);
    }

    static final class FakeRelay {
        final URI uri;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final AtomicInteger connects = new AtomicInteger();
        volatile boolean refuse;
        volatile FakeConnection current;

        FakeRelay(URI uri) {
            this.uri = uri;
        }

        /** The relay sends one frame. */
        void send(String frame) {
            FakeConnection c = current;
            synchronized (c) {
                if (frame.length() > c.max) {
                    c.listener.onMessageTooLarge(frame.length());
                } else {
                    c.listener.onText(frame);
                }
            }
        }

        /** The connection drops. */
        void drop() {
            FakeConnection c = current;
            synchronized (c) {
                c.listener.onClosed(1006, "dropped");
            }
        }

        /** The next frame the client sent (fails the test after 5 s). */
        String take() throws InterruptedException {
            String s = received.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("client sent nothing to " + uri);
            }
            return s;
        }

        /** The next frame starting with {@code prefix}, skipping others. */
        String take(String prefix) throws InterruptedException {
            while (true) {
                String s = take();
                if (s.startsWith(prefix)) {
                    return s;
                }
            }
        }
    }

    static final class FakeConnection implements Connection {
        final FakeRelay relay;
        final Listener listener;
        final int max;
        volatile boolean closed;

        FakeConnection(FakeRelay relay, Listener listener, int max) {
            this.relay = relay;
            this.listener = listener;
            this.max = max;
        }

        @Override
        public CompletionStage<Void> sendText(String text) {
            if (closed) {
                return CompletableFuture.failedFuture(new java.io.IOException("closed"));
            }
            relay.received.add(text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
