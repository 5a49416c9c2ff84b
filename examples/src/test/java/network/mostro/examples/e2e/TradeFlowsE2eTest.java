package network.mostro.examples.e2e;

import static network.mostro.examples.e2e.E2e.START;
import static network.mostro.examples.e2e.E2e.await;
import static network.mostro.examples.e2e.E2e.event;
import static network.mostro.examples.e2e.E2e.names;
import static network.mostro.examples.e2e.E2e.statuses;
import static network.mostro.examples.e2e.E2e.until;
import static network.mostro.examples.e2e.E2e.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.mostro.client.MostroClient;
import network.mostro.client.NewOrder;
import network.mostro.client.TakeOptions;
import network.mostro.client.Trade;
import network.mostro.client.TradeEvent;
import network.mostro.client.TradeRole;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.lightning.PaymentRequests;
import network.mostro.protocol.state.Party;
import network.mostro.server.lightning.embedded.Wallet;
import network.mostro.server.lnurl.HttpLnurlPay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client SDK ↔ MostroNode ↔ real WebSocket relay, on the embedded Lightning network and SQLite: complete trades
 * (sell, buy, market, range with its child, LNURL payout), cooperative cancel, a timeout and a payout that fails and
 * is retried. Each test checks the events each party received, in order, the final statuses and the balances.
 */
class TradeFlowsE2eTest {
    @TempDir
    Path dir;

    E2e w;
    HttpServer lnurlServer;

    @AfterEach
    void tearDown() {
        if (w != null) {
            w.close();
        }
        if (lnurlServer != null) {
            lnurlServer.stop(0);
        }
    }

    /** The buyer takes a sell order without an invoice and sends one when asked; the seller pays the escrow. */
    static Trade takeSellAndLock(MostroClient buyer, Wallet buyerWallet, Trade sell, Wallet sellerWallet,
            TakeOptions options) {
        Trade buy = await(buyer.takeSell(sell.node(), sell.orderId(), options));
        if (options.invoice() == null) {
            TradeEvent.InvoiceRequested wanted = event(buy, TradeEvent.InvoiceRequested.class);
            await(buy.addInvoice(buyerWallet.createInvoice(wanted.amountSats(), "payout", Duration.ofHours(2))));
        }
        TradeEvent.PayHoldInvoice hold = event(sell, TradeEvent.PayHoldInvoice.class);
        sellerWallet.pay(hold.invoice());
        event(sell, TradeEvent.BuyerTookOrder.class);
        event(buy, TradeEvent.HoldInvoicePaymentAccepted.class);
        return buy;
    }

    /** fiat-sent, release, payout, ratings. */
    static void finish(Trade buyerTrade, Trade sellerTrade) {
        await(buyerTrade.fiatSent());
        event(sellerTrade, TradeEvent.FiatSentOk.class);
        TradeEvent settled = await(sellerTrade.release());
        assertThat(settled).isInstanceOf(TradeEvent.HoldInvoicePaymentSettled.class);
        event(buyerTrade, TradeEvent.Released.class);
        event(buyerTrade, TradeEvent.PurchaseCompleted.class);
        event(sellerTrade, TradeEvent.RateRequested.class);
        event(buyerTrade, TradeEvent.RateRequested.class);
        assertThat(await(sellerTrade.rate(5))).isEqualTo(new TradeEvent.RateReceived(5));
        assertThat(await(buyerTrade.rate(4))).isEqualTo(new TradeEvent.RateReceived(4));
        assertThat(buyerTrade.status()).isEqualTo(OrderStatus.SUCCESS);
        assertThat(sellerTrade.status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(buyerTrade.isFinished()).isTrue();
    }

    @Test
    void sellOrderWithFixedPrice() {
        w = new E2e(dir).start();
        sellTradeWithFixedPrice(w);
    }

    /** A complete fixed-price sell trade on {@code w}; checks each party's events, statuses and balances. */
    static Trade sellTradeWithFixedPrice(E2e w) {
        MostroClient seller = w.client();
        MostroClient buyer = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);

        Trade sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 50, "SEPA").fixedSats(100_000)
                .build()));
        assertThat(sell.role()).isEqualTo(TradeRole.MAKER);
        assertThat(sell.party()).isEqualTo(Party.SELLER);
        assertThat(sell.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(sell.tradeIndex()).isEqualTo(1);
        Trade buy = takeSellAndLock(buyer, bw, sell, sw, TakeOptions.none());
        assertThat(sell.counterpartyTradePubkey()).contains(buy.tradePublicKey().toHex());
        assertThat(buy.counterpartyTradePubkey()).contains(sell.tradePublicKey().toHex());
        assertThat(sw.balance()).isEqualTo(START - 100_300);
        finish(buy, sell);

        assertThat(names(sell)).containsExactly("OrderPublished", "WaitingBuyerInvoice", "PeerReputation",
                "PayHoldInvoice", "BuyerTookOrder", "FiatSentOk", "HoldInvoicePaymentSettled", "RateRequested",
                "RateReceived");
        assertThat(names(buy)).containsExactly("InvoiceRequested", "WaitingSellerToPay",
                "HoldInvoicePaymentAccepted", "FiatSentOk", "Released", "PurchaseCompleted", "RateRequested",
                "RateReceived");
        assertThat(statuses(sell)).containsExactly("waiting-buyer-invoice", "waiting-payment", "active",
                "fiat-sent", "settled-hold-invoice");
        assertThat(sw.balance()).isEqualTo(START - 100_300);
        assertThat(bw.balance()).isEqualTo(99_700);
        assertThat(w.nodeBalance()).isEqualTo(600);
        assertThat(w.ln.lockedSats()).isZero();
        return sell;
    }

    @Test
    void buyOrderWithFixedPrice() {
        w = new E2e(dir).start();
        buyTradeWithFixedPrice(w);
    }

    /** A complete fixed-price buy trade on {@code w}; checks the amounts and balances. */
    static void buyTradeWithFixedPrice(E2e w) {
        MostroClient buyer = w.client();
        MostroClient seller = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);

        Trade buy = await(buyer.createOrder(w.nodePub(), NewOrder.buy("USD", 100, "SEPA").fixedSats(200_000)
                .build()));
        assertThat(buy.party()).isEqualTo(Party.BUYER);
        Trade sell = await(seller.takeBuy(w.nodePub(), buy.orderId(), TakeOptions.none()));
        assertThat(sell.role()).isEqualTo(TradeRole.TAKER);
        TradeEvent.PayHoldInvoice hold = event(sell, TradeEvent.PayHoldInvoice.class);
        assertThat(hold.amountSats()).isEqualTo(200_600);
        event(buy, TradeEvent.WaitingSellerToPay.class);
        sw.pay(hold.invoice());
        TradeEvent.InvoiceRequested wanted = event(buy, TradeEvent.InvoiceRequested.class);
        assertThat(wanted.amountSats()).isEqualTo(199_400);
        event(sell, TradeEvent.WaitingBuyerInvoice.class);
        await(buy.addInvoice(bw.createInvoice(wanted.amountSats(), "payout", Duration.ofHours(2))));
        event(sell, TradeEvent.BuyerTookOrder.class);
        event(buy, TradeEvent.HoldInvoicePaymentAccepted.class);
        finish(buy, sell);

        assertThat(sw.balance()).isEqualTo(START - 200_600);
        assertThat(bw.balance()).isEqualTo(199_400);
        assertThat(w.nodeBalance()).isEqualTo(1_200);
    }

    @Test
    void marketPriceOrderIsPricedAtTakeTime() {
        w = new E2e(dir).start();
        MostroClient seller = w.client();
        MostroClient buyer = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);

        // 25 USD at 50 000 USD/BTC = 50 000 sats; a +2 % premium on the price gives 2 % fewer sats: 49 000
        Trade sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 25, "Zelle").marketPrice(2)
                .build()));
        assertThat(sell.order().orElseThrow().amount()).isZero();
        Trade buy = takeSellAndLock(buyer, bw, sell, sw, TakeOptions.none());
        assertThat(buy.amountSats()).isEqualTo(49_000 - 147);
        finish(buy, sell);

        assertThat(sw.balance()).isEqualTo(START - 49_147);
        assertThat(bw.balance()).isEqualTo(48_853);
        assertThat(w.nodeBalance()).isEqualTo(294);
    }

    @Test
    void rangeOrderLeavesAChildOrderWithTheRemainder() {
        w = new E2e(dir).start();
        MostroClient seller = w.client();
        MostroClient buyer = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);

        Trade parent = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 0, "SEPA").range(10, 100)
                .marketPrice(0).build()));
        Trade buy = takeSellAndLock(buyer, bw, parent, sw, TakeOptions.rangeAmount(40));
        assertThat(buy.amountSats()).isEqualTo(80_000 - 240); // 40 USD at 50 000 USD/BTC
        finish(buy, parent);

        TradeEvent.ChildOrderCreated child = event(parent, TradeEvent.ChildOrderCreated.class);
        assertThat(child.tradeIndex()).isEqualTo(parent.tradeIndex() + 1);
        Trade childTrade = seller.trade(child.childOrderId()).orElseThrow();
        assertThat(childTrade.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(childTrade.tradeIndex()).isEqualTo(child.tradeIndex());
        assertThat(childTrade.order().orElseThrow().minAmount()).isEqualTo(10L);
        assertThat(childTrade.order().orElseThrow().maxAmount()).isEqualTo(60L);
        assertThat(seller.lastTradeIndex()).isEqualTo(2);

        // the child is a real order: a second buyer takes the rest
        MostroClient buyer2 = w.client();
        Wallet bw2 = w.wallet("buyer2", 0);
        Trade buy2 = takeSellAndLock(buyer2, bw2, childTrade, sw, TakeOptions.rangeAmount(60));
        finish(buy2, childTrade);
        assertThat(bw.balance()).isEqualTo(79_760);
        // SPEC §9.3: 60 / 50 000 × 1e8 in floating point is 119 999.99…, truncated to 119 999 sats
        assertThat(buy2.amountSats()).isEqualTo(119_999 - 360);
        assertThat(bw2.balance()).isEqualTo(119_999 - 360);
        assertThat(sw.balance()).isEqualTo(START - 80_240 - 120_359);
        assertThat(w.nodeBalance()).isEqualTo(480 + 720);
    }

    @Test
    void buyerIsPaidThroughLnurl() throws IOException {
        Map<String, Wallet> payees = new ConcurrentHashMap<>();
        lnurlServer = startLnurlServer(payees);
        w = new E2e(dir);
        String devLnurl = lnurl("dev");
        w.settings = w.settings.toBuilder().devFeeAddress(devLnurl).build();
        w.lnurl = HttpLnurlPay.builder().allowPrivateTargets(true).allowHttp(true).build();
        w.start();
        MostroClient seller = w.client();
        MostroClient buyer = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);
        payees.put("buyer", bw);
        Wallet dev = w.wallet("dev", 0);
        payees.put("dev", dev);

        Trade sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 50, "SEPA").fixedSats(100_000)
                .build()));
        Trade buy = takeSellAndLock(buyer, bw, sell, sw, TakeOptions.withInvoice(lnurl("buyer")));
        finish(buy, sell);
        assertThat(bw.balance()).isEqualTo(99_700);
        assertThat(bw.received()).hasSize(1);

        // the dev fee job pays 30 % of the node's fee to the development address, also over LNURL
        w.advance(Duration.ofSeconds(61));
        until("dev fee paid", () -> dev.balance() == 180);
        assertThat(w.nodeBalance()).isEqualTo(600 - 180);
    }

    @Test
    void cooperativeCancelRefundsTheSeller() {
        w = new E2e(dir).start();
        MostroClient seller = w.client();
        MostroClient buyer = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);
        Trade sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 50, "SEPA").fixedSats(100_000)
                .build()));
        Trade buy = takeSellAndLock(buyer, bw, sell, sw, TakeOptions.none());
        assertThat(sw.balance()).isEqualTo(START - 100_300);

        assertThat(await(buy.cancel())).isInstanceOf(TradeEvent.CooperativeCancelInitiatedByYou.class);
        event(sell, TradeEvent.CooperativeCancelInitiatedByPeer.class);
        assertThat(await(sell.cancel())).isInstanceOf(TradeEvent.CooperativeCancelAccepted.class);
        event(buy, TradeEvent.CooperativeCancelAccepted.class);
        until("seller refunded", () -> sw.balance() == START);
        untilStatus(sell, OrderStatus.COOPERATIVELY_CANCELED);
        untilStatus(buy, OrderStatus.COOPERATIVELY_CANCELED);
        assertThat(names(sell)).containsExactly("OrderPublished", "WaitingBuyerInvoice", "PeerReputation",
                "PayHoldInvoice", "BuyerTookOrder", "CooperativeCancelInitiatedByPeer", "CooperativeCancelAccepted");
        assertThat(bw.balance()).isZero();
        assertThat(w.nodeBalance()).isZero();
        assertThat(w.ln.lockedSats()).isZero();
    }

    @Test
    void lateBuyerInvoiceTimesOutAndTheOrderGoesBackToTheBook() {
        w = new E2e(dir).start();
        MostroClient seller = w.client();
        MostroClient buyer = w.client();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);
        Trade sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 50, "SEPA").fixedSats(100_000)
                .build()));
        Trade late = await(buyer.takeSell(w.nodePub(), sell.orderId(), TakeOptions.none()));
        event(late, TradeEvent.InvoiceRequested.class);
        event(sell, TradeEvent.WaitingBuyerInvoice.class);

        // expiration_seconds (900) pass without an invoice: the taker is dropped, the order is pending again
        w.advance(Duration.ofSeconds(901));
        event(late, TradeEvent.Canceled.class);
        untilStatus(late, OrderStatus.CANCELED);
        untilStatus(sell, OrderStatus.PENDING);
        assertThat(late.isFinished()).isTrue();

        // another buyer completes the trade
        MostroClient buyer2 = w.client();
        Wallet bw2 = w.wallet("buyer2", 0);
        Trade buy2 = takeSellAndLock(buyer2, bw2, sell, sw, TakeOptions.none());
        finish(buy2, sell);
        assertThat(bw.balance()).isZero();
        assertThat(bw2.balance()).isEqualTo(99_700);
        assertThat(sw.balance()).isEqualTo(START - 100_300);
    }

    /** A trade whose first payout to the buyer fails (injected), up to the buyer's payment-failed. */
    Trade[] releaseWithFailingPayout(Wallet sw, Wallet bw) {
        MostroClient seller = w.client();
        MostroClient buyer = w.client();
        Trade sell = await(seller.createOrder(w.nodePub(), NewOrder.sell("USD", 50, "SEPA").fixedSats(100_000)
                .build()));
        Trade buy = takeSellAndLock(buyer, bw, sell, sw, TakeOptions.none());
        await(buy.fiatSent());
        event(sell, TradeEvent.FiatSentOk.class);
        w.ln.faults().failNextPayments(1);
        await(sell.release());
        event(buy, TradeEvent.Released.class);
        TradeEvent.PaymentFailed failed = event(buy, TradeEvent.PaymentFailed.class);
        assertThat(failed.retryIntervalSeconds()).isEqualTo(60);
        assertThat(bw.balance()).isZero();
        assertThat(buy.status()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        return new Trade[] {sell, buy};
    }

    @Test
    void failedPayoutIsRetried() {
        w = new E2e(dir).start();
        Wallet sw = w.wallet("seller", START);
        Wallet bw = w.wallet("buyer", 0);
        Trade buy = releaseWithFailingPayout(sw, bw)[1];

        // payment_retries_interval later the node pays again and succeeds
        w.advance(Duration.ofSeconds(61));
        event(buy, TradeEvent.PurchaseCompleted.class);
        event(buy, TradeEvent.RateRequested.class);
        assertThat(names(buy)).containsExactly("InvoiceRequested", "WaitingSellerToPay",
                "HoldInvoicePaymentAccepted", "FiatSentOk", "Released", "PaymentFailed", "PurchaseCompleted",
                "RateRequested");
        assertThat(bw.balance()).isEqualTo(99_700);
        assertThat(sw.balance()).isEqualTo(START - 100_300);
        assertThat(w.nodeBalance()).isEqualTo(600);
        assertThat(w.node.counters().payoutsFailed()).isEqualTo(1);
        assertThat(w.node.counters().payoutsSucceeded()).isEqualTo(1);
    }

    @Test
    void buyerStatusIsSuccessAfterARetriedPayout() {
        w = new E2e(dir).start();
        Trade buy = releaseWithFailingPayout(w.wallet("seller", START), w.wallet("buyer", 0))[1];
        w.advance(Duration.ofSeconds(61));
        event(buy, TradeEvent.PurchaseCompleted.class);
        untilStatus(buy, OrderStatus.SUCCESS);
        assertThat(buy.isFinished()).isTrue();
    }

    String lnurl(String name) {
        return PaymentRequests.urlToLnurl("http://127.0.0.1:" + lnurlServer.getAddress().getPort() + "/lnurlp/"
                + name);
    }

    /** A LUD-06 pay server on 127.0.0.1 whose invoices come from embedded Lightning wallets. */
    static HttpServer startLnurlServer(Map<String, Wallet> payees) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String[] parts = ex.getRequestURI().getPath().split("/");
            Wallet wallet = parts.length >= 3 ? payees.get(parts[2]) : null;
            int status = 200;
            String body;
            if (wallet == null) {
                status = 404;
                body = "{\"status\":\"ERROR\",\"reason\":\"unknown user\"}";
            } else if (parts[1].equals("lnurlp")) {
                body = "{\"tag\":\"payRequest\",\"callback\":\"http://127.0.0.1:"
                        + server.getAddress().getPort() + "/cb/" + parts[2] + "\",\"minSendable\":1000,"
                        + "\"maxSendable\":1000000000,\"metadata\":\"[[\\\"text/plain\\\",\\\"pay "
                        + parts[2] + "\\\"]]\"}";
            } else {
                long msat = Long.parseLong(ex.getRequestURI().getQuery().replaceAll(".*amount=(\\d+).*", "$1"));
                body = "{\"pr\":\"" + wallet.createInvoice(msat / 1000, "lnurl", Duration.ofHours(2))
                        + "\",\"routes\":[]}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        });
        server.start();
        return server;
    }
}
