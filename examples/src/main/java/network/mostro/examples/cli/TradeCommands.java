package network.mostro.examples.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import network.mostro.client.ChatEntry;
import network.mostro.client.MostroNodeInfo;
import network.mostro.client.NewOrder;
import network.mostro.client.OrderBook;
import network.mostro.client.OrderBookEntry;
import network.mostro.client.OrderBookFilter;
import network.mostro.client.RestoreResult;
import network.mostro.client.TakeOptions;
import network.mostro.client.Trade;
import network.mostro.client.TradeChat;
import network.mostro.client.TradeEvent;
import network.mostro.nostr.relay.Filter;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.RestoredDispute;
import network.mostro.protocol.event.OrderEventStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The user commands of {@link MostroCli}. Each command instance runs once on one thread. */
final class TradeCommands {
    private TradeCommands() {}

    /** Common flow: resolve the configuration, open the session, run, print what arrived. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        MostroCli root;

        @Override
        public Integer call() {
            CliConfig cfg = root.config();
            try (CliSession s = CliSession.open(cfg, root.env)) {
                return run(s);
            }
        }

        abstract int run(CliSession s);

        /** Prints {@code result}/{@code lines} plus the messages this invocation received. */
        void print(CliSession s, Map<String, Object> result, List<String> lines) {
            List<Map<String, Object>> arrived = s.arrived();
            Map<String, Object> r = new LinkedHashMap<>(result);
            r.put("messages", arrived);
            List<String> all = new ArrayList<>(lines);
            if (!arrived.isEmpty()) {
                all.add("Messages:");
                for (Map<String, Object> m : arrived) {
                    all.add("  " + shortId(m.get("order")) + "  " + m.get("summary"));
                }
            }
            root.print(r, all);
        }

        static String shortId(Object id) {
            String s = String.valueOf(id);
            return s.length() > 8 ? s.substring(0, 8) : s;
        }

        Duration waitTime(CliSession s) {
            return s.cfg.followUpWait();
        }
    }

    /** Base of commands acting on one trade of the data dir. */
    abstract static class OnTrade extends Base {
        @Option(names = {"-o", "--orderid"}, required = true, paramLabel = "<uuid>", description = "The order id.")
        UUID orderId;

        @Override
        int run(CliSession s) {
            s.node();
            s.sync();
            Trade t = s.trade(orderId);
            TradeEvent answer = act(s, t);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("answer", answer == null ? null : Describe.event(answer));
            r.put("trade", Describe.trade(t));
            List<String> lines = new ArrayList<>();
            if (answer != null) {
                lines.add(answer.action().wireName() + ": " + Describe.event(answer).get("summary"));
            }
            lines.add("Trade " + Describe.tradeLine(t));
            print(s, r, lines);
            return MostroCli.EXIT_OK;
        }

        abstract TradeEvent act(CliSession s, Trade t);
    }

    @Command(name = "listorders", description = "List the node's orders (default: pending).")
    static final class ListOrders extends Base {
        @Option(names = {"-s", "--status"}, defaultValue = "pending", paramLabel = "<status>",
                description = "pending, in-progress, success, canceled or expired (default ${DEFAULT-VALUE}).")
        String status;

        @Option(names = {"-c", "--currency"}, paramLabel = "<code>", description = "Fiat code, e.g. USD.")
        String currency;

        @Option(names = {"-k", "--kind"}, paramLabel = "<buy|sell>", description = "Order kind.")
        String kind;

        @Override
        public Integer call() {
            // validate before connecting
            parseStatus(status);
            if (kind != null) {
                parseKind(kind);
            }
            return super.call();
        }

        @Override
        int run(CliSession s) {
            MostroNodeInfo info = s.node();
            OrderBookFilter.Builder fb = OrderBookFilter.builder().statuses(parseStatus(status));
            if (kind != null) {
                fb.kind(parseKind(kind));
            }
            if (currency != null && !currency.isBlank()) {
                fb.fiatCode(currency.trim());
            }
            List<OrderBookEntry> entries;
            try (OrderBook book = s.client.orderBook(info.pubkey(), fb.build())) {
                s.awaitEose(Filter.builder().kinds(38383).authors(info.pubkey()).build());
                s.quiet();
                entries = book.snapshot();
            }
            List<Map<String, Object>> list = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (OrderBookEntry e : entries) {
                list.add(Describe.entry(e));
                lines.add(Describe.entryLine(e));
            }
            if (lines.isEmpty()) {
                lines.add("No " + status + " orders" + (currency == null ? "" : " in " + currency.toUpperCase(Locale.ROOT))
                        + ".");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("node", info.pubkey().toHex());
            r.put("orders", list);
            root.print(r, lines);
            return MostroCli.EXIT_OK;
        }
    }

    @Command(name = "neworder", description = "Create a buy or sell order.")
    static final class NewOrderCmd extends Base {
        @Option(names = {"-k", "--kind"}, required = true, paramLabel = "<buy|sell>", description = "Order kind.")
        String kind;

        @Option(names = {"-c", "--fiat-code"}, required = true, paramLabel = "<code>", description = "Fiat code.")
        String fiatCode;

        @Option(names = {"-f", "--fiat-amount"}, required = true, paramLabel = "<amount|min-max>",
                description = "Fiat amount, or a range min-max.")
        String fiatAmount;

        @Option(names = {"-a", "--amount"}, defaultValue = "0", paramLabel = "<sats>",
                description = "Sats; 0 = market price (default).")
        long amount;

        @Option(names = {"-p", "--premium"}, defaultValue = "0", paramLabel = "<percent>",
                description = "Market premium percent (market price only).")
        long premium;

        @Option(names = {"-m", "--payment-method"}, required = true, paramLabel = "<methods>",
                description = "Comma-separated payment methods.")
        String paymentMethod;

        @Option(names = {"-i", "--invoice"}, paramLabel = "<bolt11|address>",
                description = "Buy orders: payout invoice (amountless) or Lightning address.")
        String invoice;

        @Option(names = {"-e", "--expiration-days"}, paramLabel = "<days>",
                description = "Custom expiry in days (the node clamps it).")
        Integer expirationDays;

        NewOrder order;

        @Override
        public Integer call() {
            order = build();
            return super.call();
        }

        NewOrder build() {
            OrderKind k = parseKind(kind);
            String code = fiatCode.trim().toUpperCase(Locale.ROOT);
            long fiat = 0;
            long min = 0;
            long max = 0;
            boolean range = false;
            String f = fiatAmount.trim();
            int dash = f.indexOf('-', 1);
            try {
                if (dash > 0) {
                    range = true;
                    min = Long.parseLong(f.substring(0, dash).trim());
                    max = Long.parseLong(f.substring(dash + 1).trim());
                } else {
                    fiat = Long.parseLong(f);
                }
            } catch (NumberFormatException e) {
                throw new CliException("--fiat-amount must be a whole number or a range min-max, got " + f);
            }
            if (expirationDays != null && expirationDays <= 0) {
                throw new CliException("--expiration-days must be positive");
            }
            NewOrder.Builder b = k == OrderKind.SELL ? NewOrder.sell(code, fiat, paymentMethod)
                    : NewOrder.buy(code, fiat, paymentMethod);
            if (range) {
                b.range(min, max);
            }
            if (amount != 0) {
                if (premium != 0) {
                    throw new CliException("a fixed-sats order (-a) cannot have a premium (-p)");
                }
                b.fixedSats(amount);
            } else {
                b.marketPrice(premium);
            }
            if (invoice != null) {
                b.buyerInvoice(invoice.trim());
            }
            if (expirationDays != null) {
                b.expiresAt(System.currentTimeMillis() / 1000 + expirationDays * 86_400L);
            }
            return b.build(); // ClientStateException (exit 1) on a rule the node would reject
        }

        @Override
        int run(CliSession s) {
            MostroNodeInfo info = s.node();
            s.sync();
            Trade t = CliSession.join(s.client.createOrder(info.pubkey(), order));
            s.quiet();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("trade", Describe.trade(t));
            List<String> lines = new ArrayList<>();
            lines.add("Order " + t.orderId() + " published: "
                    + t.order().map(Describe::orderLine).orElse(order.kind().wireName()));
            lines.add(order.kind() == OrderKind.SELL
                    ? "When a buyer takes it, run getdm to get the hold invoice to pay."
                    : "When a seller takes it and locks the escrow, run getdm.");
            print(s, r, lines);
            return MostroCli.EXIT_OK;
        }
    }

    @Command(name = "takesell", description = "Take a sell order (you buy sats).")
    static final class TakeSell extends Base {
        @Option(names = {"-o", "--orderid"}, required = true, paramLabel = "<uuid>", description = "The order id.")
        UUID orderId;

        @Option(names = {"-i", "--invoice"}, paramLabel = "<bolt11|address>",
                description = "Payout invoice or Lightning address (else addinvoice later).")
        String invoice;

        @Option(names = {"-a", "--amount"}, paramLabel = "<fiat>", description = "Fiat amount of a range order.")
        Long amount;

        @Override
        int run(CliSession s) {
            MostroNodeInfo info = s.node();
            s.sync();
            TakeOptions opts = new TakeOptions(amount, invoice == null ? null : invoice.trim());
            Trade t = CliSession.join(s.client.takeSell(info.pubkey(), orderId, opts));
            TradeEvent next = s.waitFor(t, waitTime(s), TradeEvent.InvoiceRequested.class,
                    TradeEvent.WaitingSellerToPay.class, TradeEvent.HoldInvoicePaymentAccepted.class,
                    TradeEvent.Canceled.class);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("trade", Describe.trade(t));
            r.put("next", next == null ? null : Describe.event(next));
            List<String> lines = new ArrayList<>();
            lines.add("Took sell order " + t.orderId() + " (" + t.status().wireName() + ")");
            if (next == null) {
                lines.add("Nothing more from Mostro within " + waitTime(s).toSeconds() + " s; run getdm later.");
            }
            print(s, r, lines);
            return MostroCli.EXIT_OK;
        }
    }

    @Command(name = "takebuy", description = "Take a buy order (you sell sats): prints the hold invoice to pay.")
    static final class TakeBuy extends Base {
        @Option(names = {"-o", "--orderid"}, required = true, paramLabel = "<uuid>", description = "The order id.")
        UUID orderId;

        @Option(names = {"-a", "--amount"}, paramLabel = "<fiat>", description = "Fiat amount of a range order.")
        Long amount;

        @Override
        int run(CliSession s) {
            MostroNodeInfo info = s.node();
            s.sync();
            TakeOptions opts = amount == null ? TakeOptions.none() : TakeOptions.rangeAmount(amount);
            Trade t = CliSession.join(s.client.takeBuy(info.pubkey(), orderId, opts));
            TradeEvent next = s.waitFor(t, waitTime(s), TradeEvent.PayHoldInvoice.class, TradeEvent.Canceled.class);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("trade", Describe.trade(t));
            r.put("next", next == null ? null : Describe.event(next));
            List<String> lines = new ArrayList<>();
            lines.add("Took buy order " + t.orderId() + " (" + t.status().wireName() + ")");
            t.holdInvoice().ifPresent(i -> lines.add("Hold invoice to pay: " + i));
            if (next == null) {
                lines.add("No hold invoice within " + waitTime(s).toSeconds() + " s; run getdm later.");
            }
            print(s, r, lines);
            return MostroCli.EXIT_OK;
        }
    }

    @Command(name = "addinvoice", description = "Buyer: send the payout invoice or Lightning address.")
    static final class AddInvoice extends OnTrade {
        @Option(names = {"-i", "--invoice"}, required = true, paramLabel = "<bolt11|address>",
                description = "Payout invoice, Lightning address or LNURL.")
        String invoice;

        @Override
        TradeEvent act(CliSession s, Trade t) {
            return CliSession.join(t.addInvoice(invoice.trim()));
        }
    }

    @Command(name = "fiatsent", description = "Buyer: declare the fiat sent.")
    static final class FiatSent extends OnTrade {
        @Override
        TradeEvent act(CliSession s, Trade t) {
            return CliSession.join(t.fiatSent());
        }
    }

    @Command(name = "release", description = "Seller: release the escrow to the buyer.")
    static final class Release extends OnTrade {
        @Override
        TradeEvent act(CliSession s, Trade t) {
            TradeEvent e = CliSession.join(t.release());
            s.quiet();
            return e;
        }
    }

    @Command(name = "cancel", description = "Cancel (a pending order, or ask for a cooperative cancel).")
    static final class Cancel extends OnTrade {
        @Override
        TradeEvent act(CliSession s, Trade t) {
            return CliSession.join(t.cancel());
        }
    }

    @Command(name = "dispute", description = "Open a dispute.")
    static final class Dispute extends OnTrade {
        @Override
        TradeEvent act(CliSession s, Trade t) {
            TradeEvent e = CliSession.join(t.dispute());
            s.quiet();
            return e;
        }
    }

    @Command(name = "rate", description = "Rate the counterparty after the trade (1-5).")
    static final class Rate extends OnTrade {
        @Option(names = {"-r", "--rating"}, required = true, paramLabel = "<1-5>", description = "The rating.")
        int rating;

        @Override
        public Integer call() {
            if (rating < 1 || rating > 5) {
                throw new CliException("--rating must be between 1 and 5");
            }
            return super.call();
        }

        @Override
        TradeEvent act(CliSession s, Trade t) {
            return CliSession.join(t.rate(rating));
        }
    }

    @Command(name = "restore", description = "Restore your active trades and disputes from Mostro (same mnemonic).")
    static final class Restore extends Base {
        @Override
        int run(CliSession s) {
            MostroNodeInfo info = s.node();
            RestoreResult res = CliSession.join(s.client.restore(info.pubkey()));
            s.quiet();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("last_trade_index", res.lastTradeIndex());
            r.put("trade_index_now", res.tradeIndexNow());
            List<Map<String, Object>> trades = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            lines.add("Identity " + s.client.identityPublicKey().toHex() + ", trade index now " + res.tradeIndexNow());
            for (Trade t : res.trades()) {
                trades.add(Describe.trade(t));
                lines.add("Trade " + Describe.tradeLine(t));
            }
            List<Map<String, Object>> disputes = new ArrayList<>();
            for (RestoredDispute d : res.disputes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dispute_id", d.disputeId().toString());
                m.put("order_id", d.orderId().toString());
                m.put("status", d.status());
                disputes.add(m);
                lines.add("Dispute " + d.disputeId() + " on order " + d.orderId() + " (" + d.status() + ")");
            }
            if (res.trades().isEmpty() && res.disputes().isEmpty()) {
                lines.add("No active trades or disputes.");
            }
            r.put("trades", trades);
            r.put("disputes", disputes);
            print(s, r, lines);
            return MostroCli.EXIT_OK;
        }
    }

    @Command(name = "getdm", description = "Show the messages Mostro and your counterparties sent (synced now).")
    static final class GetDm extends Base {
        @Option(names = "--since", defaultValue = "30", paramLabel = "<minutes>",
                description = "Minutes back (default ${DEFAULT-VALUE}).")
        long since;

        @Option(names = {"-o", "--orderid"}, paramLabel = "<uuid>", description = "Only this order.")
        UUID orderId;

        @Override
        int run(CliSession s) {
            if (since <= 0) {
                throw new CliException("--since must be positive");
            }
            s.node();
            s.sync();
            long from = System.currentTimeMillis() / 1000 - since * 60;
            List<Map<String, Object>> msgs = s.journal.read(from, orderId == null ? null : orderId.toString());
            List<String> lines = new ArrayList<>();
            for (Map<String, Object> m : msgs) {
                lines.add(java.time.Instant.ofEpochSecond(((Number) m.get("at")).longValue()) + "  "
                        + shortId(m.get("order")) + "  " + m.get("action") + "  " + m.get("summary"));
            }
            if (lines.isEmpty()) {
                lines.add("No messages in the last " + since + " minutes.");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("dms", msgs);
            root.print(r, lines);
            return MostroCli.EXIT_OK;
        }
    }

    @Command(name = "senddm", description = "Send a chat message to the counterparty (or the solver).")
    static final class SendDm extends OnTrade {
        @Option(names = {"-m", "--message"}, required = true, paramLabel = "<text>", description = "The message.")
        String message;

        @Option(names = "--solver", description = "Write to the dispute's solver instead of the counterparty.")
        boolean solver;

        @Override
        TradeEvent act(CliSession s, Trade t) {
            TradeChat chat = solver ? t.disputeChat() : t.chat();
            ChatEntry sent = CliSession.join(chat.send(message));
            return new TradeEvent.ChatReceived(sent);
        }
    }

    @Command(name = "chat", description = "Show the chat of a trade with the counterparty (or the solver).")
    static final class Chat extends Base {
        @Option(names = {"-o", "--orderid"}, required = true, paramLabel = "<uuid>", description = "The order id.")
        UUID orderId;

        @Option(names = "--solver", description = "The dispute chat with the solver.")
        boolean solver;

        @Override
        int run(CliSession s) {
            s.node();
            s.sync();
            Trade t = s.trade(orderId);
            TradeChat chat = solver ? t.disputeChat() : t.chat();
            List<Map<String, Object>> msgs = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (ChatEntry e : chat.history()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("at", e.createdAt());
                m.put("from", e.senderPubkey());
                m.put("outgoing", e.outgoing());
                m.put("text", e.text());
                msgs.add(m);
                lines.add(java.time.Instant.ofEpochSecond(e.createdAt()) + "  "
                        + (e.outgoing() ? "you" : shortId(e.senderPubkey())) + ": " + e.text());
            }
            if (lines.isEmpty()) {
                lines.add("No chat messages yet.");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("peer", chat.peerPubkey());
            r.put("chat", msgs);
            root.print(r, lines);
            return MostroCli.EXIT_OK;
        }
    }

    @Command(name = "ordersinfo", description = "Show your trades in this data dir (synced now).")
    static final class OrdersInfo extends Base {
        @Option(names = {"-o", "--orderid"}, paramLabel = "<uuid>", description = "Only these orders.")
        List<UUID> orderIds;

        @Option(names = "--refresh", description = "Also ask Mostro for the current order (orders request).")
        boolean refresh;

        @Override
        int run(CliSession s) {
            s.node();
            s.sync();
            List<Trade> trades = new ArrayList<>();
            if (orderIds == null || orderIds.isEmpty()) {
                trades.addAll(s.client.trades());
            } else {
                for (UUID id : orderIds) {
                    trades.add(s.trade(id));
                }
            }
            if (refresh) {
                for (Trade t : trades) {
                    CliSession.join(t.refresh());
                }
            }
            List<Map<String, Object>> list = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (Trade t : trades) {
                list.add(Describe.trade(t));
                lines.add(Describe.tradeLine(t));
                t.holdInvoice().filter(i -> !t.isFinished()).ifPresent(i -> lines.add("    hold invoice: " + i));
            }
            if (lines.isEmpty()) {
                lines.add("No trades in " + s.cfg.dataDir() + ".");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("trades", list);
            print(s, r, lines);
            return MostroCli.EXIT_OK;
        }
    }

    static OrderKind parseKind(String s) {
        return OrderKind.fromWire(s.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new CliException("kind must be buy or sell, got " + s));
    }

    static OrderEventStatus parseStatus(String s) {
        return OrderEventStatus.fromWire(s.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new CliException(
                "status must be pending, in-progress, success, canceled or expired, got " + s));
    }
}
