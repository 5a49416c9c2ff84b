package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;
import network.mostro.nostr.Event;
import network.mostro.protocol.Action;
import network.mostro.protocol.Payload;
import network.mostro.protocol.event.DevFeeAuditEvent;
import network.mostro.protocol.lightning.PaymentRequests;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import network.mostro.server.lightning.embedded.Wallet;
import network.mostro.server.lnurl.HttpLnurlPay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payouts to an LNURL resolved through a local LNURL-pay server on 127.0.0.1 (SPEC §10.3), and the dev fee paid to
 * the development address with its kind-8383 audit event (SPEC §9.2).
 */
class LnurlPayoutTest {
    static final long START = 1_000_000;
    HttpServer server;
    final Map<String, Wallet> payees = new ConcurrentHashMap<>();
    final AtomicInteger invoicesFetched = new AtomicInteger();
    NodeHarness h;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String[] parts = path.split("/");
            String body;
            int status = 200;
            Wallet w = parts.length >= 3 ? payees.get(parts[2]) : null;
            if (w == null) {
                status = 404;
                body = "{\"status\":\"ERROR\",\"reason\":\"unknown\"}";
            } else if (parts[1].equals("lnurlp")) {
                body = "{\"tag\":\"payRequest\",\"callback\":\"http://127.0.0.1:" + server.getAddress().getPort()
                        + "/cb/" + parts[2] + "\",\"minSendable\":1000,\"maxSendable\":1000000000,"
                        + "\"metadata\":\"[[\\\"text/plain\\\",\\\"pay " + parts[2] + "\\\"]]\"}";
            } else {
                invoicesFetched.incrementAndGet();
                long msat = Long.parseLong(ex.getRequestURI().getQuery().replaceAll(".*amount=(\\d+).*", "$1"));
                body = "{\"pr\":\"" + w.createInvoice(msat / 1000, "lnurl", Duration.ofHours(2)) + "\",\"routes\":[]}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
        server.stop(0);
    }

    String lnurl(String name) {
        return PaymentRequests.urlToLnurl("http://127.0.0.1:" + server.getAddress().getPort() + "/lnurlp/" + name);
    }

    @Test
    void buyerIsPaidThroughLnurlAndTheDevFeeIsPaidAndAudited() throws Exception {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings().toBuilder().devFeeAddress(lnurl("dev")).build());
        h.lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();
        h.startNode();
        Trader seller = h.trader("seller", START, false);
        Trader buyer = h.trader("buyer", START, false);
        Wallet dev = h.ln.wallet("dev", 0);
        payees.put("buyer", buyer.wallet);
        payees.put("dev", dev);
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        // an unknown LNURL is refused at take time
        Steps.refused(b, Action.TAKE_SELL, id, Payload.PaymentRequest.of(lnurl("nobody")),
                network.mostro.protocol.CantDoReason.INVALID_INVOICE);
        Key b2 = buyer.newKey();
        b2.send(Action.TAKE_SELL, id, Payload.PaymentRequest.of(lnurl("buyer")));
        var pay = s.expect(Action.PAY_INVOICE);
        b2.expect(Action.WAITING_SELLER_TO_PAY);
        Steps.sellerPays(s, b2, ((Payload.PaymentRequest) pay.payload()).invoice());
        Steps.fiatSent(b2, s, id);
        s.send(Action.RELEASE, id, null);
        b2.expect(Action.RELEASED);
        b2.expect(Action.PURCHASE_COMPLETED);
        assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
        // the dev fee job: 30 % of the node's 600 sats
        h.clock.advance(Duration.ofSeconds(61));
        h.node.tick();
        h.node.backgroundJobs().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(dev.balance()).isEqualTo(180);
        NodeHarness.await("audit event", () -> !h.relayEvents(DevFeeAuditEvent.KIND).isEmpty());
        Event audit = h.relayEvents(DevFeeAuditEvent.KIND).get(0);
        DevFeeAuditEvent a = DevFeeAuditEvent.parse(audit);
        assertThat(a.orderId()).isEqualTo(id.toString());
        assertThat(a.amountSats()).isEqualTo(180);
        assertThat(a.network()).isEqualTo("regtest");
        // paid once
        h.clock.advance(Duration.ofSeconds(61));
        h.node.tick();
        h.node.backgroundJobs().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(dev.balance()).isEqualTo(180);
        assertThat(h.ln.balance("mostro")).isEqualTo(420);
    }

    /**
     * A third-party-style backend: {@code sendPayment} returns {@code IN_FLIGHT} instead of failing when the payment
     * has no outcome yet. Counts {@code trackPayment} calls.
     */
    static final class ReportsInFlight implements LightningBackend {
        final LightningBackend d;
        final AtomicInteger tracked = new AtomicInteger();
        final AtomicInteger inFlightReports = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();

        ReportsInFlight(LightningBackend d) {
            this.d = d;
        }

        @Override
        public CompletionStage<NodeInfo> getInfo() {
            return d.getInfo();
        }

        @Override
        public CompletionStage<HoldInvoice> addHoldInvoice(HoldInvoiceRequest request) {
            return d.addHoldInvoice(request);
        }

        @Override
        public CompletionStage<Void> settleHoldInvoice(String preimageHex) {
            return d.settleHoldInvoice(preimageHex);
        }

        @Override
        public CompletionStage<Void> cancelHoldInvoice(String paymentHashHex) {
            return d.cancelHoldInvoice(paymentHashHex);
        }

        @Override
        public CompletionStage<InvoiceUpdate> lookupInvoice(String paymentHashHex) {
            lookups.incrementAndGet();
            return d.lookupInvoice(paymentHashHex);
        }

        @Override
        public InvoiceSubscription subscribeInvoice(String paymentHashHex, InvoiceListener listener) {
            return d.subscribeInvoice(paymentHashHex, listener);
        }

        @Override
        public CompletionStage<Payment> sendPayment(PayRequest request) {
            String hash = Bolt11.decode(request.bolt11()).paymentHash();
            return d.sendPayment(request).toCompletableFuture().handle((p, e) -> {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (c instanceof LightningException le && le.reason() == LightningException.Reason.TIMEOUT) {
                    inFlightReports.incrementAndGet();
                    return new Payment(hash, PaymentStatus.IN_FLIGHT, 0, 0, java.util.Optional.empty(),
                            java.util.Optional.empty());
                }
                if (e != null) {
                    throw c instanceof RuntimeException re ? re : new CompletionException(c);
                }
                return p;
            });
        }

        @Override
        public CompletionStage<Payment> trackPayment(String paymentHashHex) {
            tracked.incrementAndGet();
            return d.trackPayment(paymentHashHex);
        }

        @Override
        public void close() {
            d.close();
        }
    }

    @Test
    void lnurlBuyerWithAnUnknownPayoutOutcomeIsPaidExactlyOnceAcrossRetriesAndARestart() throws Exception {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings().toBuilder().devFeeAddress(lnurl("dev"))
                .payoutTimeoutSeconds(1).build());
        h.lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();
        ReportsInFlight backend = new ReportsInFlight(h.ln.node("mostro"));
        h.startNode(backend);
        Trader seller = h.trader("seller", START, false);
        Trader buyer = h.trader("buyer", START, false);
        payees.put("buyer", buyer.wallet);
        payees.put("dev", h.ln.wallet("dev", 0));
        Key s = seller.newKey();
        Key b = buyer.newKey();
        UUID id = Steps.create(s, NodeHarness.sell(100_000, 50).build());
        b.send(Action.TAKE_SELL, id, Payload.PaymentRequest.of(lnurl("buyer")));
        var pay = s.expect(Action.PAY_INVOICE);
        b.expect(Action.WAITING_SELLER_TO_PAY);
        Steps.sellerPays(s, b, ((Payload.PaymentRequest) pay.payload()).invoice());
        Steps.fiatSent(b, s, id);
        h.ln.faults().holdPayments(); // the payout's HTLCs stay in flight
        s.send(Action.RELEASE, id, null);
        b.expect(Action.RELEASED);
        NodeHarness.await("payout reported in flight", () -> backend.inFlightReports.get() == 1);
        assertThat(invoicesFetched.get()).isEqualTo(1);
        // IN_FLIGHT is not a failure: across retry intervals the reconciler tracks the claimed hash, and no new
        // invoice is fetched (a new invoice has a new hash, so paying it would pay the buyer twice)
        for (int i = 0; i < 3; i++) {
            int before = backend.tracked.get();
            tickUntil("reconciler tracks the payout", () -> backend.tracked.get() > before);
            assertThat(invoicesFetched.get()).isEqualTo(1);
        }
        // the backend becomes unreachable: the reconciler's calls fail, nothing is paid or fetched
        h.ln.faults().unavailable();
        int before = backend.lookups.get();
        tickUntil("reconciler tries", () -> backend.lookups.get() > before);
        assertThat(invoicesFetched.get()).isEqualTo(1);
        h.ln.faults().available();
        // restart: the claimed payout is tracked again, still in flight
        h.stopNode();
        ReportsInFlight again = new ReportsInFlight(h.ln.node("mostro"));
        h.startNode(again);
        NodeHarness.await("payout tracked after the restart", () -> again.tracked.get() >= 1);
        assertThat(invoicesFetched.get()).isEqualTo(1);
        assertThat(h.store.order(id).orElseThrow().status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        // the HTLCs complete: the reconciler records the success
        assertThat(h.ln.faults().releasePayments()).isEqualTo(1);
        NodeHarness.await("buyer paid", () -> buyer.wallet.balance() == START + 99_700);
        // the reconciler's next due run records the success (a run still tracking from before may skip one tick)
        tickUntil("order success", () -> h.store.order(id).orElseThrow().status() == OrderStatus.SUCCESS);
        b.expect(Action.PURCHASE_COMPLETED);
        for (int i = 0; i < 3; i++) {
            h.clock.advance(Duration.ofSeconds(61));
            h.node.tick();
            h.node.backgroundJobs().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        // the buyer's invoice and the dev fee's, nothing else
        NodeHarness.await("dev fee invoice", () -> invoicesFetched.get() == 2);
        assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
        assertThat(h.store.meta("payout.invoice." + id)).hasValue("");
    }

    /** Moves the clock a job period on and ticks until {@code c} holds (the payout runs on the executor). */
    private void tickUntil(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 20 && !c.getAsBoolean(); i++) {
            h.clock.advance(Duration.ofSeconds(61));
            h.node.tick();
            long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (!c.getAsBoolean() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
        }
        assertThat(c.getAsBoolean()).as(what).isTrue();
    }
}
