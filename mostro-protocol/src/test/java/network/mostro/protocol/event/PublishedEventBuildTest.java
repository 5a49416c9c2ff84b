package network.mostro.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import network.mostro.nostr.Event;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.OrderKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PublishedEventBuildTest {
    static final PrivateKey NODE = PrivateKey.generate(new Random(3));
    static final PublicKey NODE_PUB = NODE.publicKey();
    static final String ORDER_ID = "ede61c96-4c13-4519-bf3a-dcf7f1e9d842";

    static OrderEvent pendingRange() {
        return OrderEvent.builder().orderId(ORDER_ID).kind(OrderKind.SELL).fiatCode("VES")
                .status(OrderEventStatus.PENDING).amount(0).fiatAmount(FiatAmount.range(10, 20))
                .paymentMethod("face to face,,bank transfer").premium(-3).rating(OrderRating.none())
                .source(OrderEvent.sourceOf(ORDER_ID, List.of("wss://a/", "wss://b/"), NODE_PUB))
                .network("mainnet").layer("lightning").expiresAt(1719391096L).expiration(1719391096L)
                .platform(Platform.mostro("Mostro test")).build();
    }

    @Test
    void orderEventInDaemonOrderAndRoundTrip() {
        OrderEvent o = pendingRange();
        List<Tag> tags = o.toTags();
        assertThat(tags).containsExactly(
                Tag.of("d", ORDER_ID), Tag.of("k", "sell"), Tag.of("f", "VES"), Tag.of("s", "pending"),
                Tag.of("amt", "0"), Tag.of("fa", "10", "20"), Tag.of("pm", "face to face", "bank transfer"),
                Tag.of("premium", "-3"),
                Tag.of("rating", "[\"rating\",{\"days\":0,\"total_rating\":0.0,\"total_reviews\":0}]"),
                Tag.of("source", "mostro:" + ORDER_ID + "?relays=wss://a/,wss://b/&mostro=" + NODE_PUB.toHex()),
                Tag.of("network", "mainnet"), Tag.of("layer", "lightning"), Tag.of("expires_at", "1719391096"),
                Tag.of("expiration", "1719391096"), Tag.of("y", "mostro", "Mostro test"), Tag.of("z", "order"));
        Event e = o.toUnsignedEvent(NODE_PUB, 1702548701).sign(NODE);
        assertThat(e.content()).isEmpty();
        assertThat(OrderEvent.parse(e)).isEqualTo(o);
        OrderEvent withUnknown = OrderEvent.fromTags(concat(tags, Tag.of("published_at", "1"), Tag.of("g", "u4pr")));
        assertThat(withUnknown.unknownTags()).containsExactly(Tag.of("published_at", "1"), Tag.of("g", "u4pr"));
        assertThat(withUnknown.toTags()).isEqualTo(concat(tags, Tag.of("published_at", "1"), Tag.of("g", "u4pr")));
        assertThat(OrderRating.of(10, 4.5, 7).json())
                .isEqualTo("[\"rating\",{\"days\":10,\"total_rating\":4.5,\"total_reviews\":7}]");
        assertThat(OrderEvent.paymentMethodsOf("SEPA,,Bank transfer, x,")).containsExactly("SEPA", "Bank transfer",
                " x");
    }

    @Test
    void ratingParsesByKeyName() {
        OrderRating r = OrderRating.parse("[\"rating\",{\"total_reviews\":3,\"since\":5,\"extra\":[1,{}],"
                + "\"days\":2,\"total_rating\":3}]");
        assertThat(r.days()).isEqualTo(2);
        assertThat(r.totalReviews()).isEqualTo(3);
        assertThat(r.totalRating()).isEqualTo(3.0);
        assertThat(r.since()).isEqualTo(5);
    }

    @Test
    void infoEventBuildsEveryTagInDaemonOrder() {
        InfoEvent info = InfoEvent.builder(NODE_PUB.toHex()).mostroVersion("0.18.5").mostroCommitHash("848ee3b3")
                .maxOrderAmount(1_000_000L).minOrderAmount(100L).expirationHours(24L).expirationSeconds(900L)
                .fiatCurrenciesAccepted(List.of()).maxOrdersPerResponse(10L).fee(0.0).pow(0).powFirstContact(16)
                .protocolVersion(2).holdInvoiceExpirationWindow(300L).holdInvoiceCltvDelta(144L)
                .invoiceExpirationWindow(300L).lndVersion("0.19.2-beta").lndNodePubkey("02ab").lndCommitHash("c0ff")
                .lndNodeAlias("alias").lndChains("bitcoin").lndNetworks("mainnet").lndUris(List.of("02ab@h:9735"))
                .platform(Platform.mostro(null)).bondEnabled(true)
                .bond(new BondSettings(0.01, 1000L, "both", false, 0.5, 15L)).build();
        List<Tag> tags = info.toTags();
        assertThat(tags).containsExactly(Tag.of("d", NODE_PUB.toHex()), Tag.of("mostro_version", "0.18.5"),
                Tag.of("mostro_commit_hash", "848ee3b3"), Tag.of("max_order_amount", "1000000"),
                Tag.of("min_order_amount", "100"), Tag.of("expiration_hours", "24"),
                Tag.of("expiration_seconds", "900"), Tag.of("fiat_currencies_accepted", ""),
                Tag.of("max_orders_per_response", "10"), Tag.of("fee", "0"), Tag.of("pow", "0"),
                Tag.of("pow_first_contact", "16"), Tag.of("protocol_version", "2"),
                Tag.of("hold_invoice_expiration_window", "300"), Tag.of("hold_invoice_cltv_delta", "144"),
                Tag.of("invoice_expiration_window", "300"), Tag.of("lnd_version", "0.19.2-beta"),
                Tag.of("lnd_node_pubkey", "02ab"), Tag.of("lnd_commit_hash", "c0ff"), Tag.of("lnd_node_alias", "alias"),
                Tag.of("lnd_chains", "bitcoin"), Tag.of("lnd_networks", "mainnet"), Tag.of("lnd_uris", "02ab@h:9735"),
                Tag.of("y", "mostro"), Tag.of("z", "info"), Tag.of("bond_enabled", "true"),
                Tag.of("bond_amount_pct", "0.01"), Tag.of("bond_base_amount_sats", "1000"),
                Tag.of("bond_apply_to", "both"), Tag.of("bond_slash_on_waiting_timeout", "false"),
                Tag.of("bond_slash_node_share_pct", "0.5"), Tag.of("bond_payout_claim_window_days", "15"));
        Event e = info.toUnsignedEvent(NODE_PUB, 1731701441).sign(NODE);
        InfoEvent parsed = InfoEvent.parse(e, NODE_PUB);
        assertThat(parsed).isEqualTo(info);
        assertThat(parsed.acceptsAllCurrencies()).isTrue();
        assertThat(parsed.protocolVersionOrDefault()).isEqualTo(2);
        assertThat(parsed.toTags()).isEqualTo(tags);
        // Look-alike from another author.
        PrivateKey other = PrivateKey.generate(new Random(4));
        Event fake = info.toUnsignedEvent(other.publicKey(), 1731701441).sign(other);
        assertThatThrownBy(() -> InfoEvent.parse(fake, NODE_PUB)).isInstanceOf(EventParseException.class);
        // Bonds disabled: only bond_enabled=false.
        InfoEvent off = InfoEvent.builder(NODE_PUB.toHex()).bondEnabled(false).build();
        assertThat(off.toTags()).containsExactly(Tag.of("d", NODE_PUB.toHex()), Tag.of("z", "info"),
                Tag.of("bond_enabled", "false"));
    }

    @Test
    void infoEventForwardCompatibleTags() {
        List<Tag> tags = List.of(Tag.of("d", NODE_PUB.toHex()), Tag.of("protocol_version", "2"),
                Tag.of("invoice_expiration_window", "3600"), Tag.of("z", "info"), Tag.of("bond_enabled", "false"),
                Tag.of("maintenance_mode", "true"), Tag.of("serbero", "ab".repeat(32)), Tag.of("future", "x"));
        InfoEvent info = InfoEvent.fromTags(tags);
        assertThat(info.inMaintenance()).isTrue();
        assertThat(info.serbero()).isEqualTo("ab".repeat(32));
        assertThat(info.unknownTags()).containsExactly(Tag.of("future", "x"));
        assertThat(info.toTags()).isEqualTo(tags);
        assertThat(InfoEvent.fromTags(List.of(Tag.of("d", "x"))).protocolVersionOrDefault()).isEqualTo(1);
    }

    @Test
    void ratingDisputeDevFeeRatesRelaysInDaemonOrder() {
        RatingEvent r = new RatingEvent("ab".repeat(32), 1700000000L, 2, 3.75, 3, 5, 3, "rating", 12L, null, List.of());
        assertThat(r.toTags()).containsExactly(Tag.of("d", "ab".repeat(32)), Tag.of("expiration", "1700000000"),
                Tag.of("total_reviews", "2"), Tag.of("total_rating", "3.75"), Tag.of("last_rating", "3"),
                Tag.of("max_rate", "5"), Tag.of("min_rate", "3"), Tag.of("z", "rating"), Tag.of("days", "12"));
        RatingEvent five = new RatingEvent("d", null, 1, 5.0, 5, 5, 5, "rating", null, null, List.of());
        assertThat(five.toTags()).contains(Tag.of("total_rating", "5"));
        assertThat(RatingEvent.parse(r.toUnsignedEvent(NODE_PUB, 1).sign(NODE))).isEqualTo(r);

        DisputeEvent d = new DisputeEvent(ORDER_ID, 1700000000L, "initiated", "buyer", 1690000000L,
                Platform.mostro("n"), "dispute", List.of());
        assertThat(d.toTags()).containsExactly(Tag.of("d", ORDER_ID), Tag.of("expiration", "1700000000"),
                Tag.of("s", "initiated"), Tag.of("initiator", "buyer"), Tag.of("created_at", "1690000000"),
                Tag.of("y", "mostro", "n"), Tag.of("z", "dispute"));
        assertThat(DisputeEvent.parse(d.toUnsignedEvent(NODE_PUB, 2).sign(NODE))).isEqualTo(d);
        DisputeEvent future = DisputeEvent.fromTags(List.of(Tag.of("d", "x"), Tag.of("s", "cooperatively-canceled"),
                Tag.of("initiator", "unknown"), Tag.of("published_at", "5")));
        assertThat(future.knownStatus()).isEmpty();
        assertThat(future.knownInitiator()).isEmpty();
        assertThat(future.unknownTags()).containsExactly(Tag.of("published_at", "5"));

        DevFeeAuditEvent f = new DevFeeAuditEvent(ORDER_ID, 8, "ca".repeat(32), "dev@mostro.network", "mainnet",
                Platform.mostro(null), DevFeeAuditEvent.Z, 1800000000L, List.of());
        assertThat(names(f.toTags())).containsExactly("order-id", "amount", "hash", "destination", "network", "y", "z",
                "expiration");
        assertThat(DevFeeAuditEvent.parse(f.toUnsignedEvent(NODE_PUB, 3).sign(NODE))).isEqualTo(f);

        Map<String, BigDecimal> usd = new LinkedHashMap<>();
        usd.put("BTC", BigDecimal.ONE);
        usd.put("USD", new BigDecimal("50000"));
        usd.put("AED", new BigDecimal("260491.35"));
        ExchangeRatesEvent x = new ExchangeRatesEvent(ExchangeRatesEvent.D, 1732546800L, "yadio", 1732550400L,
                Map.of("BTC", usd), List.of());
        assertThat(x.content()).isEqualTo("{\"BTC\":{\"BTC\":1.0,\"USD\":50000.0,\"AED\":260491.35}}");
        Event xe = x.toUnsignedEvent(NODE_PUB, 1732546800L).sign(NODE);
        ExchangeRatesEvent back = ExchangeRatesEvent.parse(xe);
        assertThat(back.btcPrice("AED")).contains(new BigDecimal("260491.35"));
        assertThat(back.content()).isEqualTo(x.content());
        assertThat(back.toTags()).isEqualTo(x.toTags());

        RelayListEvent rl = RelayListEvent.of(List.of("wss://relay.mostro.network", "wss://nos.lol"));
        assertThat(RelayListEvent.parse(rl.toUnsignedEvent(NODE_PUB, 4).sign(NODE))).isEqualTo(rl);
        assertThat(RelayListEvent.fromTags(List.of(Tag.of("r", "wss://x", "read"))).relays().get(0).marker())
                .isEqualTo("read");
    }

    static Stream<Arguments> malformed() {
        List<Tag> order = pendingRange().toTags();
        return Stream.of(
                Arguments.of("d", (Runnable) () -> OrderEvent.fromTags(without(order, "d"))),
                Arguments.of("k", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("k", "swap")))),
                Arguments.of("s", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("s", "paused")))),
                Arguments.of("amt", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("amt", "1.5")))),
                Arguments.of("amt", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("amt", "99999999999999999999")))),
                Arguments.of("amt", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("amt")))),
                Arguments.of("fa", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("fa", "1", "2", "3")))),
                Arguments.of("fa", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("fa", "20", "10")))),
                Arguments.of("fa", (Runnable) () -> OrderEvent.fromTags(without(order, "fa"))),
                Arguments.of("pm", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("pm")))),
                Arguments.of("premium", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("premium", "x")))),
                Arguments.of("rating", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("rating", "{")))),
                Arguments.of("rating", (Runnable) () -> OrderEvent.fromTags(replace(order, Tag.of("rating", "[\"x\",{}]")))),
                Arguments.of("rating", (Runnable) () -> OrderEvent.fromTags(replace(order,
                        Tag.of("rating", "{\"days\":1.5}")))),
                Arguments.of("expiration", (Runnable) () -> OrderEvent.fromTags(replace(order,
                        Tag.of("expiration", "soon")))),
                Arguments.of("pow", (Runnable) () -> InfoEvent.fromTags(List.of(Tag.of("d", "x"), Tag.of("pow", "300")))),
                Arguments.of("fee", (Runnable) () -> InfoEvent.fromTags(List.of(Tag.of("d", "x"), Tag.of("fee", "NaN")))),
                Arguments.of("bond_enabled", (Runnable) () -> InfoEvent.fromTags(List.of(Tag.of("d", "x"),
                        Tag.of("bond_enabled", "yes")))),
                Arguments.of("bond_apply_to", (Runnable) () -> InfoEvent.fromTags(List.of(Tag.of("d", "x"),
                        Tag.of("bond_apply_to", "all")))),
                Arguments.of("protocol_version", (Runnable) () -> InfoEvent.fromTags(List.of(Tag.of("d", "x"),
                        Tag.of("protocol_version", "two")))),
                Arguments.of("d", (Runnable) () -> InfoEvent.fromTags(List.of(Tag.of("pow", "1")))),
                Arguments.of("total_rating", (Runnable) () -> RatingEvent.fromTags(List.of(Tag.of("d", "x"),
                        Tag.of("total_reviews", "1"), Tag.of("total_rating", "inf"), Tag.of("last_rating", "1"),
                        Tag.of("max_rate", "1"), Tag.of("min_rate", "1")))),
                Arguments.of("min_rate", (Runnable) () -> RatingEvent.fromTags(List.of(Tag.of("d", "x"),
                        Tag.of("total_reviews", "1"), Tag.of("total_rating", "1"), Tag.of("last_rating", "1"),
                        Tag.of("max_rate", "1")))),
                Arguments.of("s", (Runnable) () -> DisputeEvent.fromTags(List.of(Tag.of("d", "x")))),
                Arguments.of("amount", (Runnable) () -> DevFeeAuditEvent.fromTags(List.of(Tag.of("order-id", "x"),
                        Tag.of("amount", "-1"), Tag.of("hash", "h")))),
                Arguments.of("content", (Runnable) () -> ExchangeRatesEvent.fromTagsAndContent(
                        List.of(Tag.of("d", "mostro-rates")), "{\"BTC\":{\"USD\":\"1\"}}")),
                Arguments.of("content", (Runnable) () -> ExchangeRatesEvent.fromTagsAndContent(
                        List.of(Tag.of("d", "mostro-rates")), "[]")),
                Arguments.of("r", (Runnable) () -> RelayListEvent.fromTags(List.of(Tag.of("r")))),
                Arguments.of("kind", (Runnable) () -> OrderEvent.parse(
                        new UnsignedEvent(NODE_PUB, 1, 38384, order, "").sign(NODE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedKnownTagsAreTyped(String tag, Runnable parse) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(EventParseException.class, e -> {
            assertThat(e.tag()).isEqualTo(tag);
            assertThat(e.kind()).isEqualTo(NostrException.Kind.INVALID);
        });
    }

    static List<String> names(List<Tag> tags) {
        return tags.stream().map(Tag::name).toList();
    }

    static List<Tag> concat(List<Tag> tags, Tag... more) {
        List<Tag> out = new ArrayList<>(tags);
        out.addAll(List.of(more));
        return out;
    }

    static List<Tag> without(List<Tag> tags, String name) {
        return tags.stream().filter(t -> !t.name().equals(name)).toList();
    }

    static List<Tag> replace(List<Tag> tags, Tag t) {
        return tags.stream().map(x -> x.name().equals(t.name()) ? t : x).toList();
    }
}
