package network.mostro.server.lightning.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.PayRequest;

/** Shared helpers for the embedded Lightning tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {}

    /** A preimage and its SHA-256 payment hash, from a seeded random. */
    record Secret(String preimage, String hash) {
        static Secret next(Random random) {
            byte[] p = new byte[32];
            random.nextBytes(p);
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(p);
                return new Secret(HexFormat.of().formatHex(p), HexFormat.of().formatHex(h));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    static HoldInvoiceRequest hold(Secret s, long sats) {
        return new HoldInvoiceRequest(s.hash(), sats, "Escrow amount Order #1", 144, 0);
    }

    static PayRequest pay(String bolt11) {
        return new PayRequest(bolt11, 0, 100, Duration.ofSeconds(60));
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("stage failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("stage did not complete", e);
        }
    }

    static LightningException failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(LightningException.class);
            return (LightningException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("stage did not complete", e);
        }
        return fail("expected the stage to fail");
    }

    /** Records updates, the threads they arrive on, and whether two ever overlapped. */
    static final class Recorder implements InvoiceListener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        @Override
        public void onUpdate(InvoiceUpdate update) {
            enter();
            events.add(update);
            leave();
        }

        @Override
        public void onError(LightningException error) {
            enter();
            events.add(error);
            leave();
        }

        private void enter() {
            threads.add(Thread.currentThread().getName());
            if (inside.incrementAndGet() > 1) {
                overlapped = true;
            }
            Thread.yield();
        }

        private void leave() {
            inside.decrementAndGet();
        }

        Object next() {
            try {
                Object o = events.poll(10, TimeUnit.SECONDS);
                if (o == null) {
                    throw new AssertionError("no event within 10 s");
                }
                return o;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        InvoiceUpdate nextUpdate() {
            Object o = next();
            assertThat(o).isInstanceOf(InvoiceUpdate.class);
            return (InvoiceUpdate) o;
        }

        InvoiceUpdate expect(InvoiceState state) {
            InvoiceUpdate u = nextUpdate();
            assertThat(u.state()).isEqualTo(state);
            return u;
        }

        LightningException nextError() {
            Object o = next();
            assertThat(o).isInstanceOf(LightningException.class);
            return (LightningException) o;
        }

        /** Asserts nothing more arrives within {@code millis}. */
        void assertQuiet(long millis) throws InterruptedException {
            assertThat(events.poll(millis, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    /** Live threads whose names start with {@code prefix}, now. */
    static List<String> threadsNamed(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /**
     * Live threads whose names start with {@code prefix}, after giving threads that have finished their last task
     * up to a second to exit (a pool's termination can precede its worker threads' final return by a moment).
     */
    static List<String> threadsLeft(String prefix) throws InterruptedException {
        List<String> names = threadsNamed(prefix);
        for (int attempt = 0; attempt < 50 && !names.isEmpty(); attempt++) {
            Thread.sleep(20);
            names = threadsNamed(prefix);
        }
        return names;
    }
}
