package network.mostro.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import network.mostro.client.CantDoException;
import network.mostro.client.ClientListener;
import network.mostro.client.MostroClient;
import network.mostro.client.MostroNodeInfo;
import network.mostro.client.NewOrder;
import network.mostro.client.NoAnswerException;
import network.mostro.client.OrderBook;
import network.mostro.client.OrderBookEntry;
import network.mostro.client.OrderBookFilter;
import network.mostro.client.OrderBookListener;
import network.mostro.client.SessionStore;
import network.mostro.client.TakeOptions;
import network.mostro.client.Trade;
import network.mostro.client.TradeEvent;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.server.MostroNode;
import network.mostro.server.NodeSettings;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;
import network.mostro.server.lightning.embedded.EmbeddedLightning;
import network.mostro.server.lightning.embedded.Wallet;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.jdbc.JdbcOrderStore;
import network.mostro.testkit.MockRelay;

/**
 * Runs one complete Mostro trade on embedded defaults and prints every step as it happens: an in-process Nostr relay
 * ({@link MockRelay} on 127.0.0.1), a {@link MostroNode} on the embedded Lightning network (regtest) and SQLite (a
 * temporary file), a fixed price source, and a seller and a buyer {@link MostroClient} with fresh mnemonics.
 *
 * <p>The seller publishes a fixed-price sell order, the buyer finds it in the order book and takes it, sends a payout
 * invoice from its wallet, the seller's wallet pays the hold invoice, the buyer declares the fiat sent, the seller
 * releases, Mostro pays the buyer, and both rate each other. The final balances show that money is conserved: the
 * seller paid amount + fee, the buyer received amount − fee and the node kept both fees.
 *
 * <p>{@link #main} exits 0 on success and 1 with a one-line reason on failure or after the global timeout (60 s, or
 * the first argument in seconds). {@code --verbose} also prints every event each party receives.
 *
 * <p>Not thread-safe: one instance runs one demo.
 */
public final class TradeDemo {
    /** Sats in the seller's wallet at the start. */
    public static final long SELLER_START_SATS = 1_000_000;
    /** Sats in the buyer's wallet at the start. */
    public static final long BUYER_START_SATS = 0;
    /** The order's fixed amount in sats. */
    public static final long ORDER_SATS = 100_000;
    /** The order's fiat amount (USD). */
    public static final long ORDER_FIAT = 50;
    /** The node's total fee fraction (each party pays half). */
    public static final BigDecimal NODE_FEE = new BigDecimal("0.006");

    private static final String NODE_ALIAS = "mostro";

    private final PrintStream out;
    private final Duration timeout;
    private final boolean verbose;
    private final long startNanos = System.nanoTime();
    private final long deadline;
    private final List<String> steps = new ArrayList<>();

    /**
     * A demo that prints to {@code out} and gives up after {@code timeout}.
     *
     * @param verbose whether to print every trade event each party receives
     */
    public TradeDemo(PrintStream out, Duration timeout, boolean verbose) {
        this.out = out;
        this.timeout = timeout;
        this.verbose = verbose;
        this.deadline = startNanos + timeout.toNanos();
    }

    /**
     * Runs the demo. Exit code 0 on success, 1 on failure or timeout, 2 on bad arguments.
     *
     * @param args optional: the global timeout in seconds (default 60), {@code --verbose}
     */
    public static void main(String[] args) {
        Duration timeout = Duration.ofSeconds(60);
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("--verbose") || a.equals("-v")) {
                verbose = true;
            } else if (a.matches("[0-9]{1,5}") && Integer.parseInt(a) > 0) {
                timeout = Duration.ofSeconds(Integer.parseInt(a));
            } else {
                System.err.println("usage: TradeDemo [timeout-seconds] [--verbose]");
                System.exit(2);
            }
        }
        int code;
        try {
            Result r = new TradeDemo(System.out, timeout, verbose).run();
            code = r.conserved() ? 0 : 1;
        } catch (DemoFailure f) {
            System.out.flush();
            System.err.println("DEMO FAILED: " + f.getMessage());
            code = 1;
        } catch (RuntimeException | Error e) {
            System.out.flush();
            System.err.println("DEMO FAILED with an unexpected error (please report it):");
            e.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs the whole trade and closes everything it started.
     *
     * @return what happened, with the balances
     * @throws DemoFailure when a step fails, Mostro refuses or stays silent, or the global timeout passes
     */
    public Result run() throws DemoFailure {
        Path dir;
        try {
            dir = Files.createTempDirectory("mostro-demo-");
        } catch (IOException e) {
            throw new DemoFailure("cannot create a temporary directory: " + e.getMessage());
        }
        try (MockRelay relay = MockRelay.start();
                EmbeddedLightning ln = EmbeddedLightning.create();
                OrderStore store = JdbcOrderStore.sqlite(dir.resolve("mostro.db"))) {
            return trade(relay, ln, store, dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    private Result trade(MockRelay relay, EmbeddedLightning ln, OrderStore store, Path dir) throws DemoFailure {
        step("relay listening on %s", relay.uri());
        Wallet sellerWallet = ln.wallet("seller", SELLER_START_SATS);
        Wallet buyerWallet = ln.wallet("buyer", BUYER_START_SATS);
        LightningBackend nodeLightning = ln.node(NODE_ALIAS);
        long nodeStart = ln.balance(NODE_ALIAS);
        PrivateKey nodeKey = PrivateKey.generate();
        MostroNode node = MostroNode.builder()
                .nodeKey(nodeKey)
                .relays(List.of(relay.uri()))
                .settings(NodeSettings.builder().name("demo mostro").fee(NODE_FEE).build())
                .lightning(nodeLightning)
                .store(store)
                .priceSource(PriceSource.fixed(Map.of("USD", new BigDecimal("50000"))))
                .listener((id, from, to, rule) -> verbose("node: order %s %s -> %s (%s)", shortId(id),
                        from == null ? "new" : from.wireName(), to.wireName(), rule))
                .build();
        try (nodeLightning;
                node;
                MostroClient seller = client("seller", relay, dir.resolve("seller-session.json"));
                MostroClient buyer = client("buyer", relay, dir.resolve("buyer-session.json"))) {
            await(node.start(), "the node to start");
            MostroNodeInfo info = await(seller.awaitNode(node.publicKey()), "the node's info event (kind 38385)");
            await(buyer.awaitNode(node.publicKey()), "the node's info event at the buyer");
            step("node %s up: '%s', fee %s, protocol v%d, Lightning %s (SQLite store)",
                    shortKey(node.publicKey().toHex()), info.name(), info.fee(), info.protocolVersion(),
                    info.lndNetworks());
            step("seller wallet %s sats, buyer wallet %s sats", sats(sellerWallet.balance()),
                    sats(buyerWallet.balance()));

            // The buyer watches the order book before the seller publishes.
            CompletableFuture<OrderBookEntry> seen = new CompletableFuture<>();
            try (OrderBook book = buyer.orderBook(node.publicKey(),
                    OrderBookFilter.builder().kind(OrderKind.SELL).fiatCode("USD").build())) {
                Trade sell = await(seller.createOrder(node.publicKey(),
                        NewOrder.sell("USD", ORDER_FIAT, "SEPA").fixedSats(ORDER_SATS).build()),
                        "Mostro to confirm the new order");
                UUID id = sell.orderId();
                step("seller published sell order %s: %s sats for %d USD via SEPA", shortId(id), sats(ORDER_SATS),
                        ORDER_FIAT);

                book.addListener(new OrderBookListener() {
                    @Override
                    public void onAdded(OrderBookEntry entry) {
                        if (entry.orderId().equals(id)) {
                            seen.complete(entry);
                        }
                    }
                });
                book.get(id).ifPresent(seen::complete);
                OrderBookEntry entry = await(seen, "the order to appear in the buyer's order book");
                step("buyer sees it in the order book (status %s, %s sats)", entry.status().wireName(),
                        sats(entry.amountSats()));

                Trade buy = await(buyer.take(entry, TakeOptions.none()), "Mostro to answer the take");
                TradeEvent.InvoiceRequested wanted = await(buy.awaitEvent(TradeEvent.InvoiceRequested.class),
                        "Mostro to ask the buyer for an invoice");
                step("buyer took the order; Mostro asks the buyer for an invoice of %s sats",
                        sats(wanted.amountSats()));

                String invoice = buyerWallet.createInvoice(wanted.amountSats(), "Mostro demo payout",
                        Duration.ofHours(2));
                await(buy.addInvoice(invoice), "Mostro to accept the buyer's invoice");
                step("buyer added its payout invoice (%s...)", invoice.substring(0, 24));

                TradeEvent.PayHoldInvoice hold = await(sell.awaitEvent(TradeEvent.PayHoldInvoice.class),
                        "the hold invoice for the seller");
                CompletionStage<Payment> escrow = sellerWallet.pay(hold.invoice());
                await(sell.awaitEvent(TradeEvent.BuyerTookOrder.class), "Mostro to see the hold invoice paid");
                await(buy.awaitEvent(TradeEvent.HoldInvoicePaymentAccepted.class),
                        "the buyer to learn that the escrow is locked");
                step("seller's wallet paid the hold invoice: %s sats locked in escrow; trade is %s",
                        sats(hold.amountSats()), sell.status().wireName());

                await(buy.fiatSent(), "Mostro to confirm fiat-sent");
                await(sell.awaitEvent(TradeEvent.FiatSentOk.class), "the seller to learn that the fiat was sent");
                step("buyer says the %d USD were sent; seller notified", ORDER_FIAT);

                await(sell.release(), "Mostro to settle the escrow after the release");
                Payment settled = await(escrow, "the seller's escrow payment to settle");
                step("seller released: escrow settled (seller's payment %s)", settled.status());

                await(buy.awaitEvent(TradeEvent.Released.class), "the buyer to learn about the release");
                await(buy.awaitEvent(TradeEvent.PurchaseCompleted.class), "Mostro to pay the buyer");
                step("buyer paid: %s sats arrived in the buyer's wallet", sats(buyerWallet.balance()));

                await(sell.awaitEvent(TradeEvent.RateRequested.class), "the seller's rating invitation");
                await(buy.awaitEvent(TradeEvent.RateRequested.class), "the buyer's rating invitation");
                TradeEvent sRated = await(sell.rate(5), "Mostro to record the seller's rating");
                TradeEvent bRated = await(buy.rate(5), "Mostro to record the buyer's rating");
                step("ratings recorded: seller rated buyer %d, buyer rated seller %d", rating(sRated),
                        rating(bRated));

                step("trade %s finished: seller %s, buyer %s", shortId(id), sell.status().wireName(),
                        buy.status().wireName());
                long fee = hold.amountSats() - ORDER_SATS;
                Result r = new Result(id, sell.status(), buy.status(), ORDER_SATS, fee, SELLER_START_SATS,
                        sellerWallet.balance(), BUYER_START_SATS, buyerWallet.balance(), nodeStart,
                        ln.balance(NODE_ALIAS), ln.lockedSats(), settled.status() == PaymentStatus.SUCCEEDED,
                        List.copyOf(steps));
                printBalances(r);
                if (!r.conserved()) {
                    throw new DemoFailure("the balances do not add up: " + r);
                }
                return r;
            }
        }
    }

    private MostroClient client(String who, MockRelay relay, Path session) {
        return MostroClient.builder()
                .relays(relay.uri())
                .listener(new ClientListener() {
                    @Override
                    public void onTradeEvent(Trade trade, TradeEvent event) {
                        verbose("%s <- %s", who, describe(event));
                    }
                })
                .mnemonic(Mnemonic.generate())
                .sessionStore(SessionStore.file(session))
                .build();
    }

    private void printBalances(Result r) {
        out.println();
        out.println("Final balances (sats)         before       after      change");
        row("seller wallet", r.sellerStart(), r.sellerEnd(),
                String.format(Locale.ROOT, "paid amount %s + fee %s", sats(r.amountSats()), sats(r.feeSats())));
        row("buyer wallet", r.buyerStart(), r.buyerEnd(),
                String.format(Locale.ROOT, "got amount %s - fee %s", sats(r.amountSats()), sats(r.feeSats())));
        row("mostro node", r.nodeStart(), r.nodeEnd(),
                String.format(Locale.ROOT, "kept 2 x fee %s", sats(r.feeSats())));
        long before = r.sellerStart() + r.buyerStart() + r.nodeStart();
        long after = r.sellerEnd() + r.buyerEnd() + r.nodeEnd() + r.lockedSats();
        row("total", before, after, r.conserved() ? "money conserved" : "MONEY NOT CONSERVED");
    }

    private void row(String what, long before, long after, String note) {
        out.printf(Locale.ROOT, "  %-22s %12s %11s %+,11d  %s%n", what, sats(before), sats(after), after - before,
                note);
    }

    private static String describe(TradeEvent e) {
        if (e instanceof TradeEvent.StatusChanged s) {
            return "status " + s.from().wireName() + " -> " + s.to().wireName();
        }
        return e.action().wireName() + " (" + e.getClass().getSimpleName() + ")";
    }

    private static int rating(TradeEvent e) {
        return e instanceof TradeEvent.RateReceived r ? r.rating() : -1;
    }

    private synchronized void step(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        steps.add(line);
        out.printf(Locale.ROOT, "[%6.2fs] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
    }

    private synchronized void verbose(String format, Object... args) {
        if (verbose) {
            out.printf(Locale.ROOT, "[%6.2fs]     %s%n", (System.nanoTime() - startNanos) / 1e9,
                    String.format(Locale.ROOT, format, args));
        }
    }

    private <T> T await(CompletionStage<T> stage, String what) throws DemoFailure {
        long left = deadline - System.nanoTime();
        try {
            if (left <= 0) {
                throw new TimeoutException();
            }
            return stage.toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DemoFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while waiting for " + what);
        } catch (ExecutionException e) {
            throw explain(e.getCause(), what);
        }
    }

    private static DemoFailure explain(Throwable cause, String what) {
        if (cause instanceof CantDoException c) {
            return new DemoFailure("Mostro refused while waiting for " + what + ": " + c.request().wireName()
                    + " -> cant-do " + c.wireReason());
        }
        if (cause instanceof NoAnswerException n) {
            return new DemoFailure("no answer from Mostro to " + n.request().wireName() + " within "
                    + n.timeout().toSeconds() + " s while waiting for " + what + "; likely causes: "
                    + String.join("; ", n.likelyCauses()));
        }
        return new DemoFailure("failed while waiting for " + what + ": " + cause);
    }

    private static String sats(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    private static String shortKey(String hex) {
        return hex.substring(0, 8) + "...";
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: the directory is under the system's temporary folder
        }
    }

    /**
     * What the demo did. Immutable and thread-safe.
     *
     * @param orderId the traded order
     * @param sellerStatus the seller's final tracked status
     * @param buyerStatus the buyer's final tracked status
     * @param amountSats the order amount
     * @param feeSats the fee each party paid (half of the node's fee)
     * @param sellerStart seller wallet before
     * @param sellerEnd seller wallet after
     * @param buyerStart buyer wallet before
     * @param buyerEnd buyer wallet after
     * @param nodeStart node balance before
     * @param nodeEnd node balance after
     * @param lockedSats sats still locked in hold invoices at the end
     * @param escrowSettled whether the seller's escrow payment ended as succeeded (settled)
     * @param steps the printed step lines
     */
    public record Result(UUID orderId, OrderStatus sellerStatus, OrderStatus buyerStatus, long amountSats,
            long feeSats, long sellerStart, long sellerEnd, long buyerStart, long buyerEnd, long nodeStart,
            long nodeEnd, long lockedSats, boolean escrowSettled, List<String> steps) {
        /** Whether the seller paid amount + fee, the buyer got amount − fee, the node kept 2 × fee, nothing locked. */
        public boolean conserved() {
            return sellerStart - sellerEnd == amountSats + feeSats
                    && buyerEnd - buyerStart == amountSats - feeSats
                    && nodeEnd - nodeStart == 2 * feeSats
                    && lockedSats == 0;
        }
    }

    /** A demo step failed for an expected reason (refusal, silence, timeout); the message says which. */
    public static final class DemoFailure extends Exception {
        private static final long serialVersionUID = 1L;

        /** A failure with a one-line reason. */
        public DemoFailure(String message) {
            super(message);
        }
    }
}
