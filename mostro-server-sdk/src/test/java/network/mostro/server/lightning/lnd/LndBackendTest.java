package network.mostro.server.lightning.lnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LND REST backend against {@link FakeLnd}: unary calls, errors, TLS pinning, macaroons, payments. */
class LndBackendTest {
    static final String MACAROON = "0201036c6e6402f801030a10b3bf6906c1937139ac0684ac4417139d1201301a160a0761646472657373";
    private FakeLnd fake;
    private LndBackend lnd;

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

    static LndBackend.Builder backend(FakeLnd fake, TestCerts.Cert cert, String macaroon) {
        return LndBackend.builder().restUrl(fake.url()).macaroonHex(macaroon).tlsCertificatePem(cert.pem())
                .requestTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(2))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).paymentGrace(Duration.ofSeconds(2));
    }

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LightningException le) {
                throw le;
            }
            throw new AssertionError("not a LightningException", e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static LightningException failure(CompletionStage<?> stage) {
        try {
            join(stage);
        } catch (LightningException e) {
            return e;
        }
        throw new AssertionError("expected a LightningException");
    }

    private HoldInvoice hold(String hash, long sats) {
        return join(lnd.addHoldInvoice(new HoldInvoiceRequest(hash, sats, "Escrow amount Order #1", 144, 0)));
    }

    @Test
    void getInfoReadsNetworkHeightAndIdentity() {
        NodeInfo info = join(lnd.getInfo());
        assertThat(info.network()).isEqualTo(LightningNetwork.REGTEST);
        assertThat(info.blockHeight()).isEqualTo(500);
        assertThat(info.alias()).isEqualTo("fake-lnd");
        assertThat(info.version()).startsWith("0.18.4-beta");
        assertThat(info.commitHash()).hasSize(40);
        assertThat(info.pubkey()).hasSize(66);
        assertThat(info.uris()).containsExactly(info.pubkey() + "@127.0.0.1:9735");
        FakeLnd.Request r = fake.last("/v1/getinfo");
        assertThat(r.macaroon()).isEqualTo(MACAROON);
        assertThat(r.method()).isEqualTo("GET");
    }

    @Test
    void getInfoRejectsAnUnknownNetwork() {
        fake.network = "simnet";
        assertThat(failure(lnd.getInfo()).reason()).isEqualTo(Reason.INVALID_REQUEST);
    }

    @Test
    void holdInvoiceLifecycleUsesLndShapes() {
        String[] ph = FakeLnd.newPreimage();
        HoldInvoice inv = hold(ph[1], 56_244);
        assertThat(inv.paymentHashHex()).isEqualTo(ph[1]);
        assertThat(inv.amountSats()).isEqualTo(56_244);
        Bolt11Invoice decoded = Bolt11.decode(inv.bolt11());
        assertThat(decoded.paymentHash()).isEqualTo(ph[1]);
        assertThat(decoded.amountMsat().getAsLong()).isEqualTo(56_244_000L);
        assertThat(decoded.minFinalCltvExpiryDelta()).isEqualTo(144);
        assertThat(decoded.description()).contains("Escrow amount Order #1");

        FakeLnd.Request add = fake.last("/v2/invoices/hodl");
        assertThat(add.body().get("hash").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(ph[1])));
        assertThat(add.body().get("value").isTextual()).as("int64 as a JSON string").isTrue();
        assertThat(add.body().get("value").asText()).isEqualTo("56244");
        assertThat(add.body().get("cltv_expiry").asText()).isEqualTo("144");
        assertThat(add.body().has("expiry")).as("0 = LND's default expiry").isFalse();

        InvoiceUpdate open = join(lnd.lookupInvoice(ph[1]));
        assertThat(open).isEqualTo(new InvoiceUpdate(ph[1], InvoiceState.OPEN, 0, 0));

        fake.acceptHtlc(ph[1], 644);
        InvoiceUpdate accepted = join(lnd.lookupInvoice(ph[1]));
        assertThat(accepted).isEqualTo(new InvoiceUpdate(ph[1], InvoiceState.ACCEPTED, 56_244, 644));

        join(lnd.settleHoldInvoice(ph[0]));
        assertThat(fake.state(ph[1])).isEqualTo("SETTLED");
        FakeLnd.Request settle = fake.last("/v2/invoices/settle");
        assertThat(settle.body().get("preimage").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(ph[0])));
        assertThat(join(lnd.lookupInvoice(ph[1])).state()).isEqualTo(InvoiceState.SETTLED);
        assertThat(join(lnd.lookupInvoice(ph[1])).htlcExpiryHeight()).isZero();

        join(lnd.settleHoldInvoice(ph[0])); // idempotent
        assertThat(failure(lnd.cancelHoldInvoice(ph[1])).reason()).isEqualTo(Reason.INVALID_STATE);
    }

    @Test
    void explicitExpiryIsSent() {
        String[] ph = FakeLnd.newPreimage();
        HoldInvoice inv = join(lnd.addHoldInvoice(new HoldInvoiceRequest(ph[1], 1000, "m", 144, 900)));
        assertThat(fake.last("/v2/invoices/hodl").body().get("expiry").asText()).isEqualTo("900");
        assertThat(Bolt11.decode(inv.bolt11()).expirySeconds()).isEqualTo(900);
    }

    @Test
    void duplicateHashIsAlreadyExists() {
        String[] ph = FakeLnd.newPreimage();
        hold(ph[1], 1000);
        LightningException e = failure(lnd.addHoldInvoice(new HoldInvoiceRequest(ph[1], 1000, "again", 144, 0)));
        assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("invoice with payment hash already exists");
    }

    @Test
    void cancelIsIdempotentAndSettlingOpenOrCanceledIsInvalidState() {
        String[] ph = FakeLnd.newPreimage();
        hold(ph[1], 1000);
        assertThat(failure(lnd.settleHoldInvoice(ph[0])).reason()).as("open").isEqualTo(Reason.INVALID_STATE);
        join(lnd.cancelHoldInvoice(ph[1]));
        assertThat(fake.state(ph[1])).isEqualTo("CANCELED");
        assertThat(fake.last("/v2/invoices/cancel").body().get("payment_hash").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(ph[1])));
        join(lnd.cancelHoldInvoice(ph[1]));
        assertThat(join(lnd.lookupInvoice(ph[1])).state()).isEqualTo(InvoiceState.CANCELED);
        assertThat(failure(lnd.settleHoldInvoice(ph[0])).reason()).as("canceled").isEqualTo(Reason.INVALID_STATE);
    }

    @Test
    void unknownHashesAreNotFound() {
        String[] ph = FakeLnd.newPreimage();
        assertThat(failure(lnd.lookupInvoice(ph[1])).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure(lnd.settleHoldInvoice(ph[0])).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure(lnd.cancelHoldInvoice(ph[1])).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(fake.last("/v1/invoice/").path()).isEqualTo("/v1/invoice/" + ph[1]);
    }

    @Test
    void badArgumentsFailTheStageWithoutNetworkTraffic() {
        assertThat(failure(lnd.lookupInvoice("XYZ")).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(lnd.settleHoldInvoice("00")).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(lnd.cancelHoldInvoice(null)).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(lnd.trackPayment("ab".repeat(31))).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(lnd.addHoldInvoice(null)).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(fake.requests).isEmpty();
    }

    // ------------------------------------------------------------------ payments

    @Test
    void sendPaymentSucceedsWithPreimageAndFee() {
        String[] ph = FakeLnd.newPreimage();
        fake.planPayment(ph[1], FakeLnd.Outcome.SUCCEED, ph[0]);
        String bolt11 = FakeLnd.foreignInvoice(ph[1], 55_908L);
        Payment p = join(lnd.sendPayment(new PayRequest(bolt11, 0, 111, Duration.ofSeconds(60))));
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(p.paymentHashHex()).isEqualTo(ph[1]);
        assertThat(p.preimageHex()).contains(ph[0]);
        assertThat(p.amountSats()).isEqualTo(55_908);
        assertThat(p.feeSats()).isEqualTo(2);
        assertThat(p.failureReason()).isEmpty();
        FakeLnd.Request r = fake.last("/v2/router/send");
        assertThat(r.body().get("payment_request").asText()).isEqualTo(bolt11);
        assertThat(r.body().get("fee_limit_sat").asText()).isEqualTo("111");
        assertThat(r.body().get("timeout_seconds").asInt()).isEqualTo(60);
        assertThat(r.body().get("no_inflight_updates").asBoolean()).isTrue();
        assertThat(r.body().has("amt")).isFalse();
    }

    @Test
    void amountlessInvoiceIsPaidWithAmt() {
        String[] ph = FakeLnd.newPreimage();
        fake.planPayment(ph[1], FakeLnd.Outcome.SUCCEED, ph[0]);
        Payment p = join(lnd.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], null), 777, 10,
                Duration.ofSeconds(60))));
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(p.amountSats()).isEqualTo(777);
        assertThat(fake.last("/v2/router/send").body().get("amt").asText()).isEqualTo("777");
    }

    @Test
    void localChecksRefuseBadPayRequests() {
        String[] ph = FakeLnd.newPreimage();
        assertThat(failure(lnd.sendPayment(new PayRequest("lnbcrt1garbage", 0, 10, Duration.ofSeconds(5))))
                .reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(lnd.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], 1000L), 999, 10,
                Duration.ofSeconds(5)))).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(failure(lnd.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], null), 0, 10,
                Duration.ofSeconds(5)))).reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(fake.count("POST", "/v2/router/send")).isZero();
    }

    @Test
    void failedPaymentIsAResultNotAnException() {
        String[] ph = FakeLnd.newPreimage();
        fake.planPayment(ph[1], FakeLnd.Outcome.FAIL_NO_ROUTE, null);
        Payment p = join(lnd.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], 1000L), 0, 10,
                Duration.ofSeconds(60))));
        assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(p.failureReason()).contains("FAILURE_REASON_NO_ROUTE");
        assertThat(p.preimageHex()).isEmpty();
        // a failed payment may be retried: LND accepts a new attempt for the same hash
        fake.planPayment(ph[1], FakeLnd.Outcome.SUCCEED, ph[0]);
        Payment again = join(lnd.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], 1000L), 0, 10,
                Duration.ofSeconds(60))));
        assertThat(again.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(fake.paymentAttempts.get()).isEqualTo(2);
    }

    @Test
    void sendingAgainTracksInsteadOfPayingTwice() {
        String[] ph = FakeLnd.newPreimage();
        fake.planPayment(ph[1], FakeLnd.Outcome.SUCCEED, ph[0]);
        fake.paymentDelayMillis = 1500;
        String bolt11 = FakeLnd.foreignInvoice(ph[1], 5000L);
        CompletionStage<Payment> first = lnd.sendPayment(new PayRequest(bolt11, 0, 10, Duration.ofSeconds(60)));
        waitFor(() -> fake.paymentAttempts.get() == 1);
        CompletionStage<Payment> second = lnd.sendPayment(new PayRequest(bolt11, 0, 10, Duration.ofSeconds(60)));
        assertThat(join(first).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(join(second)).isEqualTo(join(first));
        // "payment is in transition" was answered, then TrackPaymentV2 used
        assertThat(fake.count("GET", "/v2/router/track/")).isGreaterThanOrEqualTo(1);
        assertThat(fake.last("/v2/router/track/").path())
                .isEqualTo("/v2/router/track/" + Base64.getUrlEncoder().encodeToString(HexFormat.of().parseHex(ph[1]))
                        + "?no_inflight_updates=true");
        // after success: "invoice is already paid" → tracked, still one attempt
        Payment third = join(lnd.sendPayment(new PayRequest(bolt11, 0, 10, Duration.ofSeconds(60))));
        assertThat(third.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(third.preimageHex()).contains(ph[0]);
        assertThat(fake.paymentAttempts.get()).isEqualTo(1);
    }

    @Test
    void droppedSendStreamIsFollowedByTracking() {
        String[] ph = FakeLnd.newPreimage();
        fake.planPayment(ph[1], FakeLnd.Outcome.SUCCEED, ph[0]);
        fake.dropSendAfterRegister = true;
        Payment p = join(lnd.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], 5000L), 0, 10,
                Duration.ofSeconds(60))));
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(fake.paymentAttempts.get()).isEqualTo(1);
        assertThat(fake.count("GET", "/v2/router/track/")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void paymentStillInFlightAtTheDeadlineIsATimeout() {
        String[] ph = FakeLnd.newPreimage();
        fake.planPayment(ph[1], FakeLnd.Outcome.HANG, null);
        long t0 = System.nanoTime();
        LightningException e = failure(lnd.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], 5000L), 0, 10,
                Duration.ofSeconds(1))));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        assertThat(join(lnd.trackPayment(ph[1])).status()).isEqualTo(PaymentStatus.IN_FLIGHT);
    }

    @Test
    void noRetryReachesLndAfterTheDeadlineTimedTheRunOut() throws Exception {
        // The send fails (LND down), a TrackPaymentV2 retry is scheduled after 1 s, but the run times out first.
        // Once the caller has been told "outcome unknown", neither that retry nor the SendPaymentV2 it would lead
        // to ("payment isn't initiated" -> send again) may reach LND.
        LndBackend slow = backend(fake, TestCerts.lnd(), MACAROON)
                .reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).paymentGrace(Duration.ZERO).build();
        try {
            fake.stop();
            String[] ph = FakeLnd.newPreimage();
            LightningException e = failure(slow.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], 5000L), 0,
                    10, Duration.ofMillis(300))));
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            fake.start();
            Thread.sleep(3_500); // past the scheduled track (1 s) and the send it would trigger (2 s)
            assertThat(fake.count("GET", "/v2/router/track/")).isZero();
            assertThat(fake.count("POST", "/v2/router/send")).isZero();
            assertThat(fake.paymentAttempts.get()).isZero();
        } finally {
            slow.close();
        }
    }

    @Test
    void trackPaymentReportsUnknownInFlightAndFinal() {
        String[] ph = FakeLnd.newPreimage();
        assertThat(join(lnd.trackPayment(ph[1])).status()).isEqualTo(PaymentStatus.UNKNOWN);
        fake.planPayment(ph[1], FakeLnd.Outcome.SUCCEED, ph[0]);
        fake.paymentDelayMillis = 1000;
        CompletionStage<Payment> send = lnd.sendPayment(new PayRequest(FakeLnd.foreignInvoice(ph[1], 5000L), 0, 10,
                Duration.ofSeconds(60)));
        waitFor(() -> fake.paymentAttempts.get() == 1);
        assertThat(join(lnd.trackPayment(ph[1])).status()).isEqualTo(PaymentStatus.IN_FLIGHT);
        join(send);
        Payment done = join(lnd.trackPayment(ph[1]));
        assertThat(done.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(done.preimageHex()).contains(ph[0]);
        assertThat(fake.last("/v2/router/track/").path()).endsWith("?no_inflight_updates=false");
    }

    // ------------------------------------------------------------------ failures

    @Test
    void stalledServerTimesOut() {
        try (LndBackend quick = backend(fake, TestCerts.lnd(), MACAROON).requestTimeout(Duration.ofMillis(300))
                .build()) {
            // Connect (TCP + TLS) before the stall: under CI load a 300 ms budget can run out during the
            // handshake, which is correctly reported as UNAVAILABLE (connect timeout), not what this test is about.
            for (int i = 0; i < 20; i++) {
                try {
                    join(quick.getInfo());
                    break;
                } catch (RuntimeException warmupFailed) {
                    // retry: the machine may be too busy for a 300 ms handshake
                }
            }
            fake.stallMillis = 3000;
            long t0 = System.nanoTime();
            LightningException e = failure(quick.getInfo());
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.isRetryable()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        } finally {
            fake.stallMillis = 0;
        }
    }

    @Test
    void wrongMacaroonIsUnauthorized() {
        try (LndBackend wrong = backend(fake, TestCerts.lnd(), "0201ab").build()) {
            LightningException e = failure(wrong.getInfo());
            assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("verification failed");
            assertThat(e.isRetryable()).isFalse();
            fake.authAs401 = true;
            assertThat(failure(wrong.getInfo()).reason()).isEqualTo(Reason.UNAUTHORIZED);
        }
    }

    @Test
    void anotherCertificateIsRefusedBeforeTheMacaroonIsSent() {
        try (LndBackend pinnedElsewhere = backend(fake, TestCerts.other(), MACAROON).build()) {
            LightningException e = failure(pinnedElsewhere.getInfo());
            assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("pinned");
        }
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void hostNameMustBeACertificateSanUnlessDisabled() throws Exception {
        try (FakeLnd noIp = new FakeLnd(TestCerts.noIpSan(), MACAROON).start()) {
            try (LndBackend strict = backend(noIp, TestCerts.noIpSan(), MACAROON).build()) {
                LightningException e = failure(strict.getInfo());
                assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                assertThat(e.getMessage()).contains("subject alternative names");
            }
            try (LndBackend byName = backend(noIp, TestCerts.noIpSan(), MACAROON)
                    .restUrl("https://localhost:" + noIp.port()).build()) {
                assertThat(join(byName.getInfo()).alias()).isEqualTo("fake-lnd");
            }
            try (LndBackend lax = backend(noIp, TestCerts.noIpSan(), MACAROON).verifyHostname(false).build()) {
                assertThat(join(lax.getInfo()).alias()).isEqualTo("fake-lnd");
            }
        }
    }

    @Test
    void stoppedNodeIsUnavailable() {
        fake.stop();
        LightningException e = failure(lnd.getInfo());
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void closeFailsPendingCallsAndLaterCalls() {
        fake.stallMillis = 5000;
        CompletionStage<NodeInfo> pending = lnd.getInfo();
        waitFor(() -> fake.count("GET", "/v1/getinfo") == 1);
        lnd.close();
        assertThat(failure(pending).reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure(lnd.getInfo()).reason()).isEqualTo(Reason.CLOSED);
        fake.stallMillis = 0;
    }

    @Test
    void builderValidatesAndReadsFiles(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> LndBackend.builder().macaroonHex(MACAROON).tlsCertificatePem(TestCerts.lnd().pem())
                .build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("restUrl");
        assertThatThrownBy(() -> LndBackend.builder().restUrl("http://127.0.0.1:8080").macaroonHex(MACAROON)
                .tlsCertificatePem(TestCerts.lnd().pem()).build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LndBackend.builder().restUrl("https://127.0.0.1:8080").macaroonHex("xyz")
                .tlsCertificatePem(TestCerts.lnd().pem()).build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LndBackend.builder().restUrl("https://127.0.0.1:8080").macaroonHex(MACAROON)
                .tlsCertificatePem("not a cert").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LndBackend.builder().restUrl("https://127.0.0.1:8080").macaroonHex(MACAROON)
                .build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("tls.cert");
        assertThatThrownBy(() -> LndBackend.builder().restUrl("https://127.0.0.1:8080")
                .macaroonFile(dir.resolve("missing.macaroon")).tlsCertificatePem(TestCerts.lnd().pem()).build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LndBackend.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class);

        Path mac = dir.resolve("admin.macaroon");
        Files.write(mac, HexFormat.of().parseHex(MACAROON));
        try (LndBackend fromFiles = LndBackend.builder().restUrl(fake.url() + "/").macaroonFile(mac)
                .tlsCertificate(TestCerts.lnd().pemFile()).build()) {
            assertThat(join(fromFiles.getInfo()).network()).isEqualTo(LightningNetwork.REGTEST);
        }
        assertThat(fake.last("/v1/getinfo").macaroon()).isEqualTo(MACAROON);
    }

    static void waitFor(java.util.function.BooleanSupplier cond) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static List<Thread> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)
                && t.isAlive()).toList();
    }
}
