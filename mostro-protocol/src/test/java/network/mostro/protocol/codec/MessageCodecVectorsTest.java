package network.mostro.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Canonical serializations from SPEC §3.4, the daemon's own test, and the signing / transport vectors. */
class MessageCodecVectorsTest {
    private static final MessageCodec CODEC = MessageCodec.standard();

    /** Input of mostro-core's {@code test_order_message} (examples/new-order.json#10, field order not canonical). */
    private static final String TEST_ORDER_MESSAGE_INPUT = "{\"order\":{\"version\":2,\"id\":\"308e1272-d5f4-47e6-bd97-"
            + "3504baea9c23\",\"request_id\":1,\"trade_index\":2,\"action\":\"new-order\",\"payload\":{\"order\":{\"id\":"
            + "\"308e1272-d5f4-47e6-bd97-3504baea9c23\",\"kind\":\"sell\",\"status\":\"pending\",\"amount\":100,"
            + "\"fiat_code\":\"eur\",\"fiat_amount\":100,\"payment_method\":\"SEPA,Bank transfer\",\"premium\":1,"
            + "\"created_at\":1627371434}}}}";

    /** SPEC §3.4 worked example: the canonical re-serialization of that input. */
    private static final String SPEC_WORKED_EXAMPLE = "{\"order\":{\"version\":2,\"request_id\":1,\"trade_index\":2,"
            + "\"id\":\"308e1272-d5f4-47e6-bd97-3504baea9c23\",\"action\":\"new-order\",\"payload\":{\"order\":{\"id\":"
            + "\"308e1272-d5f4-47e6-bd97-3504baea9c23\",\"kind\":\"sell\",\"status\":\"pending\",\"amount\":100,"
            + "\"fiat_code\":\"eur\",\"min_amount\":null,\"max_amount\":null,\"fiat_amount\":100,\"payment_method\":"
            + "\"SEPA,Bank transfer\",\"premium\":1,\"created_at\":1627371434,\"expires_at\":null}}}}";

    /** The daemon's {@code test_message_deserialize_serialize} string, asserted to survive parse + serialize. */
    private static final String DAEMON_TEST = "{\"order\":{\"version\":1,\"request_id\":1,\"trade_index\":null,\"id\":"
            + "\"7dd204d2-d06c-4406-a3d9-4415f4a8b9c9\",\"action\":\"fiat-sent\",\"payload\":null}}";

    @Test
    void specWorkedExampleIsTheReserializationOfTheMostroCoreTestInput() {
        assertThat(CODEC.encode(CODEC.decode(TEST_ORDER_MESSAGE_INPUT))).isEqualTo(SPEC_WORKED_EXAMPLE);
        assertThat(CODEC.encode(CODEC.decode(SPEC_WORKED_EXAMPLE))).isEqualTo(SPEC_WORKED_EXAMPLE);
    }

    @Test
    void specWorkedExampleFromTheTypedModel() {
        UUID id = UUID.fromString("308e1272-d5f4-47e6-bd97-3504baea9c23");
        SmallOrder order = SmallOrder.builder().id(id).kind(OrderKind.SELL).status(OrderStatus.PENDING).amount(100)
                .fiatCode("eur").fiatAmount(100).paymentMethod("SEPA,Bank transfer").premium(1)
                .createdAt(1627371434L).build();
        Message m = Message.builder(Action.NEW_ORDER).requestId(1L).tradeIndex(2L).id(id)
                .payload(new Payload.Order(order)).build();
        assertThat(CODEC.encode(m)).isEqualTo(SPEC_WORKED_EXAMPLE);
        assertThat(CODEC.decode(SPEC_WORKED_EXAMPLE)).isEqualTo(m);
        assertThat(m.validate().isValid()).isTrue();
    }

    @Test
    void daemonTestStringSurvivesParseAndSerialize() {
        Message m = CODEC.decode(DAEMON_TEST);
        assertThat(m.version()).isEqualTo(1);
        assertThat(m.action()).isEqualTo(Action.FIAT_SENT);
        assertThat(CODEC.encode(m)).isEqualTo(DAEMON_TEST);
    }

    static List<String> vectorMessages() {
        List<String> out = new ArrayList<>();
        for (String file : List.of("vectors/mostro-message-signing.vectors.json",
                "vectors/mostro-transport-v2.vectors.json")) {
            Map<?, ?> doc = (Map<?, ?>) TestJson.parse(TestJson.resource(file));
            for (Object c : (List<?>) doc.get("cases")) {
                out.add((String) ((Map<?, ?>) c).get("message_json"));
            }
        }
        return out;
    }

    @Test
    void vectorFilesAreNotEmpty() {
        // 3 signing cases + 3 transport cases; fail loudly if a resource is emptied.
        assertThat(vectorMessages()).hasSize(6).doesNotContainNull();
    }

    @ParameterizedTest
    @MethodSource("vectorMessages")
    void vectorMessageJsonRoundTripsByteIdentically(String messageJson) {
        Message m = CODEC.decode(messageJson);
        assertThat(CODEC.encode(m)).isEqualTo(messageJson);
    }

    @Test
    void clientMessagesOfTheSigningVectorsPassVerify() {
        Map<?, ?> doc = (Map<?, ?>) TestJson.parse(TestJson.resource("vectors/mostro-message-signing.vectors.json"));
        for (Object c : (List<?>) doc.get("cases")) {
            Message m = CODEC.decode((String) ((Map<?, ?>) c).get("message_json"));
            assertThat(m.validate().problems()).isEmpty();
        }
    }

    @Test
    void signingVectorHashesCoverTheCanonicalBytes() throws Exception {
        Map<?, ?> doc = (Map<?, ?>) TestJson.parse(TestJson.resource("vectors/mostro-message-signing.vectors.json"));
        int n = 0;
        for (Object o : (List<?>) doc.get("cases")) {
            Map<?, ?> c = (Map<?, ?>) o;
            String canonical = CODEC.encode(CODEC.decode((String) c.get("message_json")));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            assertThat(HexFormat.of().formatHex(digest)).isEqualTo(c.get("message_sha256"));
            n++;
        }
        assertThat(n).isEqualTo(3);
    }
}
