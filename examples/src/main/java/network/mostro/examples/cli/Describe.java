package network.mostro.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import network.mostro.client.OrderBookEntry;
import network.mostro.client.Trade;
import network.mostro.client.TradeEvent;
import network.mostro.protocol.SmallOrder;

/** Turns SDK values into ordered maps (for {@code --json}) with a one-line {@code summary}. Stateless, thread-safe. */
final class Describe {
    private Describe() {}

    /** A trade event as a map with {@code event}, {@code action}, {@code summary} and its fields (never secrets). */
    static Map<String, Object> event(TradeEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", e.getClass().getSimpleName());
        m.put("action", e.action().wireName());
        String summary;
        if (e instanceof TradeEvent.OrderPublished p) {
            summary = "order published: " + orderLine(p.order());
        } else if (e instanceof TradeEvent.PayHoldInvoice p) {
            m.put("invoice", p.invoice());
            m.put("amount_sats", p.amountSats());
            summary = "pay this hold invoice (" + p.amountSats() + " sats) to lock the escrow: " + p.invoice();
        } else if (e instanceof TradeEvent.PayBondInvoice p) {
            m.put("invoice", p.invoice());
            m.put("amount_sats", p.amountSats());
            summary = "pay this bond invoice (" + p.amountSats() + " sats): " + p.invoice();
        } else if (e instanceof TradeEvent.PeerReputation p) {
            summary = p.reputation() == null ? "counterparty reputation: none"
                    : "counterparty reputation: rating " + p.reputation().rating() + ", " + p.reputation().reviews()
                            + " reviews, " + p.reputation().operatingDays() + " days";
        } else if (e instanceof TradeEvent.InvoiceRequested r) {
            m.put("amount_sats", r.amountSats());
            summary = "send a payout invoice for " + r.amountSats() + " sats with: addinvoice -o <order-id> -i <invoice>";
        } else if (e instanceof TradeEvent.BuyerTookOrder b) {
            summary = "the buyer took the order; the escrow is locked, wait for the fiat";
        } else if (e instanceof TradeEvent.HoldInvoicePaymentAccepted h) {
            summary = "the escrow is locked: send the fiat, then run fiatsent";
        } else if (e instanceof TradeEvent.FiatSentOk f) {
            summary = "the buyer declared the fiat sent; check it arrived, then run release";
        } else if (e instanceof TradeEvent.RateReceived r) {
            m.put("rating", r.rating());
            summary = "rating " + r.rating() + " recorded";
        } else if (e instanceof TradeEvent.DisputeInitiatedByYou d) {
            m.put("dispute_id", d.disputeId().toString());
            summary = "you opened dispute " + d.disputeId();
        } else if (e instanceof TradeEvent.DisputeInitiatedByPeer d) {
            m.put("dispute_id", d.disputeId().toString());
            summary = "the counterparty opened dispute " + d.disputeId();
        } else if (e instanceof TradeEvent.AdminTookDispute a) {
            m.put("solver", a.solverPubkey());
            summary = "solver " + a.solverPubkey() + " took the dispute (senddm --solver to talk to it)";
        } else if (e instanceof TradeEvent.PaymentFailed p) {
            summary = "the payout failed; Mostro retries (" + p.paymentAttempts()
                + " attempts, every " + p.retryIntervalSeconds() + " s)";
        } else if (e instanceof TradeEvent.Refused r) {
            m.put("reason", r.wireReason());
            summary = "refused" + (r.request() == null ? "" : " " + r.request().wireName()) + ": " + r.wireReason();
        } else if (e instanceof TradeEvent.ChildOrderCreated c) {
            m.put("child_order", c.childOrderId().toString());
            summary = "range remainder published as order " + c.childOrderId();
        } else if (e instanceof TradeEvent.TradeKeyRotated t) {
            summary = "trade key rotated";
        } else if (e instanceof TradeEvent.BondNotice b) {
            summary = "bond notice: " + b.bondAction().wireName();
        } else if (e instanceof TradeEvent.ChatReceived c) {
            m.put("channel", c.entry().channel().name().toLowerCase(java.util.Locale.ROOT));
            m.put("from", c.entry().senderPubkey());
            m.put("outgoing", c.entry().outgoing());
            m.put("text", c.entry().text());
            summary = (c.entry().outgoing() ? "you" : c.entry().senderPubkey().substring(0, 8)) + " ("
                    + c.entry().channel().name().toLowerCase(java.util.Locale.ROOT) + " chat): " + c.entry().text();
        } else if (e instanceof TradeEvent.StatusChanged s) {
            m.put("from", s.from() == null ? null : s.from().wireName());
            m.put("to", s.to().wireName());
            summary = "status " + (s.from() == null ? "-" : s.from().wireName()) + " -> " + s.to().wireName();
        } else if (e instanceof TradeEvent.Other o) {
            summary = "message " + o.otherAction().wireName();
        } else if (e instanceof TradeEvent.WaitingSellerToPay w) {
            summary = "waiting for the seller to pay the hold invoice";
        } else if (e instanceof TradeEvent.WaitingBuyerInvoice w) {
            summary = "waiting for the buyer's payout invoice";
        } else if (e instanceof TradeEvent.Released r) {
            summary = "the seller released the escrow; the payout is on its way";
        } else if (e instanceof TradeEvent.PurchaseCompleted p) {
            summary = "purchase completed: the payout arrived";
        } else if (e instanceof TradeEvent.HoldInvoicePaymentSettled h) {
            summary = "the escrow was settled to the buyer";
        } else if (e instanceof TradeEvent.HoldInvoicePaymentCanceled h) {
            summary = "the escrow HTLC was canceled";
        } else if (e instanceof TradeEvent.RateRequested r) {
            summary = "rate your counterparty with: rate -o <order-id> -r 1..5";
        } else if (e instanceof TradeEvent.Canceled c) {
            summary = "canceled";
        } else if (e instanceof TradeEvent.CooperativeCancelInitiatedByYou c) {
            summary = "you asked for a cooperative cancel";
        } else if (e instanceof TradeEvent.CooperativeCancelInitiatedByPeer c) {
            summary = "the counterparty asks for a cooperative cancel; "
                + "run cancel to accept";
        } else if (e instanceof TradeEvent.CooperativeCancelAccepted c) {
            summary = "cooperatively canceled";
        } else if (e instanceof TradeEvent.AdminSettled a) {
            summary = "the solver settled the dispute in favour of the buyer";
        } else if (e instanceof TradeEvent.AdminCanceled a) {
            summary = "the solver canceled the order; the seller is refunded";
        } else if (e instanceof TradeEvent.InvoiceUpdated i) {
            summary = "the payout invoice was updated";
        } else {
            summary = e.action().wireName();
        }
        m.put("summary", summary);
        return m;
    }

    static String orderLine(SmallOrder o) {
        String fiat = o.minAmount() != null ? o.minAmount() + "-" + o.maxAmount() : Long.toString(o.fiatAmount());
        String price = o.amount() > 0 ? o.amount() + " sats" : "market " + signed(o.premium()) + "%";
        return o.kind().wireName() + " " + fiat + " " + o.fiatCode() + " for " + price + " via " + o.paymentMethod()
                + (o.status() == null ? "" : " [" + o.status().wireName() + "]");
    }

    static Map<String, Object> order(SmallOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id() == null ? null : o.id().toString());
        m.put("kind", o.kind().wireName());
        m.put("status", o.status() == null ? null : o.status().wireName());
        m.put("amount_sats", o.amount());
        m.put("fiat_code", o.fiatCode());
        m.put("fiat_amount", o.fiatAmount());
        m.put("min_amount", o.minAmount());
        m.put("max_amount", o.maxAmount());
        m.put("premium", o.premium());
        m.put("payment_method", o.paymentMethod());
        m.put("expires_at", o.expiresAt());
        return m;
    }

    static Map<String, Object> entry(OrderBookEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.orderId().toString());
        m.put("kind", e.kind().wireName());
        m.put("status", e.status().wireName());
        m.put("fiat_code", e.fiatCode());
        m.put("fiat_amount", e.fiatAmount().amount());
        m.put("fiat_max", e.fiatAmount().max());
        m.put("amount_sats", e.amountSats());
        m.put("premium", e.premium());
        m.put("payment_methods", e.paymentMethods());
        m.put("expires_at", e.expiresAt());
        m.put("created_at", e.createdAt());
        return m;
    }

    static String entryLine(OrderBookEntry e) {
        String fiat = e.fiatAmount().isRange() ? e.fiatAmount().amount() + "-" + e.fiatAmount().max()
                : Long.toString(e.fiatAmount().amount());
        String price = e.amountSats() > 0 ? e.amountSats() + " sats" : "market " + signed(e.premium()) + "%";
        return String.format("%s  %-4s  %-11s  %10s %-4s  %-18s  %s", e.orderId(), e.kind().wireName(),
                e.status().wireName(), fiat, e.fiatCode(), price, String.join(",", e.paymentMethods()));
    }

    static Map<String, Object> trade(Trade t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.orderId().toString());
        m.put("kind", t.kind().wireName());
        m.put("role", t.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("side", t.party().name().toLowerCase(java.util.Locale.ROOT));
        m.put("status", t.status().wireName());
        m.put("waiting_on", t.waitingOn().name().toLowerCase(java.util.Locale.ROOT));
        m.put("finished", t.isFinished());
        m.put("trade_index", t.tradeIndex());
        m.put("amount_sats", t.amountSats());
        t.holdInvoice().ifPresent(i -> m.put("hold_invoice", i));
        t.counterpartyTradePubkey().ifPresent(p -> m.put("counterparty", p));
        t.disputeId().ifPresent(d -> m.put("dispute_id", d.toString()));
        t.solverPubkey().ifPresent(s -> m.put("solver", s));
        t.order().ifPresent(o -> m.put("order", order(o)));
        return m;
    }

    static String tradeLine(Trade t) {
        StringBuilder b = new StringBuilder();
        b.append(t.orderId()).append("  ").append(t.kind().wireName()).append(' ')
                .append(t.role().name().toLowerCase(java.util.Locale.ROOT)).append(" (")
                .append(t.party().name().toLowerCase(java.util.Locale.ROOT)).append(")  ")
                .append(t.status().wireName());
        t.order().ifPresent(o -> b.append("  ").append(orderLine(o)));
        if (t.amountSats() > 0) {
            b.append("  ").append(t.amountSats()).append(" sats");
        }
        t.disputeId().ifPresent(d -> b.append("  dispute ").append(d));
        return b.toString();
    }

    private static String signed(long p) {
        return p > 0 ? "+" + p : Long.toString(p);
    }
}
