package network.mostro.server.lightning.embedded;

import static network.mostro.server.lightning.embedded.Fixtures.T0;
import static network.mostro.server.lightning.embedded.Fixtures.await;
import static network.mostro.server.lightning.embedded.Fixtures.failure;
import static network.mostro.server.lightning.embedded.Fixtures.hold;
import static network.mostro.server.lightning.embedded.Fixtures.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.server.ManualClock;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;
import network.mostro.server.lightning.embedded.Fixtures.Recorder;
import network.mostro.server.lightning.embedded.Fixtures.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedLightningTest {
    private final Random random = new Random(20261124);
    private ManualClock clock;
    private EmbeddedLightning ln;
    private LightningBackend mostro;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(T0);
        ln = EmbeddedLightning.builder().clock(clock).random(new Random(1)).build();
        mostro = ln.node("mostro");
    }

    @AfterEach
    void tearDown() {
        ln.close();
    }

    private long total(Wallet... wallets) {
        long sum = ln.balance("mostro") + ln.lockedSats() + ln.feesSats();
        for (Wallet w : wallets) {
            sum += w.balance();
        }
        return sum;
    }

    // ------------------------------------------------------------------ invoices are real BOLT11

    @Test
    void holdInvoiceIsARealSignedBolt11() {
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 10_150)));
        NodeInfo info = await(mostro.getInfo());

        Bolt11Invoice inv = Bolt11.decode(h.bolt11());
        assertThat(h.paymentHashHex()).isEqualTo(s.hash());
        assertThat(h.amountSats()).isEqualTo(10_150);
        assertThat(h.bolt11()).startsWith("lnbcrt");
        assertThat(inv.network()).isEqualTo(LightningNetwork.REGTEST);
        assertThat(inv.paymentHash()).isEqualTo(s.hash());
        assertThat(inv.amountMsat().getAsLong()).isEqualTo(10_150_000L);
        assertThat(inv.payeeNodeId()).isEqualTo(info.pubkey()).isEqualTo(ln.nodePubkey("mostro")).hasSize(66);
        assertThat(inv.payeeNodeIdExplicit()).isFalse();
        assertThat(inv.minFinalCltvExpiryDelta()).isEqualTo(144);
        assertThat(inv.expirySeconds()).isEqualTo(86_400);
        assertThat(inv.timestamp()).isEqualTo(T0);
        assertThat(inv.description()).contains("Escrow amount Order #1");
        assertThat(inv.paymentSecret()).hasSize(64);

        // A flipped character breaks the checksum or the signature: the invoice is authentic.
        char[] c = h.bolt11().toCharArray();
        int i = c.length - 10;
        c[i] = c[i] == 'q' ? 'p' : 'q';
        assertThatThrownBy(() -> Bolt11.decode(new String(c))).isInstanceOf(NostrException.class);
    }

    @Test
    void nodesHaveDistinctKeysAndReportNetworkAndHeight() {
        LightningBackend other = ln.node("other");
        NodeInfo a = await(mostro.getInfo());
        NodeInfo b = await(other.getInfo());
        assertThat(a.pubkey()).isNotEqualTo(b.pubkey());
        assertThat(a.alias()).isEqualTo("mostro");
        assertThat(a.network()).isEqualTo(LightningNetwork.REGTEST);
        assertThat(a.blockHeight()).isEqualTo(1000);
        ln.mineBlocks(6);
        assertThat(await(mostro.getInfo()).blockHeight()).isEqualTo(1006).isEqualTo(ln.blockHeight());
        // A second handle on the same alias is the same node.
        assertThat(await(ln.node("mostro").getInfo()).pubkey()).isEqualTo(a.pubkey());
    }

    @Test
    void walletInvoicesWithAndWithoutAmount() {
        Wallet buyer = ln.wallet("buyer", 0);
        Bolt11Invoice withAmount = Bolt11.decode(buyer.createInvoice(9_800, "payout", Duration.ofHours(2)));
        Bolt11Invoice amountless = Bolt11.decode(buyer.createInvoice(0, "any", Duration.ofMinutes(10)));
        assertThat(withAmount.amountMsat().getAsLong()).isEqualTo(9_800_000L);
        assertThat(withAmount.expirySeconds()).isEqualTo(7200);
        assertThat(withAmount.payeeNodeId()).isEqualTo(buyer.pubkey());
        assertThat(amountless.isAmountless()).isTrue();
        assertThat(amountless.payeeNodeId()).isEqualTo(buyer.pubkey());
        assertThat(amountless.paymentHash()).isNotEqualTo(withAmount.paymentHash());
        assertThatThrownBy(() -> buyer.createInvoice(-1, "x", Duration.ofHours(1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> buyer.createInvoice(1, "x", Duration.ZERO)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void otherNetworksUseTheirPrefix() {
        try (EmbeddedLightning main = EmbeddedLightning.builder().network(LightningNetwork.MAINNET).clock(clock)
                .build()) {
            HoldInvoice h = await(main.node("m").addHoldInvoice(hold(Secret.next(random), 1000)));
            assertThat(h.bolt11()).startsWith("lnbc10u1");
            assertThat(Bolt11.decode(h.bolt11()).network()).isEqualTo(LightningNetwork.MAINNET);
        }
    }

    // ------------------------------------------------------------------ hold invoice lifecycle

    @Test
    void holdInvoiceSettleMovesTheSellersSatsToTheNode() {
        Wallet seller = ln.wallet("seller", 100_000);
        long total = total(seller);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 10_000)));
        Recorder rec = new Recorder();
        mostro.subscribeInvoice(s.hash(), rec);
        assertThat(rec.expect(InvoiceState.OPEN).amountPaidSats()).isZero();

        CompletionStage<Payment> paid = seller.pay(h.bolt11());
        InvoiceUpdate accepted = rec.expect(InvoiceState.ACCEPTED);
        assertThat(accepted.amountPaidSats()).isEqualTo(10_000);
        assertThat(accepted.htlcExpiryHeight()).isEqualTo(1000 + 144);
        assertThat(paid.toCompletableFuture()).isNotDone();
        assertThat(seller.balance()).isEqualTo(90_000);
        assertThat(ln.lockedSats()).isEqualTo(10_000);
        assertThat(ln.balance("mostro")).isZero();
        assertThat(total(seller)).isEqualTo(total);
        assertThat(await(mostro.lookupInvoice(s.hash()))).isEqualTo(accepted);
        assertThat(seller.payments()).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.IN_FLIGHT));

        await(mostro.settleHoldInvoice(s.preimage()));
        Payment p = await(paid);
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(p.preimageHex()).contains(s.preimage());
        assertThat(p.amountSats()).isEqualTo(10_000);
        InvoiceUpdate settled = rec.expect(InvoiceState.SETTLED);
        assertThat(settled.amountPaidSats()).isEqualTo(10_000);
        assertThat(settled.htlcExpiryHeight()).isZero();
        assertThat(seller.balance()).isEqualTo(90_000);
        assertThat(ln.balance("mostro")).isEqualTo(10_000);
        assertThat(ln.lockedSats()).isZero();
        assertThat(total(seller)).isEqualTo(total);

        // Settling again is idempotent; canceling a settled invoice is refused; nothing moves.
        await(mostro.settleHoldInvoice(s.preimage()));
        assertThat(failure(mostro.cancelHoldInvoice(s.hash())).reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(ln.balance("mostro")).isEqualTo(10_000);
        assertThat(seller.balance()).isEqualTo(90_000);
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.SETTLED);
    }

    @Test
    void holdInvoiceCancelRefundsTheSeller() {
        Wallet seller = ln.wallet("seller", 50_000);
        long total = total(seller);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 20_000)));
        Recorder rec = new Recorder();
        mostro.subscribeInvoice(s.hash(), rec);
        rec.expect(InvoiceState.OPEN);
        CompletionStage<Payment> paid = seller.pay(h.bolt11());
        rec.expect(InvoiceState.ACCEPTED);
        assertThat(seller.balance()).isEqualTo(30_000);
        assertThat(total(seller)).isEqualTo(total);

        await(mostro.cancelHoldInvoice(s.hash()));
        Payment p = await(paid);
        assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(p.failureReason()).contains(EmbeddedLightning.FAILURE_INCORRECT_PAYMENT_DETAILS);
        assertThat(p.preimageHex()).isEmpty();
        assertThat(rec.expect(InvoiceState.CANCELED).amountPaidSats()).isEqualTo(20_000);
        assertThat(seller.balance()).isEqualTo(50_000);
        assertThat(ln.balance("mostro")).isZero();
        assertThat(ln.lockedSats()).isZero();
        assertThat(total(seller)).isEqualTo(total);

        await(mostro.cancelHoldInvoice(s.hash())); // idempotent
        assertThat(failure(mostro.settleHoldInvoice(s.preimage())).reason()).isEqualTo(Reason.INVALID_STATE);
        // A canceled invoice cannot be paid again.
        Payment again = await(seller.pay(h.bolt11()));
        assertThat(again.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(again.failureReason()).contains(EmbeddedLightning.FAILURE_INCORRECT_PAYMENT_DETAILS);
        assertThat(seller.balance()).isEqualTo(50_000);
    }

    @Test
    void invalidStatesAndUnknownInvoicesAreTypedErrors() {
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 5_000)));
        assertThat(failure(mostro.settleHoldInvoice(s.preimage())).reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(failure(mostro.addHoldInvoice(hold(s, 7_000))).reason()).isEqualTo(Reason.ALREADY_EXISTS);

        Secret unknown = Secret.next(random);
        assertThat(failure(mostro.settleHoldInvoice(unknown.preimage())).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure(mostro.cancelHoldInvoice(unknown.hash())).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure(mostro.lookupInvoice(unknown.hash())).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure(ln.node("other").lookupInvoice(s.hash())).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure(mostro.settleHoldInvoice("zz")).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(mostro.cancelHoldInvoice(s.hash().toUpperCase())).reason())
                .isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(mostro.trackPayment("00")).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(mostro.addHoldInvoice(null)).reason()).isEqualTo(Reason.INVALID_REQUEST);

        // Canceling an open invoice works, and then it cannot be paid.
        await(mostro.cancelHoldInvoice(s.hash()));
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.CANCELED);
        Wallet w = ln.wallet("w", 10_000);
        assertThat(await(w.pay(h.bolt11())).failureReason())
                .contains(EmbeddedLightning.FAILURE_INCORRECT_PAYMENT_DETAILS);
        assertThat(w.balance()).isEqualTo(10_000);
    }

    // ------------------------------------------------------------------ subscriptions

    @Test
    void subscriptionReplaysTheCurrentStateFirst() throws InterruptedException {
        Wallet seller = ln.wallet("seller", 10_000);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 1_000)));
        CompletionStage<Payment> paid = seller.pay(h.bolt11());
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.ACCEPTED);

        Recorder late = new Recorder();
        mostro.subscribeInvoice(s.hash(), late);
        assertThat(late.expect(InvoiceState.ACCEPTED).htlcExpiryHeight()).isEqualTo(1144);
        await(mostro.settleHoldInvoice(s.preimage()));
        late.expect(InvoiceState.SETTLED);
        late.assertQuiet(50);
        await(paid);

        Recorder afterFinal = new Recorder();
        ln.node("mostro").subscribeInvoice(s.hash(), afterFinal); // another handle sees the same node
        afterFinal.expect(InvoiceState.SETTLED);
        afterFinal.assertQuiet(50);

        Recorder missing = new Recorder();
        mostro.subscribeInvoice(Secret.next(random).hash(), missing);
        assertThat(missing.nextError().reason()).isEqualTo(Reason.NOT_FOUND);
        Recorder malformed = new Recorder();
        mostro.subscribeInvoice("not-a-hash", malformed);
        assertThat(malformed.nextError().reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void updatesArriveInOrderOnInternalThreadsNeverConcurrently() {
        int n = 24;
        Wallet seller = ln.wallet("seller", 1_000_000);
        Secret[] secrets = new Secret[n];
        Recorder[] recs = new Recorder[n];
        List<CompletionStage<Payment>> paid = new ArrayList<>();
        Recorder shared = new Recorder();
        for (int i = 0; i < n; i++) {
            secrets[i] = Secret.next(random);
            HoldInvoice h = await(mostro.addHoldInvoice(hold(secrets[i], 1_000 + i)));
            recs[i] = new Recorder();
            mostro.subscribeInvoice(secrets[i].hash(), recs[i]);
            mostro.subscribeInvoice(secrets[i].hash(), shared); // one listener on many subscriptions
            paid.add(seller.pay(h.bolt11()));
        }
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                await(mostro.settleHoldInvoice(secrets[i].preimage()));
            } else {
                await(mostro.cancelHoldInvoice(secrets[i].hash()));
            }
        }
        for (int i = 0; i < n; i++) {
            recs[i].expect(InvoiceState.OPEN);
            recs[i].expect(InvoiceState.ACCEPTED);
            recs[i].expect(i % 2 == 0 ? InvoiceState.SETTLED : InvoiceState.CANCELED);
            assertThat(recs[i].overlapped).isFalse();
            assertThat(recs[i].threads).allSatisfy(t -> assertThat(t).startsWith(ln.threadNamePrefix() + "mostro-1-")
                    .isNotEqualTo(Thread.currentThread().getName()));
            assertThat(await(paid.get(i)).status()).isEqualTo(i % 2 == 0 ? PaymentStatus.SUCCEEDED : PaymentStatus.FAILED);
        }
        long expectedNode = 0;
        for (int i = 0; i < n; i += 2) {
            expectedNode += 1_000 + i;
        }
        assertThat(ln.balance("mostro")).isEqualTo(expectedNode);
        assertThat(seller.balance()).isEqualTo(1_000_000 - expectedNode);
        for (int i = 0; i < 3 * n; i++) {
            shared.nextUpdate();
        }
    }

    @Test
    void closedSubscriptionGetsNothingMore() throws InterruptedException {
        Wallet seller = ln.wallet("seller", 10_000);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 1_000)));
        Recorder rec = new Recorder();
        var sub = mostro.subscribeInvoice(s.hash(), rec);
        rec.expect(InvoiceState.OPEN);
        sub.close();
        sub.close();
        seller.pay(h.bolt11());
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.ACCEPTED);
        rec.assertQuiet(100);
    }

    @Test
    void aThrowingListenerStillGetsLaterUpdates() {
        Wallet seller = ln.wallet("seller", 10_000);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 1_000)));
        Recorder rec = new Recorder();
        java.util.concurrent.atomic.AtomicBoolean thrown = new java.util.concurrent.atomic.AtomicBoolean();
        mostro.subscribeInvoice(s.hash(), u -> {
            rec.onUpdate(u);
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("listener bug");
            }
        });
        rec.expect(InvoiceState.OPEN);
        seller.pay(h.bolt11());
        rec.expect(InvoiceState.ACCEPTED);
        assertThat(thrown).isTrue();
    }

    @Test
    void sweepReportsAnExpiredOpenInvoiceWithoutOtherCalls() {
        Secret s = Secret.next(random);
        await(mostro.addHoldInvoice(new HoldInvoiceRequest(s.hash(), 10, "m", 144, 30)));
        Recorder rec = new Recorder();
        mostro.subscribeInvoice(s.hash(), rec);
        rec.expect(InvoiceState.OPEN);
        clock.advance(Duration.ofSeconds(30));
        ln.sweep();
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.OPEN); // not strictly after
        clock.advance(Duration.ofSeconds(1));
        ln.sweep();
        rec.expect(InvoiceState.CANCELED);
    }

    // ------------------------------------------------------------------ outgoing payments

    /** Funds the node the way a trade does: a seller pays a hold invoice that the node settles. */
    private void fundByEscrow(long sats) {
        Wallet seller = ln.wallet("escrow-" + random.nextInt(1_000_000), sats);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, sats)));
        CompletionStage<Payment> p = seller.pay(h.bolt11());
        awaitState(s.hash(), InvoiceState.ACCEPTED);
        await(mostro.settleHoldInvoice(s.preimage()));
        assertThat(await(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    private void awaitState(String hash, InvoiceState state) {
        Recorder r = new Recorder();
        var sub = mostro.subscribeInvoice(hash, r);
        try {
            while (r.nextUpdate().state() != state) {
                // wait for the next update
            }
        } finally {
            sub.close();
        }
    }

    @Test
    void payoutToAnInvoiceWithAmount() {
        fundByEscrow(10_000);
        Wallet buyer = ln.wallet("buyer", 0);
        String bolt11 = buyer.createInvoice(9_900, "payout", Duration.ofHours(1));
        Payment p = await(mostro.sendPayment(pay(bolt11)));
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(p.amountSats()).isEqualTo(9_900);
        assertThat(p.feeSats()).isZero();
        String hash = Bolt11.decode(bolt11).paymentHash();
        assertThat(p.paymentHashHex()).isEqualTo(hash);
        assertThat(sha256(p.preimageHex().orElseThrow())).isEqualTo(hash);
        assertThat(buyer.balance()).isEqualTo(9_900);
        assertThat(buyer.received()).singleElement().satisfies(r -> {
            assertThat(r.amountSats()).isEqualTo(9_900);
            assertThat(r.paymentHashHex()).isEqualTo(hash);
        });
        assertThat(ln.balance("mostro")).isEqualTo(100);
        assertThat(await(mostro.trackPayment(hash))).isEqualTo(p);
        // Passing the same amount explicitly is fine; a different one is refused before anything moves.
        String second = buyer.createInvoice(50, "x", Duration.ofHours(1));
        assertThat(failure(mostro.sendPayment(new PayRequest(second, 49, 10, Duration.ofSeconds(60)))).reason())
                .isEqualTo(Reason.INVALID_REQUEST);
        assertThat(await(mostro.sendPayment(new PayRequest(second, 50, 10, Duration.ofSeconds(60)))).status())
                .isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(ln.balance("mostro")).isEqualTo(50);
    }

    @Test
    void payoutToAnAmountlessInvoice() {
        fundByEscrow(10_000);
        Wallet buyer = ln.wallet("buyer", 0);
        String bolt11 = buyer.createInvoice(0, "any amount", Duration.ofHours(1));
        assertThat(failure(mostro.sendPayment(pay(bolt11))).reason()).isEqualTo(Reason.INVALID_REQUEST);
        Payment p = await(mostro.sendPayment(new PayRequest(bolt11, 7_777, 10, Duration.ofSeconds(60))));
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(p.amountSats()).isEqualTo(7_777);
        assertThat(buyer.balance()).isEqualTo(7_777);
        assertThat(ln.balance("mostro")).isEqualTo(2_223);
    }

    @Test
    void malformedInvoiceIsInvalidRequest() {
        for (String bad : new String[] {"", "lnbcrt1", "hello", "lnbcrt10u1pqqqqq", "x".repeat(9000)}) {
            assertThat(failure(mostro.sendPayment(pay(bad))).reason()).as(bad).isEqualTo(Reason.INVALID_REQUEST);
        }
        Wallet w = ln.wallet("w", 100);
        assertThat(failure(w.pay("nonsense")).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(mostro.sendPayment(null)).reason()).isEqualTo(Reason.INVALID_REQUEST);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {11, 12, 13, 14})
    void garbledInvoicesNeverEscapeAsUntypedExceptions(long seed) {
        Random r = new Random(seed);
        ln.fundNode("mostro", 1_000);
        Wallet buyer = ln.wallet("buyer", 1_000);
        String valid = ln.wallet("payee", 0).createInvoice(100, "x", Duration.ofHours(1));
        String alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l1LNBC ";
        for (int i = 0; i < 200; i++) {
            String input;
            if (i % 2 == 0) {
                char[] c = valid.toCharArray();
                for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
                    c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
                }
                input = r.nextInt(10) == 0 ? new String(c, 0, r.nextInt(c.length)) : new String(c);
            } else {
                StringBuilder b = new StringBuilder("lnbcrt");
                for (int k = 0, n = r.nextInt(300); k < n; k++) {
                    b.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                input = b.toString();
            }
            if (input.equals(valid)) {
                continue;
            }
            assertThat(failure(mostro.sendPayment(pay(input))).reason()).as(input).isEqualTo(Reason.INVALID_REQUEST);
            assertThat(failure(buyer.pay(input)).reason()).as(input).isEqualTo(Reason.INVALID_REQUEST);
        }
        assertThat(ln.balance("mostro")).isEqualTo(1_000);
        assertThat(buyer.balance()).isEqualTo(1_000);
    }

    @Test
    void paymentsThatCannotGoAheadFailWithAReasonAndMoveNothing() {
        fundByEscrow(1_000);
        Wallet buyer = ln.wallet("buyer", 0);
        long before = ln.balance("mostro");

        // Another network.
        try (EmbeddedLightning mainnet = EmbeddedLightning.builder().network(LightningNetwork.MAINNET).clock(clock)
                .build()) {
            String foreign = mainnet.wallet("x", 0).createInvoice(100, "m", Duration.ofHours(1));
            assertFailed(await(mostro.sendPayment(pay(foreign))), EmbeddedLightning.FAILURE_WRONG_NETWORK);
        }
        // Expired by the clock.
        String shortLived = buyer.createInvoice(100, "soon", Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(61));
        assertFailed(await(mostro.sendPayment(pay(shortLived))), EmbeddedLightning.FAILURE_INVOICE_EXPIRED);
        // Insufficient balance.
        String big = buyer.createInvoice(1_001, "big", Duration.ofHours(1));
        assertFailed(await(mostro.sendPayment(pay(big))), EmbeddedLightning.FAILURE_INSUFFICIENT_BALANCE);
        // A payee nobody knows: a valid invoice signed with a stranger's key.
        byte[] key = new byte[32];
        random.nextBytes(key);
        String stranger = Bolt11Invoice.builder(LightningNetwork.REGTEST).amountSats(100).timestamp(clock.instant())
                .paymentHash(Secret.next(random).hash()).paymentSecret(Secret.next(random).hash()).description("?")
                .sign(key).paymentRequest();
        assertFailed(await(mostro.sendPayment(pay(stranger))), EmbeddedLightning.FAILURE_NO_ROUTE);
        // Already paid by someone else.
        Wallet friend = ln.wallet("friend", 500);
        String once = buyer.createInvoice(100, "once", Duration.ofHours(1));
        assertThat(await(friend.pay(once)).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertFailed(await(mostro.sendPayment(pay(once))), EmbeddedLightning.FAILURE_INCORRECT_PAYMENT_DETAILS);
        // Paying yourself.
        Secret own = Secret.next(random);
        HoldInvoice ownHold = await(mostro.addHoldInvoice(hold(own, 10)));
        assertFailed(await(mostro.sendPayment(pay(ownHold.bolt11()))), EmbeddedLightning.FAILURE_SELF_PAYMENT);

        assertThat(ln.balance("mostro")).isEqualTo(before);
        assertThat(buyer.balance()).isEqualTo(100);
        assertThat(friend.balance()).isEqualTo(400);
        // A failed payment is recorded and may be retried.
        assertThat(await(mostro.trackPayment(Bolt11.decode(big).paymentHash())).status())
                .isEqualTo(PaymentStatus.FAILED);
        fundByEscrow(5);
        assertThat(await(mostro.sendPayment(pay(big))).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(await(mostro.trackPayment(Secret.next(random).hash())).status()).isEqualTo(PaymentStatus.UNKNOWN);
    }

    private static void assertFailed(Payment p, String reason) {
        assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(p.failureReason()).contains(reason);
        assertThat(p.preimageHex()).isEmpty();
    }

    @Test
    void walletCannotOverspendOrPayExpiredHoldInvoice() {
        Wallet seller = ln.wallet("seller", 999);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 1_000)));
        assertFailed(await(seller.pay(h.bolt11())), EmbeddedLightning.FAILURE_INSUFFICIENT_BALANCE);
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.OPEN);

        Secret s2 = Secret.next(random);
        HoldInvoice h2 = await(mostro.addHoldInvoice(new HoldInvoiceRequest(s2.hash(), 10, "m", 144, 600)));
        assertThat(Bolt11.decode(h2.bolt11()).expirySeconds()).isEqualTo(600);
        Recorder rec = new Recorder();
        mostro.subscribeInvoice(s2.hash(), rec);
        rec.expect(InvoiceState.OPEN);
        clock.advance(Duration.ofSeconds(601));
        assertFailed(await(seller.pay(h2.bolt11())), EmbeddedLightning.FAILURE_INVOICE_EXPIRED);
        // The expired open invoice is canceled, as LND does.
        rec.expect(InvoiceState.CANCELED);
        assertThat(await(mostro.lookupInvoice(s2.hash())).state()).isEqualTo(InvoiceState.CANCELED);
        assertThat(seller.balance()).isEqualTo(999);
    }

    @Test
    void routingFeeIsChargedWithinTheLimit() {
        try (EmbeddedLightning fees = EmbeddedLightning.builder().clock(clock).routingFee(2, 10_000).build()) {
            LightningBackend node = fees.node("n");
            fees.fundNode("n", 10_000);
            Wallet buyer = fees.wallet("buyer", 0);
            String bolt11 = buyer.createInvoice(1_000, "p", Duration.ofHours(1)); // fee = 2 + 1% = 12
            assertFailed(await(node.sendPayment(new PayRequest(bolt11, 0, 11, Duration.ofSeconds(60)))),
                    EmbeddedLightning.FAILURE_NO_ROUTE);
            assertThat(fees.balance("n")).isEqualTo(10_000);
            Payment p = await(node.sendPayment(new PayRequest(bolt11, 0, 12, Duration.ofSeconds(60))));
            assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(p.feeSats()).isEqualTo(12);
            assertThat(fees.balance("n")).isEqualTo(10_000 - 1_012);
            assertThat(fees.feesSats()).isEqualTo(12);
            assertThat(buyer.balance()).isEqualTo(1_000);
        }
    }

    // ------------------------------------------------------------------ chain

    @Test
    void acceptedHoldInvoiceIsCanceledTwelveBlocksBeforeHtlcExpiry() {
        Wallet seller = ln.wallet("seller", 10_000);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(hold(s, 4_000)));
        Recorder rec = new Recorder();
        mostro.subscribeInvoice(s.hash(), rec);
        rec.expect(InvoiceState.OPEN);
        CompletionStage<Payment> paid = seller.pay(h.bolt11());
        assertThat(rec.expect(InvoiceState.ACCEPTED).htlcExpiryHeight()).isEqualTo(1144);

        ln.mineBlocks(131); // 1131: one block short of 1144 - 12
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.ACCEPTED);
        assertThat(seller.balance()).isEqualTo(6_000);
        ln.mineBlocks(1);
        assertThat(ln.blockHeight()).isEqualTo(1132);
        rec.expect(InvoiceState.CANCELED);
        assertFailed(await(paid), EmbeddedLightning.FAILURE_INCORRECT_PAYMENT_DETAILS);
        assertThat(seller.balance()).isEqualTo(10_000);
        assertThat(ln.lockedSats()).isZero();
        assertThat(failure(mostro.settleHoldInvoice(s.preimage())).reason()).isEqualTo(Reason.INVALID_STATE);
        assertThatThrownBy(() -> ln.mineBlocks(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void htlcExpiryCountsFromAcceptanceHeight() {
        Wallet seller = ln.wallet("seller", 10_000);
        Secret s = Secret.next(random);
        HoldInvoice h = await(mostro.addHoldInvoice(new HoldInvoiceRequest(s.hash(), 100, "m", 40, 0)));
        ln.mineBlocks(100);
        seller.pay(h.bolt11());
        awaitState(s.hash(), InvoiceState.ACCEPTED);
        assertThat(await(mostro.lookupInvoice(s.hash())).htlcExpiryHeight()).isEqualTo(1140);
        ln.mineBlocks(27);
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.ACCEPTED);
        ln.mineBlocks(1);
        assertThat(await(mostro.lookupInvoice(s.hash())).state()).isEqualTo(InvoiceState.CANCELED);
    }

    @Test
    void builderAndNamesAreValidated() {
        assertThatThrownBy(() -> EmbeddedLightning.builder().blockHeight(-1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EmbeddedLightning.builder().routingFee(-1, 0))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ln.node(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ln.wallet("w", -5)).isInstanceOf(InvalidInputException.class);
        ln.wallet("w", 5);
        assertThatThrownBy(() -> ln.wallet("w", 5)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ln.balance("nobody")).isInstanceOf(InvalidInputException.class);
        try (EmbeddedLightning d = EmbeddedLightning.create()) {
            assertThat(d.network()).isEqualTo(LightningNetwork.REGTEST);
            assertThat(d.blockHeight()).isEqualTo(1000);
            assertThat(Bolt11.decode(d.wallet("a", 0).createInvoice(1, "", Duration.ofMinutes(1))).timestamp())
                    .isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
        }
    }

    static String sha256(String hex) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(HexFormat.of().parseHex(hex)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
