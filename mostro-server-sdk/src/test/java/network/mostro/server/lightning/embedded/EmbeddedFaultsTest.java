package network.mostro.server.lightning.embedded;

import static network.mostro.server.lightning.embedded.Fixtures.T0;
import static network.mostro.server.lightning.embedded.Fixtures.await;
import static network.mostro.server.lightning.embedded.Fixtures.failure;
import static network.mostro.server.lightning.embedded.Fixtures.hold;
import static network.mostro.server.lightning.embedded.Fixtures.pay;
import static network.mostro.server.lightning.embedded.Fixtures.threadsLeft;
import static network.mostro.server.lightning.embedded.Fixtures.threadsNamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.server.ManualClock;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;
import network.mostro.server.lightning.embedded.Fixtures.Recorder;
import network.mostro.server.lightning.embedded.Fixtures.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedFaultsTest {
    private final Random random = new Random(5);
    private ManualClock clock;
    private EmbeddedLightning ln;
    private LightningBackend mostro;
    private Wallet buyer;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(T0);
        ln = EmbeddedLightning.builder().clock(clock).random(new Random(2)).build();
        mostro = ln.node("mostro");
        ln.fundNode("mostro", 100_000);
        buyer = ln.wallet("buyer", 0);
    }

    @AfterEach
    void tearDown() {
        ln.close();
    }

    private String invoice(long sats) {
        return buyer.createInvoice(sats, "payout", Duration.ofHours(1));
    }

    // ------------------------------------------------------------------ idempotency

    @Test
    void secondSendForASucceededHashTracksItAndNeverPaysTwice() {
        String bolt11 = invoice(1_000);
        Payment first = await(mostro.sendPayment(pay(bolt11)));
        Payment second = await(mostro.sendPayment(pay(bolt11)));
        Payment third = await(ln.node("mostro").sendPayment(pay(bolt11))); // a restarted client
        assertThat(first.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(buyer.balance()).isEqualTo(1_000);
        assertThat(ln.balance("mostro")).isEqualTo(99_000);
        assertThat(buyer.received()).hasSize(1);
    }

    @Test
    void concurrentSendsForOneInvoicePayOnce() throws Exception {
        int threads = 8;
        for (int round = 0; round < 20; round++) {
            String bolt11 = invoice(100);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<CompletableFuture<CompletionStage<Payment>>> calls = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    LightningBackend handle = t % 2 == 0 ? mostro : ln.node("mostro");
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                        return handle.sendPayment(pay(bolt11));
                    }, pool));
                }
                start.countDown();
                for (var call : calls) {
                    Payment p = await(call.get());
                    assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
                }
            } finally {
                pool.shutdown();
            }
        }
        assertThat(buyer.balance()).isEqualTo(20 * 100);
        assertThat(buyer.received()).hasSize(20);
        assertThat(ln.balance("mostro")).isEqualTo(100_000 - 2_000);
    }

    @Test
    void inFlightPaymentSurvivesAClientRestartAndIsPaidOnce() throws InterruptedException {
        String bolt11 = invoice(2_500);
        String hash = Bolt11.decode(bolt11).paymentHash();
        ln.faults().holdPayments();
        LightningBackend before = ln.node("mostro");
        CompletionStage<Payment> pending = before.sendPayment(pay(bolt11));
        assertThat(await(before.trackPayment(hash)).status()).isEqualTo(PaymentStatus.IN_FLIGHT);
        assertThat(ln.balance("mostro")).isEqualTo(100_000);

        before.close(); // the node crashes with the payout in flight
        assertThat(failure(pending).reason()).isEqualTo(Reason.CLOSED);

        LightningBackend after = ln.node("mostro");
        assertThat(await(after.trackPayment(hash)).status()).isEqualTo(PaymentStatus.IN_FLIGHT);
        CompletionStage<Payment> retried = after.sendPayment(pay(bolt11)); // tracks, does not pay again
        Thread.sleep(50);
        assertThat(retried.toCompletableFuture()).isNotDone();
        assertThat(ln.faults().releasePayments()).isEqualTo(1);
        Payment p = await(retried);
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(await(after.trackPayment(hash))).isEqualTo(p);
        assertThat(buyer.balance()).isEqualTo(2_500);
        assertThat(ln.balance("mostro")).isEqualTo(97_500);
        assertThat(await(after.sendPayment(pay(bolt11)))).isEqualTo(p);
        assertThat(buyer.received()).hasSize(1);
    }

    @Test
    void stillInFlightAtTheTimeoutFailsTheStageWithTimeoutButNotThePayment() {
        String bolt11 = invoice(300);
        String hash = Bolt11.decode(bolt11).paymentHash();
        ln.faults().holdPayments();
        LightningException e = failure(mostro.sendPayment(new PayRequest(bolt11, 0, 10, Duration.ofMillis(150))));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(await(mostro.trackPayment(hash)).status()).isEqualTo(PaymentStatus.IN_FLIGHT);
        ln.faults().releasePayments();
        assertThat(await(mostro.trackPayment(hash)).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(buyer.balance()).isEqualTo(300);
    }

    @Test
    void concurrentTradesKeepTheLedgerConsistent() throws Exception {
        int threads = 4;
        int trades = 25;
        List<Wallet> sellers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            sellers.add(ln.wallet("seller" + t, 1_000_000));
        }
        long total = ln.balance("mostro") + buyer.balance() + sellers.stream().mapToLong(Wallet::balance).sum();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Wallet seller = sellers.get(t);
                Random r = new Random(100 + t);
                LightningBackend handle = ln.node("mostro");
                results.add(CompletableFuture.supplyAsync(() -> {
                    long settled = 0;
                    for (int i = 0; i < trades; i++) {
                        Secret s = Secret.next(r);
                        long amount = 1_000 + r.nextInt(5_000);
                        HoldInvoice h = await(handle.addHoldInvoice(hold(s, amount)));
                        CompletionStage<Payment> paid = seller.pay(h.bolt11());
                        Recorder rec = new Recorder();
                        var sub = handle.subscribeInvoice(s.hash(), rec);
                        while (rec.nextUpdate().state() != InvoiceState.ACCEPTED) {
                            // wait for the HTLC
                        }
                        sub.close();
                        if (r.nextBoolean()) {
                            await(handle.settleHoldInvoice(s.preimage()));
                            assertThat(await(paid).status()).isEqualTo(PaymentStatus.SUCCEEDED);
                            settled += amount;
                            Payment payout = await(handle.sendPayment(pay(buyer.createInvoice(amount - 10, "payout",
                                    Duration.ofHours(1)))));
                            assertThat(payout.status()).isEqualTo(PaymentStatus.SUCCEEDED);
                        } else {
                            await(handle.cancelHoldInvoice(s.hash()));
                            assertThat(await(paid).status()).isEqualTo(PaymentStatus.FAILED);
                        }
                    }
                    return settled;
                }, pool));
            }
            long settled = 0;
            for (var f : results) {
                settled += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(ln.lockedSats()).isZero();
            long sellersNow = sellers.stream().mapToLong(Wallet::balance).sum();
            assertThat(sellersNow).isEqualTo(threads * 1_000_000L - settled);
            assertThat(ln.balance("mostro") + buyer.balance() + sellersNow).isEqualTo(total);
            assertThat(buyer.received().stream().mapToLong(Payment::amountSats).sum()).isEqualTo(buyer.balance());
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------ faults

    @Test
    void failNextPaymentsFailsExactlyThatManyAndMovesNothing() {
        ln.faults().failNextPayments(2, EmbeddedLightning.FAILURE_TIMEOUT);
        String a = invoice(10);
        String b = invoice(20);
        String c = invoice(30);
        Payment pa = await(mostro.sendPayment(pay(a)));
        Payment pb = await(mostro.sendPayment(pay(b)));
        Payment pc = await(mostro.sendPayment(pay(c)));
        assertThat(pa.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(pa.failureReason()).contains(EmbeddedLightning.FAILURE_TIMEOUT);
        assertThat(pb.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(pc.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(buyer.balance()).isEqualTo(30);
        assertThat(ln.balance("mostro")).isEqualTo(100_000 - 30);
        // A failed payment may be retried, and then it goes through.
        assertThat(await(mostro.sendPayment(pay(a))).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(buyer.balance()).isEqualTo(40);
        // Default reason.
        ln.faults().failNextPayments(1);
        assertThat(await(mostro.sendPayment(pay(invoice(5)))).failureReason())
                .contains(EmbeddedLightning.FAILURE_NO_ROUTE);
        assertThatThrownBy(() -> ln.faults().failNextPayments(-1)).isInstanceOf(
                network.mostro.nostr.InvalidInputException.class);
    }

    @Test
    void delayedPaymentIsInFlightUntilTheDelayPasses() {
        ln.faults().delayPayments(Duration.ofMillis(400));
        String bolt11 = invoice(40);
        long start = System.nanoTime();
        CompletionStage<Payment> stage = mostro.sendPayment(pay(bolt11));
        assertThat(await(mostro.trackPayment(Bolt11.decode(bolt11).paymentHash())).status())
                .isEqualTo(PaymentStatus.IN_FLIGHT);
        assertThat(buyer.balance()).isZero();
        assertThat(await(stage).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
        assertThat(buyer.balance()).isEqualTo(40);
    }

    @Test
    void acceptanceCanBeHeldOrDelayed() {
        Wallet seller = ln.wallet("seller", 5_000);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 1_000)));
        ln.faults().holdAcceptance();
        CompletionStage<Payment> paid = seller.pay(h.bolt11());
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.OPEN);
        assertThat(seller.balance()).isEqualTo(5_000);
        assertThat(ln.faults().releaseAcceptance()).isEqualTo(1);
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.ACCEPTED);
        assertThat(seller.balance()).isEqualTo(4_000);
        await(mostro.settleHoldInvoice(s.preimage()));
        assertThat(await(paid).status()).isEqualTo(PaymentStatus.SUCCEEDED);

        ln.faults().delayAcceptance(Duration.ofMillis(400));
        Secret s2 = Secret.next(random);
        HoldInvoice h2 = await(mostro.addHoldInvoice(hold(s2, 500)));
        Recorder rec = new Recorder();
        mostro.subscribeInvoice(s2.hash(), rec);
        rec.expect(InvoiceState.OPEN);
        seller.pay(h2.bolt11());
        assertThat(await(mostro.lookupInvoice(s2.hash())).state()).isEqualTo(InvoiceState.OPEN);
        rec.expect(InvoiceState.ACCEPTED);
        assertThat(seller.balance()).isEqualTo(3_500);
    }

    @Test
    void heldAcceptanceOfACanceledInvoiceFailsThePayer() {
        Wallet seller = ln.wallet("seller", 5_000);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 1_000)));
        ln.faults().holdAcceptance();
        CompletionStage<Payment> paid = seller.pay(h.bolt11());
        await(mostro.cancelHoldInvoice(s.hash()));
        ln.faults().releaseAcceptance();
        Payment p = await(paid);
        assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(p.failureReason()).contains(EmbeddedLightning.FAILURE_INCORRECT_PAYMENT_DETAILS);
        assertThat(seller.balance()).isEqualTo(5_000);
    }

    @Test
    void unavailableBackendRefusesCallsUntilAvailableAgain() {
        Secret s = Secret.next(random);
        await(mostro.addHoldInvoice(hold(s, 1_000)));
        Recorder rec = new Recorder();
        mostro.subscribeInvoice(s.hash(), rec);
        rec.expect(InvoiceState.OPEN);
        Secret other = Secret.next(random);
        HoldInvoice otherHold = await(mostro.addHoldInvoice(hold(other, 700)));
        Recorder otherRec = new Recorder();
        mostro.subscribeInvoice(other.hash(), otherRec);
        otherRec.expect(InvoiceState.OPEN);

        ln.faults().unavailable();
        List<CompletionStage<?>> calls = List.of(mostro.getInfo(), mostro.lookupInvoice(s.hash()),
                mostro.addHoldInvoice(hold(Secret.next(random), 5)), mostro.cancelHoldInvoice(s.hash()),
                mostro.settleHoldInvoice(s.preimage()), mostro.sendPayment(pay(invoice(1))),
                mostro.trackPayment(s.hash()));
        for (CompletionStage<?> c : calls) {
            LightningException e = failure(c);
            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.isRetryable()).isTrue();
        }
        // Wallets and existing subscriptions keep working.
        Wallet seller = ln.wallet("seller", 2_000);
        seller.pay(otherHold.bolt11());
        otherRec.expect(InvoiceState.ACCEPTED);
        assertThat(seller.balance()).isEqualTo(1_300);
        ln.faults().available();
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.OPEN);
        assertThat(await(mostro.lookupInvoice(other.hash())).state()).isEqualTo(InvoiceState.ACCEPTED);
        assertThat(ln.balance("mostro")).isEqualTo(100_000);
    }

    @Test
    void resetClearsEverything() {
        ln.faults().failNextPayments(5).delayPayments(Duration.ofHours(1)).holdPayments().unavailable();
        ln.faults().reset();
        assertThat(await(mostro.sendPayment(pay(invoice(7)))).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    // ------------------------------------------------------------------ close

    @Test
    void closingAHandleFailsItsStagesEndsItsSubscriptionsAndStopsItsThreads() throws InterruptedException {
        LightningBackend handle = ln.node("mostro"); // handle number 2
        Secret s = Secret.next(random);
        await(handle.addHoldInvoice(hold(s, 1_000)));
        Recorder rec = new Recorder();
        handle.subscribeInvoice(s.hash(), rec);
        rec.expect(InvoiceState.OPEN);
        ln.faults().holdPayments();
        CompletionStage<Payment> pending = handle.sendPayment(pay(invoice(10)));
        assertThat(threadsNamed(ln.threadNamePrefix() + "mostro-2-")).isNotEmpty();

        handle.close();
        handle.close(); // idempotent
        assertThat(failure(pending).reason()).isEqualTo(Reason.CLOSED);
        assertThat(rec.nextError().reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure(handle.getInfo()).reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure(handle.sendPayment(pay(invoice(10)))).reason()).isEqualTo(Reason.CLOSED);
        Recorder afterClose = new Recorder();
        handle.subscribeInvoice(s.hash(), afterClose);
        assertThat(afterClose.nextError().reason()).isEqualTo(Reason.CLOSED);
        assertThat(threadsLeft(ln.threadNamePrefix() + "mostro-2-")).isEmpty();
        // The node itself lives on.
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.OPEN);
    }

    @Test
    void closingTheNetworkStopsEveryThread() throws InterruptedException {
        Wallet seller = ln.wallet("seller", 10_000);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 1_000)));
        Recorder rec = new Recorder();
        mostro.subscribeInvoice(s.hash(), rec);
        CompletionStage<Payment> walletStage = seller.pay(h.bolt11());
        ln.faults().delayPayments(Duration.ofSeconds(30));
        CompletionStage<Payment> nodeStage = mostro.sendPayment(pay(invoice(5)));
        assertThat(threadsNamed(ln.threadNamePrefix())).isNotEmpty();

        ln.close();
        assertThat(failure(walletStage).reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure(nodeStage).reason()).isEqualTo(Reason.CLOSED);
        rec.expect(InvoiceState.OPEN);
        rec.expect(InvoiceState.ACCEPTED);
        assertThat(rec.nextError().reason()).isEqualTo(Reason.CLOSED);
        assertThat(threadsLeft(ln.threadNamePrefix())).isEmpty();
        assertThat(failure(seller.pay(h.bolt11())).reason()).isEqualTo(Reason.CLOSED);
        assertThatThrownBy(() -> ln.node("again")).isInstanceOf(LightningException.class);
        ln.close();
    }

    // ------------------------------------------------------------------ money is conserved

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void moneyIsConservedUnderRandomOperations(long seed) {
        Random r = new Random(seed);
        try (EmbeddedLightning net = EmbeddedLightning.builder().clock(clock).random(new Random(seed))
                .routingFee(r.nextInt(3), r.nextInt(5_000)).build()) {
            LightningBackend node = net.node("mostro");
            List<Wallet> wallets = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                wallets.add(net.wallet("w" + i, 5_000 + r.nextInt(50_000)));
            }
            long total = sum(net, wallets);
            List<Secret> holds = new ArrayList<>();
            List<CompletionStage<Payment>> stages = new ArrayList<>();
            for (int step = 0; step < 120; step++) {
                int op = r.nextInt(7);
                Wallet w = wallets.get(r.nextInt(wallets.size()));
                switch (op) {
                    case 0, 1 -> {
                        Secret s = Secret.next(r);
                        HoldInvoice h = await(node.addHoldInvoice(new HoldInvoiceRequest(s.hash(),
                                1 + r.nextInt(20_000), "escrow", 10 + r.nextInt(150), 0)));
                        holds.add(s);
                        stages.add(w.pay(h.bolt11()));
                    }
                    case 2 -> {
                        if (!holds.isEmpty()) {
                            Secret s = holds.get(r.nextInt(holds.size()));
                            node.settleHoldInvoice(s.preimage()).toCompletableFuture().exceptionally(e -> null).join();
                        }
                    }
                    case 3 -> {
                        if (!holds.isEmpty()) {
                            Secret s = holds.get(r.nextInt(holds.size()));
                            node.cancelHoldInvoice(s.hash()).toCompletableFuture().exceptionally(e -> null).join();
                        }
                    }
                    case 4 -> net.mineBlocks(r.nextInt(40));
                    case 5 -> {
                        long amount = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(30_000);
                        String inv = w.createInvoice(amount, "payout", Duration.ofHours(1));
                        PayRequest req = new PayRequest(inv, amount == 0 ? 1 + r.nextInt(30_000) : 0, 100,
                                Duration.ofSeconds(30));
                        Payment p = await(node.sendPayment(req));
                        assertThat(p.status()).isIn(PaymentStatus.SUCCEEDED, PaymentStatus.FAILED);
                    }
                    default -> {
                        Wallet to = wallets.get(r.nextInt(wallets.size()));
                        if (to != w) {
                            await(w.pay(to.createInvoice(1 + r.nextInt(10_000), "p2p", Duration.ofMinutes(5))));
                        }
                    }
                }
                assertThat(sum(net, wallets)).as("step %d op %d", step, op).isEqualTo(total);
                for (Wallet x : wallets) {
                    assertThat(x.balance()).isNotNegative();
                }
                assertThat(net.balance("mostro")).isNotNegative();
            }
            for (Secret s : holds) {
                node.cancelHoldInvoice(s.hash()).toCompletableFuture().exceptionally(e -> null).join();
            }
            for (CompletionStage<Payment> st : stages) {
                assertThat(await(st).status()).isIn(PaymentStatus.SUCCEEDED, PaymentStatus.FAILED);
            }
            assertThat(net.lockedSats()).isZero();
            assertThat(sum(net, wallets)).isEqualTo(total);
        }
    }

    private static long sum(EmbeddedLightning net, List<Wallet> wallets) {
        long s = net.balance("mostro") + net.lockedSats() + net.feesSats();
        for (Wallet w : wallets) {
            s += w.balance();
        }
        return s;
    }
}
