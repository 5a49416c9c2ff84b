package network.mostro.server.lightning.lnd;

import static network.mostro.server.lightning.lnd.LndBackendTest.MACAROON;
import static network.mostro.server.lightning.lnd.LndBackendTest.backend;
import static network.mostro.server.lightning.lnd.LndBackendTest.join;
import static network.mostro.server.lightning.lnd.LndBackendTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SubscribeSingleInvoice through the backend: order, no concurrency, drops, node restarts, close. */
class LndInvoiceStreamTest {
    private FakeLnd fake;
    private LndBackend lnd;

    /** Records updates and checks that calls never overlap. */
    static final class Recorder implements InvoiceListener {
        final List<InvoiceUpdate> updates = new CopyOnWriteArrayList<>();
        final List<LightningException> errors = new CopyOnWriteArrayList<>();
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        @Override
        public void onUpdate(InvoiceUpdate u) {
            enter();
            updates.add(u);
            sleepBriefly();
            inside.decrementAndGet();
        }

        @Override
        public void onError(LightningException e) {
            enter();
            errors.add(e);
            inside.decrementAndGet();
        }

        private void enter() {
            if (inside.incrementAndGet() > 1) {
                overlapped = true;
            }
        }

        private static void sleepBriefly() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<InvoiceState> states() {
            return updates.stream().map(InvoiceUpdate::state).toList();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeLnd(TestCerts.lnd(), MACAROON).start();
        lnd = backend(fake, TestCerts.lnd(), MACAROON).build();
    }

    @AfterEach
    void tearDown() {
        lnd.close();
        fake.close();
    }

    private String newHold() {
        String[] ph = FakeLnd.newPreimage();
        join(lnd.addHoldInvoice(new HoldInvoiceRequest(ph[1], 10_000, "escrow", 144, 0)));
        return ph[1];
    }

    @Test
    void deliversEveryStateInOrderWithoutOverlap() {
        String hash = newHold();
        Recorder rec = new Recorder();
        InvoiceSubscription sub = lnd.subscribeInvoice(hash, rec);
        waitFor(() -> rec.updates.size() == 1);
        assertThat(rec.updates.get(0)).isEqualTo(new InvoiceUpdate(hash, InvoiceState.OPEN, 0, 0));
        waitFor(() -> fake.count("GET", "/v2/invoices/subscribe/") == 1);
        assertThat(fake.last("/v2/invoices/subscribe/").path()).isEqualTo("/v2/invoices/subscribe/"
                + Base64.getUrlEncoder().encodeToString(HexFormat.of().parseHex(hash)));
        fake.acceptHtlc(hash, 644);
        waitFor(() -> rec.updates.size() == 2);
        assertThat(rec.updates.get(1)).isEqualTo(new InvoiceUpdate(hash, InvoiceState.ACCEPTED, 10_000, 644));
        fake.forceState(hash, "SETTLED");
        waitFor(() -> rec.updates.size() == 3);
        assertThat(rec.states()).containsExactly(InvoiceState.OPEN, InvoiceState.ACCEPTED, InvoiceState.SETTLED);
        assertThat(rec.errors).isEmpty();
        assertThat(rec.overlapped).isFalse();
        sub.close();
        sub.close(); // idempotent
    }

    @Test
    void droppedStreamsReconnectAndLoseNothing() {
        fake.dropSubscribeAfter = 1; // every stream ends after its first message
        String hash = newHold();
        Recorder rec = new Recorder();
        lnd.subscribeInvoice(hash, rec);
        waitFor(() -> fake.count("GET", "/v2/invoices/subscribe/") >= 3);
        fake.acceptHtlc(hash, 700);
        waitFor(() -> rec.updates.size() == 2);
        waitFor(() -> fake.count("GET", "/v2/invoices/subscribe/") >= 6);
        fake.forceState(hash, "CANCELED");
        waitFor(() -> rec.updates.size() == 3);
        assertThat(rec.states()).containsExactly(InvoiceState.OPEN, InvoiceState.ACCEPTED, InvoiceState.CANCELED);
        assertThat(rec.errors).isEmpty();
        assertThat(rec.overlapped).isFalse();
        // each reconnection re-read the state with LookupInvoice first
        assertThat(fake.count("GET", "/v1/invoice/")).isGreaterThanOrEqualTo(fake.count("GET",
                "/v2/invoices/subscribe/") - 1);
        // the final state ends the subscription: no more requests
        long before = fake.requests.size();
        sleep(600);
        assertThat(fake.requests.size()).isEqualTo(before);
    }

    @Test
    void nodeRestartWhileStatesChangeIsSurvived() throws Exception {
        String hash = newHold();
        Recorder rec = new Recorder();
        lnd.subscribeInvoice(hash, rec);
        waitFor(() -> rec.updates.size() == 1 && fake.count("GET", "/v2/invoices/subscribe/") == 1);

        fake.stop(); // connection cut, node down
        fake.acceptHtlc(hash, 650); // changes while the client cannot see them
        sleep(700); // several failed reconnects (connection refused)
        assertThat(rec.updates).hasSize(1);
        fake.start();
        waitFor(() -> rec.updates.size() == 2);
        assertThat(rec.updates.get(1)).isEqualTo(new InvoiceUpdate(hash, InvoiceState.ACCEPTED, 10_000, 650));

        fake.stop();
        fake.forceState(hash, "SETTLED");
        fake.start();
        waitFor(() -> rec.updates.size() == 3);
        assertThat(rec.states()).containsExactly(InvoiceState.OPEN, InvoiceState.ACCEPTED, InvoiceState.SETTLED);
        assertThat(rec.errors).as("transient drops are hidden").isEmpty();
        assertThat(rec.overlapped).isFalse();
    }

    @Test
    void acceptedAndSettledDuringOneOutageAreBothReported() throws Exception {
        String hash = newHold();
        Recorder rec = new Recorder();
        lnd.subscribeInvoice(hash, rec);
        waitFor(() -> rec.updates.size() == 1 && fake.count("GET", "/v2/invoices/subscribe/") == 1);
        fake.stop();
        fake.acceptHtlc(hash, 650);
        fake.forceState(hash, "SETTLED");
        fake.start();
        waitFor(() -> rec.updates.size() == 3);
        assertThat(rec.states()).containsExactly(InvoiceState.OPEN, InvoiceState.ACCEPTED, InvoiceState.SETTLED);
        assertThat(rec.updates.get(1).amountPaidSats()).isEqualTo(10_000);
    }

    @Test
    void silentStreamIsReconnected() throws Exception {
        lnd.close();
        lnd = backend(fake, TestCerts.lnd(), MACAROON).streamIdleTimeout(Duration.ofMillis(300)).build();
        String hash = newHold();
        Recorder rec = new Recorder();
        lnd.subscribeInvoice(hash, rec);
        waitFor(() -> fake.count("GET", "/v2/invoices/subscribe/") >= 3);
        assertThat(rec.updates).hasSize(1);
        fake.acceptHtlc(hash, 700);
        waitFor(() -> rec.updates.size() == 2);
        assertThat(rec.errors).isEmpty();
    }

    @Test
    void unknownInvoiceEndsTheSubscriptionWithNotFound() {
        Recorder rec = new Recorder();
        lnd.subscribeInvoice(FakeLnd.newPreimage()[1], rec);
        waitFor(() -> rec.errors.size() == 1);
        assertThat(rec.errors.get(0).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(rec.updates).isEmpty();
    }

    @Test
    void refusedMacaroonEndsTheSubscription() {
        String hash = newHold();
        try (LndBackend wrong = backend(fake, TestCerts.lnd(), "00ff").build()) {
            Recorder rec = new Recorder();
            wrong.subscribeInvoice(hash, rec);
            waitFor(() -> rec.errors.size() == 1);
            assertThat(rec.errors.get(0).reason()).isEqualTo(Reason.UNAUTHORIZED);
        }
    }

    @Test
    void closedSubscriptionStopsDelivering() {
        String hash = newHold();
        Recorder rec = new Recorder();
        InvoiceSubscription sub = lnd.subscribeInvoice(hash, rec);
        waitFor(() -> rec.updates.size() == 1 && fake.count("GET", "/v2/invoices/subscribe/") == 1);
        sub.close();
        fake.acceptHtlc(hash, 700);
        sleep(400);
        assertThat(rec.updates).hasSize(1);
        assertThat(rec.errors).isEmpty();
    }

    @Test
    void closingTheBackendEndsSubscriptionsAndLeavesNoThreads() {
        int selectorsBefore = LndBackendTest.threads("HttpClient-").size();
        LndBackend b = backend(fake, TestCerts.lnd(), MACAROON).build();
        String[] ph = FakeLnd.newPreimage();
        join(b.addHoldInvoice(new HoldInvoiceRequest(ph[1], 1000, "m", 144, 0)));
        Recorder rec = new Recorder();
        b.subscribeInvoice(ph[1], rec);
        waitFor(() -> rec.updates.size() == 1);
        assertThat(LndBackendTest.threads("mostro-lnd-")).isNotEmpty();
        b.close();
        waitFor(() -> rec.errors.size() == 1);
        assertThat(rec.errors.get(0).reason()).isEqualTo(Reason.CLOSED);
        lnd.close();
        waitFor(() -> LndBackendTest.threads("mostro-lnd-").isEmpty());
        // The JDK 17 HttpClient has no close(); its selector thread ends once the client is unreachable.
        b = null;
        lnd = null;
        waitFor(() -> {
            System.gc();
            // both clients (this test's and setUp's) gone: one fewer than before b was built
            return LndBackendTest.threads("HttpClient-").size() <= selectorsBefore - 1;
        });
        lnd = backend(fake, TestCerts.lnd(), MACAROON).build(); // for tearDown
    }

    @Test
    void listenersRunOnTheGivenExecutor() throws Exception {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-callbacks"));
        try (LndBackend b = backend(fake, TestCerts.lnd(), MACAROON).executor(mine).build()) {
            String[] ph = FakeLnd.newPreimage();
            join(b.addHoldInvoice(new HoldInvoiceRequest(ph[1], 1000, "m", 144, 0)));
            List<String> threads = new CopyOnWriteArrayList<>();
            b.subscribeInvoice(ph[1], u -> threads.add(Thread.currentThread().getName()));
            waitFor(() -> threads.size() == 1);
            assertThat(threads).containsExactly("my-callbacks");
            String name = b.getInfo().thenApply(i -> Thread.currentThread().getName()).toCompletableFuture()
                    .get();
            assertThat(name).isIn("my-callbacks", Thread.currentThread().getName());
        } finally {
            mine.shutdownNow();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
