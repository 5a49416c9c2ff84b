package network.mostro.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import network.mostro.nostr.PrivateKey;
import network.mostro.server.MostroNode;
import network.mostro.server.NodeSettings;
import network.mostro.server.lightning.embedded.EmbeddedLightning;
import network.mostro.server.lightning.embedded.Wallet;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.OrderStore;
import network.mostro.testkit.MockRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI, invoked in-process through picocli with captured output and one data dir per user, trades against a
 * {@link MostroNode} of this SDK on a real WebSocket relay ({@link MockRelay}) with the embedded Lightning network, an
 * in-memory store and a fixed price. Every step is a separate invocation, so each one restores its trades from the
 * data dir, as a user's shell session would.
 */
class CliEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long START = 1_000_000;
    static MockRelay relay;
    static EmbeddedLightning ln;
    static OrderStore store;
    static MostroNode node;
    static PrivateKey nodeKey = PrivateKey.generate();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startNode() {
        relay = MockRelay.start();
        ln = EmbeddedLightning.create();
        store = OrderStore.inMemory();
        node = MostroNode.builder().nodeKey(nodeKey).relays(List.of(relay.uri()))
                .settings(NodeSettings.builder().name("cli test mostro").fee(new BigDecimal("0.006")).build())
                .lightning(ln.node("mostro")).store(store)
                .priceSource(PriceSource.fixed(Map.of("USD", new BigDecimal("50000")))).build();
        node.start().toCompletableFuture().join();
    }

    @AfterAll
    static void stopNode() {
        node.close();
        ln.close();
        store.close();
        relay.close();
    }

    /** One CLI invocation's result. */
    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    final Map<String, String> env = new HashMap<>();

    Run cli(Path dataDir, Map<String, String> extraEnv, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MostroCli.commandLine(e::get);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--wait", "10"));
        if (!List.of(args).contains("--timeout")) {
            all.addAll(List.of("--timeout", "10"));
        }
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    Run cli(Path dataDir, String... args) {
        return cli(dataDir, Map.of(), args);
    }

    Run ok(Path dataDir, String... args) {
        Run r = cli(dataDir, args);
        assertThat(r.code()).as("exit code of %s\nstdout: %s\nstderr: %s", List.of(args), r.out(), r.err())
                .isZero();
        return r;
    }

    /** Repeats a (syncing) command until its JSON output satisfies {@code done}. */
    JsonNode pollJson(Path dataDir, Predicate<JsonNode> done, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = ok(dataDir, args).json();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not reached; last output " + last);
    }

    static void awaitBalance(Wallet w, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && w.balance() != expected) {
            Thread.sleep(50);
        }
        assertThat(w.balance()).as(w.name() + " balance").isEqualTo(expected);
    }

    static String status(JsonNode ordersinfo) {
        return ordersinfo.get("trades").get(0).get("status").asText();
    }

    /** Seller makes a sell order, buyer takes it with an invoice, seller pays the printed hold invoice. */
    String[] toActive(Path seller, Path buyer, Wallet sellerWallet, Wallet buyerWallet) throws Exception {
        JsonNode made = ok(seller, "--json", "neworder", "-k", "sell", "-c", "usd", "-f", "50", "-a", "100000",
                "-m", "SEPA").json();
        String id = made.get("trade").get("id").asText();
        assertThat(made.get("trade").get("status").asText()).isEqualTo("pending");
        assertThat(made.get("trade").get("role").asText()).isEqualTo("maker");

        JsonNode book = ok(buyer, "--json", "listorders", "-k", "sell", "-c", "USD").json();
        List<String> ids = new ArrayList<>();
        book.get("orders").forEach(o -> ids.add(o.get("id").asText()));
        assertThat(ids).contains(id);

        String payout = buyerWallet.createInvoice(0, "cli payout", Duration.ofHours(24));
        JsonNode took = ok(buyer, "--json", "takesell", "-o", id, "-i", payout).json();
        assertThat(took.get("next").get("action").asText()).isEqualTo("waiting-seller-to-pay");

        // the seller's next invocation picks up the hold invoice Mostro sent meanwhile
        Run dm = ok(seller, "getdm");
        assertThat(dm.out()).contains("pay this hold invoice (100300 sats)");
        JsonNode info = ok(seller, "--json", "ordersinfo", "-o", id).json();
        String hold = info.get("trades").get(0).get("hold_invoice").asText();
        assertThat(dm.out()).contains(hold);
        assertThat(status(info)).isEqualTo("waiting-payment");
        sellerWallet.pay(hold); // completes only when the escrow is settled or canceled

        pollJson(buyer, j -> status(j).equals("active"), "--json", "ordersinfo", "-o", id);
        awaitBalance(sellerWallet, START - 100_300);
        return new String[] {id, payout};
    }

    @Test
    void fullTradeBetweenTwoCliUsers() throws Exception {
        env.put("MOSTRO_PUBKEY", nodeKey.publicKey().toNpub());
        env.put("RELAYS", relay.uri().toString());
        Path seller = tmp.resolve("seller");
        Path buyer = tmp.resolve("buyer");
        Wallet sellerWallet = ln.wallet("seller-1", START);
        Wallet buyerWallet = ln.wallet("buyer-1", 0);
        String id = toActive(seller, buyer, sellerWallet, buyerWallet)[0];

        JsonNode sent = ok(buyer, "--json", "fiatsent", "-o", id).json();
        assertThat(sent.get("answer").get("action").asText()).isEqualTo("fiat-sent-ok");
        assertThat(sent.get("trade").get("status").asText()).isEqualTo("fiat-sent");

        // chat between the parties over the trade keys
        ok(buyer, "senddm", "-o", id, "-m", "sent 50 USD by SEPA");
        Run chat = ok(seller, "chat", "-o", id);
        assertThat(chat.out()).contains("sent 50 USD by SEPA");

        Run released = ok(seller, "release", "-o", id);
        assertThat(released.out()).contains("hold-invoice-payment-settled");
        awaitBalance(buyerWallet, 99_700);

        // the buyer's next invocation picks up released, purchase-completed and rate (stored newest first, the last
        // three in one second) and applies them in order: its tracked status reaches success
        pollJson(buyer, j -> j.toString().contains("purchase-completed"), "--json", "getdm", "-o", id);
        assertThat(status(ok(buyer, "--json", "ordersinfo", "-o", id).json())).isEqualTo("success");
        JsonNode rb = ok(buyer, "--json", "rate", "-o", id, "-r", "5").json();
        assertThat(rb.get("answer").get("action").asText()).isEqualTo("rate-received");
        JsonNode rs = ok(seller, "--json", "rate", "-o", id, "-r", "4").json();
        assertThat(rs.get("answer").get("action").asText()).isEqualTo("rate-received");
        assertThat(sellerWallet.balance()).isEqualTo(START - 100_300);

        // the buyer's journal kept every step, across invocations
        Run log = ok(buyer, "getdm", "-o", id);
        assertThat(log.out()).contains("waiting-seller-to-pay", "hold-invoice-payment-accepted", "released",
                "purchase-completed");
        // a second rating is dropped silently by Mostro: exit code 4 with the likely causes
        Run again = cli(buyer, "--timeout", "2", "rate", "-o", id, "-r", "5");
        assertThat(again.code()).as(again.err()).isEqualTo(MostroCli.EXIT_NO_ANSWER);
        assertThat(again.err()).startsWith("no answer from Mostro to rate-user within 2 s. Likely causes:");
        // taking the finished order is refused: exit code 3 with the reason
        Run late = cli(tmp.resolve("late"), "takesell", "-o", id);
        assertThat(late.code()).as(late.err()).isEqualTo(MostroCli.EXIT_CANT_DO);
        assertThat(late.err()).startsWith("Mostro refused take-sell: ");
        // the mnemonic stays in the data dir and is never printed
        String words = java.nio.file.Files.readString(seller.resolve("mnemonic")).trim();
        for (Run r : List.of(dm(seller), chat, released, log)) {
            assertThat(r.out()).doesNotContain(words.split(" ")[0] + " " + words.split(" ")[1] + " "
                    + words.split(" ")[2]);
        }
    }

    Run dm(Path dir) {
        return ok(dir, "getdm");
    }

    @Test
    void disputeSettledBySolverWithAdminCommands() throws Exception {
        env.put("MOSTRO_PUBKEY", nodeKey.publicKey().toHex());
        env.put("RELAYS", relay.uri().toString());
        Path seller = tmp.resolve("seller");
        Path buyer = tmp.resolve("buyer");
        Path admin = tmp.resolve("admin");
        Wallet sellerWallet = ln.wallet("seller-2", START);
        Wallet buyerWallet = ln.wallet("buyer-2", 0);
        String id = toActive(seller, buyer, sellerWallet, buyerWallet)[0];
        ok(buyer, "fiatsent", "-o", id);

        JsonNode disputed = ok(seller, "--json", "dispute", "-o", id).json();
        assertThat(disputed.get("answer").get("action").asText()).isEqualTo("dispute-initiated-by-you");
        String disputeId = disputed.get("answer").get("dispute_id").asText();

        PrivateKey solver = PrivateKey.generate();
        // a stranger's add-solver is dropped silently by Mostro: exit code 4 with the likely causes
        Run stranger = cli(admin, Map.of("ADMIN_NSEC", PrivateKey.generate().toNsec()), "--timeout", "2",
                "admaddsolver", "-n", solver.publicKey().toNpub());
        assertThat(stranger.code()).as(stranger.err()).isEqualTo(MostroCli.EXIT_NO_ANSWER);
        assertThat(stranger.err()).contains("Likely causes", "neither the node key");

        Run added = cli(admin, Map.of("ADMIN_NSEC", nodeKey.toNsec()), "admaddsolver", "-n",
                solver.publicKey().toNpub() + ":read-write");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("admin-add-solver");
        assertThat(added.out() + added.err()).doesNotContain(nodeKey.toNsec()).doesNotContain(nodeKey.toHex());

        Map<String, String> solverEnv = Map.of("ADMIN_NSEC", solver.toHex());
        Run took = cli(admin, solverEnv, "--json", "admtakedispute", "-d", disputeId);
        assertThat(took.code()).as(took.err()).isZero();
        JsonNode t = took.json();
        assertThat(t.get("reply").asText()).isEqualTo("admin-took-dispute");
        assertThat(t.get("dispute").get("order_id").asText()).isEqualTo(id);
        assertThat(t.get("dispute").get("amount_sats").asLong()).isEqualTo(100_000);
        assertThat(took.out()).doesNotContain("preimage");

        // the buyer's trade learns the solver; the dispute chat opens
        pollJson(buyer, j -> j.get("trades").get(0).has("solver"), "--json", "ordersinfo", "-o", id);

        Run settled = cli(admin, solverEnv, "admsettle", "-o", id);
        assertThat(settled.code()).as(settled.err()).isZero();
        assertThat(settled.out()).contains("admin-settled");
        awaitBalance(buyerWallet, 99_700);
        assertThat(sellerWallet.balance()).isEqualTo(START - 100_300);
        // both parties' next invocation shows the outcome; the buyer applies admin-settled, purchase-completed and
        // rate (one created_at second) in order, so its tracked status reaches success
        pollJson(buyer, j -> j.toString().contains("purchase-completed"), "--json", "getdm", "-o", id);
        assertThat(status(ok(buyer, "--json", "ordersinfo", "-o", id).json())).isEqualTo("success");
        JsonNode sellerLog = pollJson(seller, j -> j.toString().contains("admin-settled"), "--json", "getdm", "-o",
                id);
        assertThat(sellerLog.toString()).contains("admin-took-dispute", disputeId);
        JsonNode b = ok(buyer, "--json", "ordersinfo", "-o", id).json();
        assertThat(b.get("trades").get(0).get("dispute_id").asText()).isEqualTo(disputeId);

        // settling again is refused: the order is no longer in dispute
        Run again = cli(admin, solverEnv, "admsettle", "-o", id);
        assertThat(again.code()).as(again.err()).isEqualTo(MostroCli.EXIT_CANT_DO);
    }

    @Test
    void anOrderThatIsNotInTheDataDirIsAUsageError() {
        env.put("MOSTRO_PUBKEY", nodeKey.publicKey().toNpub());
        env.put("RELAYS", relay.uri().toString());
        Run r = cli(tmp.resolve("x"), "fiatsent", "-o", "3f0c7c57-3ad5-4b0f-9d1a-2b4c7f0e8a11");
        assertThat(r.code()).as(r.err()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).contains("is not a trade of this data dir");
    }

    @Test
    void unknownNodeGivesNoAnswerWithCauses() {
        env.put("MOSTRO_PUBKEY", PrivateKey.generate().publicKey().toNpub());
        env.put("RELAYS", relay.uri().toString());
        Run r = cli(tmp.resolve("u"), "--timeout", "1", "listorders");
        assertThat(r.code()).as(r.err()).isEqualTo(MostroCli.EXIT_NO_ANSWER);
        assertThat(r.err()).contains("no info event", "MOSTRO_PUBKEY");
    }
}
