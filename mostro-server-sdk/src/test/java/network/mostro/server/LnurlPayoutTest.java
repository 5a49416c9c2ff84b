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
import java.util.concurrent.ConcurrentHashMap;
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
        assertThat(dev.balance()).isEqualTo(180);
        assertThat(h.ln.balance("mostro")).isEqualTo(420);
    }
}
