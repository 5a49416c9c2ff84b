package network.mostro.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.stream.Stream;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.InvalidMessageException;
import network.mostro.protocol.MalformedMessageException;
import network.mostro.protocol.Message;
import network.mostro.protocol.Payload;
import network.mostro.protocol.UnknownVariantException;
import network.mostro.protocol.UnknownVariantException.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each decode rule, with the exception type and the JSON path it must report. */
class MessageCodecRejectionTest {
    private static final MessageCodec CODEC = MessageCodec.standard();
    private static final String ID = "ede61c96-4c13-4519-bf3a-dcf7f1e9d842";

    /** A message with the given SmallOrder members (a valid base plus {@code extra}). */
    private static String order(String members) {
        return "{\"order\":{\"version\":2,\"request_id\":null,\"trade_index\":1,\"action\":\"new-order\",\"payload\":"
                + "{\"order\":{" + members + "}}}}";
    }

    private static final String BASE_ORDER = "\"kind\":\"sell\",\"status\":\"pending\",\"amount\":0,\"fiat_code\":\"VES\","
            + "\"fiat_amount\":100,\"payment_method\":\"face to face\",\"premium\":1";

    private static String kind(String members) {
        return "{\"order\":{" + members + "}}";
    }

    private static String withPayload(String action, String payload) {
        return "{\"order\":{\"version\":2,\"request_id\":null,\"trade_index\":null,\"id\":\"" + ID + "\",\"action\":\""
                + action + "\",\"payload\":" + payload + "}}";
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // SPEC §1: integers only; fractions, exponents and -0 make the message unparseable.
                Arguments.of("fraction in amount", order(BASE_ORDER.replace("\"amount\":0", "\"amount\":10.5")),
                        "$.order.payload.order.amount"),
                Arguments.of("1.0 in fiat_amount", order(BASE_ORDER.replace("\"fiat_amount\":100", "\"fiat_amount\":1.0")),
                        "$.order.payload.order.fiat_amount"),
                Arguments.of("exponent in premium", order(BASE_ORDER.replace("\"premium\":1", "\"premium\":1e2")),
                        "$.order.payload.order.premium"),
                Arguments.of("-0 in amount (f64 in serde_json)", order(BASE_ORDER.replace("\"amount\":0", "\"amount\":-0")),
                        "$.order.payload.order.amount"),
                Arguments.of("fraction in min_amount", order(BASE_ORDER + ",\"min_amount\":0.5"),
                        "$.order.payload.order.min_amount"),
                Arguments.of("amount beyond i64", order(BASE_ORDER.replace("\"amount\":0", "\"amount\":9223372036854775808")),
                        "$.order.payload.order.amount"),
                Arguments.of("string amount", order(BASE_ORDER.replace("\"amount\":0", "\"amount\":\"0\"")),
                        "$.order.payload.order.amount"),
                Arguments.of("null fiat_code", order(BASE_ORDER.replace("\"VES\"", "null")),
                        "$.order.payload.order.fiat_code"),
                Arguments.of("missing amount", order(BASE_ORDER.replace("\"amount\":0,", "")),
                        "$.order.payload.order.amount"),
                // SPEC §4.2: SmallOrder is deny_unknown_fields.
                Arguments.of("unknown member in order", order(BASE_ORDER + ",\"foo\":1"), "$.order.payload.order.foo"),
                Arguments.of("unknown null member in order", order(BASE_ORDER + ",\"rating\":null"),
                        "$.order.payload.order.rating"),
                Arguments.of("duplicate member in order", order(BASE_ORDER + ",\"premium\":2"),
                        "$.order.payload.order.premium"),
                // SPEC §18 #5: request_id is a u64.
                Arguments.of("string request_id", kind("\"version\":2,\"request_id\":\"123456\",\"action\":\"release\",\"id\":\""
                        + ID + "\",\"payload\":null"), "$.order.request_id"),
                Arguments.of("negative request_id", kind("\"version\":2,\"request_id\":-1,\"action\":\"release\",\"payload\":null"),
                        "$.order.request_id"),
                Arguments.of("request_id 2^64", kind("\"version\":2,\"request_id\":18446744073709551616,\"action\":\"release\","
                        + "\"payload\":null"), "$.order.request_id"),
                Arguments.of("fraction trade_index", kind("\"version\":2,\"trade_index\":1.5,\"action\":\"release\",\"payload\":null"),
                        "$.order.trade_index"),
                Arguments.of("version 256 (u8)", kind("\"version\":256,\"action\":\"release\",\"payload\":null"),
                        "$.order.version"),
                Arguments.of("negative version", kind("\"version\":-1,\"action\":\"release\",\"payload\":null"),
                        "$.order.version"),
                Arguments.of("missing version", kind("\"action\":\"release\",\"payload\":null"), "$.order.version"),
                Arguments.of("missing action", kind("\"version\":2,\"payload\":null"), "$.order.action"),
                Arguments.of("duplicate action", kind("\"version\":2,\"action\":\"release\",\"action\":\"cancel\",\"payload\":null"),
                        "$.order.action"),
                Arguments.of("numeric action", kind("\"version\":2,\"action\":3,\"payload\":null"), "$.order.action"),
                Arguments.of("id not a UUID", kind("\"version\":2,\"id\":\"<Order Id>\",\"action\":\"release\",\"payload\":null"),
                        "$.order.id"),
                Arguments.of("id UUID with a bad digit", kind("\"version\":2,\"id\":\"ede61c96-4c13-4519-bf3a-dcf7f1e9d84g\","
                        + "\"action\":\"release\",\"payload\":null"), "$.order.id"),
                // SPEC §4.1, §5: wrapper and payload are single-key objects.
                Arguments.of("two wrapper keys", "{\"order\":{\"version\":2,\"action\":\"release\",\"payload\":null},\"x\":1}", "$"),
                Arguments.of("empty message object", "{}", "$"),
                Arguments.of("top-level array", "[{\"order\":{}}]", "$"),
                Arguments.of("wrapper value not an object", "{\"order\":[]}", "$.order"),
                Arguments.of("two payload keys", withPayload("take-sell", "{\"amount\":1,\"text_message\":\"x\"}"),
                        "$.order.payload"),
                Arguments.of("empty payload object", withPayload("take-sell", "{}"), "$.order.payload"),
                Arguments.of("payload is a string", withPayload("take-sell", "\"amount\""), "$.order.payload"),
                // SPEC §18 #4: payment_request always has 3 elements.
                Arguments.of("payment_request with 2 elements", withPayload("add-invoice", "{\"payment_request\":[null,\"lnbc1\"]}"),
                        "$.order.payload.payment_request"),
                Arguments.of("payment_request with 4 elements",
                        withPayload("add-invoice", "{\"payment_request\":[null,\"lnbc1\",null,null]}"),
                        "$.order.payload.payment_request"),
                Arguments.of("payment_request amount fraction",
                        withPayload("take-sell", "{\"payment_request\":[null,\"a@b.c\",1.5]}"),
                        "$.order.payload.payment_request[2]"),
                Arguments.of("payment_request as object", withPayload("add-invoice", "{\"payment_request\":{\"invoice\":\"x\"}}"),
                        "$.order.payload.payment_request"),
                Arguments.of("unknown member in the payment_request order",
                        withPayload("pay-invoice", "{\"payment_request\":[{" + BASE_ORDER + ",\"x\":1},\"lnbc1\",null]}"),
                        "$.order.payload.payment_request[0].x"),
                // SPEC §18 #1: dispute is [uuid, info|null].
                Arguments.of("dispute as a bare string", withPayload("dispute-initiated-by-you", "{\"dispute\":\"" + ID + "\"}"),
                        "$.order.payload.dispute"),
                Arguments.of("dispute with 1 element", withPayload("dispute-initiated-by-you", "{\"dispute\":[\"" + ID + "\"]}"),
                        "$.order.payload.dispute"),
                Arguments.of("dispute with 3 elements (pre-0.9 shape)",
                        withPayload("dispute-initiated-by-you", "{\"dispute\":[\"" + ID + "\",null,null]}"),
                        "$.order.payload.dispute"),
                Arguments.of("next_trade with 3 elements", withPayload("release", "{\"next_trade\":[\"pk\",1,2]}"),
                        "$.order.payload.next_trade"),
                Arguments.of("next_trade index beyond u32", withPayload("release", "{\"next_trade\":[\"pk\",4294967296]}"),
                        "$.order.payload.next_trade[1]"),
                Arguments.of("rating_user beyond u8", withPayload("rate-user", "{\"rating_user\":256}"),
                        "$.order.payload.rating_user"),
                Arguments.of("rating_user fraction", withPayload("rate-user", "{\"rating_user\":4.5}"),
                        "$.order.payload.rating_user"),
                Arguments.of("payment_failed negative", withPayload("payment-failed",
                        "{\"payment_failed\":{\"payment_attempts\":-1,\"payment_retries_interval\":60}}"),
                        "$.order.payload.payment_failed.payment_attempts"),
                Arguments.of("payment_failed missing member", withPayload("payment-failed",
                        "{\"payment_failed\":{\"payment_attempts\":1}}"),
                        "$.order.payload.payment_failed.payment_retries_interval"),
                Arguments.of("bond_resolution with a number", withPayload("admin-settle",
                        "{\"bond_resolution\":{\"slash_seller\":1,\"slash_buyer\":false}}"),
                        "$.order.payload.bond_resolution.slash_seller"),
                Arguments.of("ids with a non-UUID", withPayload("orders", "{\"ids\":[\"" + ID + "\",\"abc-123\"]}"),
                        "$.order.payload.ids[1]"),
                Arguments.of("peer without pubkey", withPayload("fiat-sent-ok", "{\"peer\":{\"reputation\":null}}"),
                        "$.order.payload.peer.pubkey"),
                Arguments.of("reputation rating as string", withPayload("fiat-sent-ok",
                        "{\"peer\":{\"pubkey\":\"\",\"reputation\":{\"rating\":\"4\",\"reviews\":1,\"operating_days\":2}}}"),
                        "$.order.payload.peer.reputation.rating"),
                Arguments.of("reputation rating out of f64 range", withPayload("fiat-sent-ok",
                        "{\"peer\":{\"pubkey\":\"\",\"reputation\":{\"rating\":1e400,\"reviews\":1,\"operating_days\":2}}}"),
                        "$.order.payload.peer.reputation.rating"),
                Arguments.of("restore_data without disputes", "{\"restore\":{\"version\":2,\"action\":\"restore-session\","
                        + "\"payload\":{\"restore_data\":{\"orders\":[]}}}}", "$.restore.payload.restore_data.disputes"),
                Arguments.of("cant_do reason as number", withPayload("cant-do", "{\"cant_do\":5}"),
                        "$.order.payload.cant_do"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithInvalidAndPath(String name, String json, String path) {
        assertThatThrownBy(() -> CODEC.decode(json))
                .isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> {
                    assertThat(((InvalidMessageException) e).path()).isEqualTo(path);
                    assertThat(((NostrException) e).kind()).isEqualTo(NostrException.Kind.INVALID);
                    assertThat(e.getMessage()).startsWith(path + ": ");
                });
    }

    static Stream<Arguments> unknownVariants() {
        return Stream.of(
                Arguments.of(kind("\"version\":2,\"action\":\"user-info\",\"payload\":null"), Category.ACTION,
                        "user-info", "$.order.action"),
                Arguments.of("{\"mystery\":{\"version\":2,\"action\":\"release\",\"payload\":null}}", Category.WRAPPER,
                        "mystery", "$.mystery"),
                Arguments.of(withPayload("take-sell", "{\"user_info\":{}}"), Category.PAYLOAD, "user_info",
                        "$.order.payload.user_info"),
                Arguments.of(order(BASE_ORDER.replace("\"pending\"", "\"paused\"")), Category.ORDER_STATUS, "paused",
                        "$.order.payload.order.status"),
                Arguments.of(order(BASE_ORDER.replace("\"sell\"", "\"Sell\"")), Category.ORDER_KIND, "Sell",
                        "$.order.payload.order.kind"),
                Arguments.of("{\"restore\":{\"version\":2,\"action\":\"restore-session\",\"payload\":{\"restore_data\":"
                        + "{\"orders\":[],\"disputes\":[{\"dispute_id\":\"" + ID + "\",\"order_id\":\"" + ID + "\","
                        + "\"trade_index\":4,\"status\":\"initiated\",\"initiator\":\"solver\"}]}}}}",
                        Category.DISPUTE_INITIATOR, "solver", "$.restore.payload.restore_data.disputes[0].initiator"));
    }

    @ParameterizedTest
    @MethodSource("unknownVariants")
    void unknownClosedSetValuesAreTypedSoClientsCanIgnoreThem(String json, Category category, String value, String path) {
        assertThatThrownBy(() -> CODEC.decode(json))
                .isInstanceOf(UnknownVariantException.class)
                .satisfies(e -> {
                    UnknownVariantException u = (UnknownVariantException) e;
                    assertThat(u.category()).isEqualTo(category);
                    assertThat(u.value()).isEqualTo(value);
                    assertThat(u.path()).isEqualTo(path);
                    assertThat(u.kind()).isEqualTo(NostrException.Kind.INVALID);
                });
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not JSON", "hello", "$"),
                Arguments.of("empty input", "", "$"),
                Arguments.of("only whitespace", "  \n", "$"),
                Arguments.of("truncated", "{\"order\":{\"version\":2,\"action\":\"release\"", "$.order"),
                Arguments.of("trailing data", kind("\"version\":2,\"action\":\"release\",\"payload\":null") + "{}", "$"),
                Arguments.of("trailing garbage", kind("\"version\":2,\"action\":\"release\",\"payload\":null") + " x", "$"),
                Arguments.of("comment", "{\"order\":{\"version\":2, // c\n\"action\":\"release\",\"payload\":null}}", "$.order"),
                Arguments.of("single quotes", "{'order':{}}", "$"),
                Arguments.of("leading zero", kind("\"version\":02,\"action\":\"release\",\"payload\":null"), "$.order"),
                Arguments.of("NaN", withPayload("take-sell", "{\"amount\":NaN}"), "$.order.payload"),
                Arguments.of("lone high surrogate escape", order(BASE_ORDER.replace("face to face", "x\\ud800y")),
                        "$.order.payload.order.payment_method"),
                Arguments.of("lone low surrogate escape", withPayload("send-dm", "{\"text_message\":\"\\udc00\"}"),
                        "$.order.payload.text_message"),
                Arguments.of("raw control character in a string", withPayload("send-dm", "{\"text_message\":\"a\u0001b\"}"),
                        "$.order.payload.text_message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsWithMalformed(String name, String json, String pathPrefix) {
        assertThatThrownBy(() -> CODEC.decode(json))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(e -> {
                    assertThat(((MalformedMessageException) e).path()).startsWith(pathPrefix);
                    assertThat(((NostrException) e).kind()).isEqualTo(NostrException.Kind.MALFORMED);
                });
    }

    @Test
    void nullInputIsMalformed() {
        assertThatThrownBy(() -> CODEC.decode(null)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void limitsAreEnforcedAsInvalid() {
        MessageCodec small = CODEC.withLimits(new DecodeLimits(400, 8, 16, 2));
        String ok = withPayload("orders", "{\"ids\":[\"" + ID + "\",\"" + ID + "\"]}");
        assertThat(small.decode(ok).payload()).isEqualTo(new Payload.Ids(java.util.List.of(UUID.fromString(ID),
                UUID.fromString(ID))));
        assertThat(small.limits().maxListLength()).isEqualTo(2);

        assertThatThrownBy(() -> small.decode(withPayload("orders", "{\"ids\":[\"" + ID + "\",\"" + ID + "\",\"" + ID + "\"]}")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("more than 2 elements")
                .extracting(e -> ((InvalidMessageException) e).path()).isEqualTo("$.order.payload.ids");
        assertThatThrownBy(() -> small.decode(withPayload("send-dm", "{\"text_message\":\"" + "x".repeat(17) + "\"}")))
                .isInstanceOf(InvalidMessageException.class)
                .extracting(e -> ((InvalidMessageException) e).path()).isEqualTo("$.order.payload.text_message");
        assertThatThrownBy(() -> small.decode(withPayload("send-dm", "{\"text_message\":\"" + "x".repeat(300) + "\"}")))
                .isInstanceOf(InvalidMessageException.class)
                .extracting(e -> ((InvalidMessageException) e).path()).isEqualTo("$");
        // Deep nesting inside an ignored unknown member is still bounded.
        String deep = "{\"order\":{\"version\":2,\"x\":" + "[".repeat(20) + "]".repeat(20) + ",\"action\":\"release\","
                + "\"payload\":null}}";
        assertThatThrownBy(() -> CODEC.withLimits(DecodeLimits.DEFAULT.withMaxDepth(8)).decode(deep))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("limit");
        assertThat(CODEC.decode(deep).action()).isEqualTo(Action.RELEASE);
        assertThatThrownBy(() -> new DecodeLimits(0, 8, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecodeLimits(1, 7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toleratesWhatTheDaemonTolerates() {
        // Unknown MessageKind members are ignored (they vanish on re-encoding), absent Option members are null.
        Message m = CODEC.decode(kind("\"pubkey\":\"abc\",\"version\":2,\"action\":\"release\",\"extra\":{\"a\":[1,2.5]},"
                + "\"id\":\"" + ID + "\""));
        assertThat(m.payload()).isNull();
        assertThat(m.requestId()).isNull();
        assertThat(CODEC.encode(m)).isEqualTo("{\"order\":{\"version\":2,\"request_id\":null,\"trade_index\":null,\"id\":\""
                + ID + "\",\"action\":\"release\",\"payload\":null}}");
        // Duplicate unknown members are ignored too (serde only tracks known fields).
        assertThat(CODEC.decode(kind("\"x\":1,\"x\":2,\"version\":2,\"action\":\"release\"")).action())
                .isEqualTo(Action.RELEASE);
        // Unknown members of other payload structs are ignored.
        Message peer = CODEC.decode(withPayload("fiat-sent-ok", "{\"peer\":{\"pubkey\":\"pk\",\"since\":5,"
                + "\"reputation\":{\"rating\":5,\"reviews\":3,\"operating_days\":7,\"new\":true}}}"));
        assertThat(CODEC.encode(peer)).endsWith("\"payload\":{\"peer\":{\"pubkey\":\"pk\",\"reputation\":"
                + "{\"rating\":5.0,\"reviews\":3,\"operating_days\":7}}}}}");
        // Whitespace anywhere JSON allows it.
        assertThat(CODEC.decode(" \n{ \"order\" : { \"version\" : 2 , \"action\" : \"release\" } }\t").action())
                .isEqualTo(Action.RELEASE);
    }

    @Test
    void unknownCantDoReasonsDecodeAndReencodeUnchanged() {
        String json = "{\"cant-do\":{\"version\":2,\"request_id\":7,\"trade_index\":null,\"action\":\"cant-do\","
                + "\"payload\":{\"cant_do\":\"maintenance_mode\"}}}";
        Message m = CODEC.decode(json);
        Payload.CantDo p = (Payload.CantDo) m.payload();
        assertThat(p.reason()).isEmpty();
        assertThat(p.isUnknownReason()).isTrue();
        assertThat(p.wireReason()).isEqualTo("maintenance_mode");
        assertThat(CODEC.encode(m)).isEqualTo(json);
        Message none = CODEC.decode(json.replace("\"maintenance_mode\"", "null"));
        assertThat(((Payload.CantDo) none.payload()).reason()).isEmpty();
        assertThat(((Payload.CantDo) none.payload()).isUnknownReason()).isFalse();
        assertThat(Payload.CantDo.of(CantDoReason.NOT_FOUND).wireReason()).isEqualTo("not_found");
    }

    @Test
    void u64RequestIdRoundTripsUpTo2To64Minus1() {
        String json = "{\"order\":{\"version\":2,\"request_id\":18446744073709551615,\"trade_index\":"
                + "-9223372036854775808,\"action\":\"release\",\"payload\":null}}";
        Message m = CODEC.decode(json);
        assertThat(m.requestId()).isEqualTo(-1L);
        assertThat(Long.toUnsignedString(m.requestId())).isEqualTo("18446744073709551615");
        assertThat(m.tradeIndex()).isEqualTo(Long.MIN_VALUE);
        assertThat(CODEC.encode(m)).isEqualTo(json);
        String max63 = json.replace("18446744073709551615", "9223372036854775808");
        assertThat(CODEC.decode(max63).requestId()).isEqualTo(Long.MIN_VALUE);
        assertThat(CODEC.encode(CODEC.decode(max63))).isEqualTo(max63);
    }

    @Test
    void uuidFormsOfTheUuidCrateAreAcceptedAndNormalized() {
        String canonical = kind("\"version\":2,\"request_id\":null,\"trade_index\":null,\"id\":\"" + ID
                + "\",\"action\":\"release\",\"payload\":null");
        for (String form : new String[] {ID.toUpperCase(java.util.Locale.ROOT), ID.replace("-", ""), "{" + ID + "}",
                "urn:uuid:" + ID}) {
            assertThat(CODEC.encode(CODEC.decode(canonical.replace(ID, form)))).as(form).isEqualTo(canonical);
        }
        for (String bad : new String[] {"ede61c96_4c13-4519-bf3a-dcf7f1e9d842", "ede61c964c134519bf3adcf7f1e9d84",
                "(" + ID + ")", "URN:UUID:" + ID, "ede61c96-4c13-4519-bf3a-dcf7f1e9d84\u0663"}) {
            assertThatThrownBy(() -> CODEC.decode(canonical.replace(ID, bad))).as(bad)
                    .isInstanceOf(InvalidMessageException.class);
        }
    }
}
