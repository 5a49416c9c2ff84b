package network.mostro.protocol.transport;

import static network.mostro.protocol.fixtures.Fixtures.array;
import static network.mostro.protocol.fixtures.Fixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Schnorr;
import network.mostro.nostr.internal.Hex;
import network.mostro.protocol.Message;
import network.mostro.protocol.codec.MessageCodec;
import network.mostro.protocol.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of mostro-transport-v2.vectors.json and the v1 gift-wrap vector, through the transports. */
class TransportVectorsTest {
    /** Node key (NIP-06 test vector 2), the sender of case 3. */
    static final PrivateKey NODE = PrivateKey.fromHex("c15d739894c81a2fcfd3a2df85a0d2c0dbc47a280d092799f144d73d7ae78add");
    /** Trade key index 1 of the vectors' mnemonic. */
    static final PrivateKey TRADE = PrivateKey.fromHex("977b9da8056e6a83a991cb31ac507b0a618fbbee355e36e107e0e348686ab833");
    /** Identity key (index 0) of the vectors' mnemonic (its secret is given in the v1 vector). */
    static final PrivateKey IDENTITY =
            PrivateKey.fromHex("df5ba9d72ec62e9d39a095f1b86936fe10abfc7d56700caa1652a463a40d19b1");
    static final byte[] ZERO = new byte[32];

    static Stream<Map<String, Object>> v2Cases() {
        Map<String, Object> root = object(Fixtures.parse(Fixtures.resource("vectors/mostro-transport-v2.vectors.json")));
        List<Object> cases = array(root.get("cases"));
        assertThat(cases).hasSize(3);
        return cases.stream().map(Fixtures::object);
    }

    static PrivateKey secretOf(String publicHex) {
        for (PrivateKey k : List.of(NODE, TRADE, IDENTITY)) {
            if (k.publicKey().toHex().equals(publicHex)) {
                return k;
            }
        }
        throw new AssertionError("no secret for " + publicHex);
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("v2Cases")
    void v2CaseVerifiesDecryptsAndUnwraps(Map<String, Object> c) {
        Event event = Fixtures.event(object(c.get("event")));
        assertThat(event.verify()).isTrue();
        assertThat(event.kind()).isEqualTo(14);
        PrivateKey sender = PrivateKey.fromHex((String) c.get("sender_private_key"));
        assertThat(sender.publicKey().toHex()).isEqualTo(c.get("sender_public_key")).isEqualTo(event.pubkey().toHex());
        PublicKey receiverPub = PublicKey.fromHex((String) c.get("receiver_public_key"));
        PrivateKey receiver = secretOf(receiverPub.toHex());
        byte[] ck = Nip44.conversationKey(sender, receiverPub);
        assertThat(Hex.encode(ck)).isEqualTo(c.get("nip44_conversation_key"));
        assertThat(Nip44.conversationKey(receiver, event.pubkey())).isEqualTo(ck);
        String plaintext = Nip44.decrypt(event.content(), ck);
        assertThat(plaintext).isEqualTo(c.get("content_plaintext"));

        String messageJson = (String) c.get("message_json");
        Inbound in = Transport.v2().unwrap(event, receiver);
        assertThat(in.messageJson()).isEqualTo(messageJson);
        assertThat(in.senderTradeKey()).isEqualTo(event.pubkey());
        assertThat(in.createdAt()).isEqualTo(event.createdAt());
        assertThat(in.eventId()).isEqualTo(event.id());
        assertThat(in.eventKind()).isEqualTo(14);
        assertThat(in.message()).isEqualTo(MessageCodec.standard().decode(messageJson));

        // Signatures inside the tuple, checked independently of the transport.
        List<Object> tuple = array(Fixtures.parse(plaintext));
        assertThat(tuple).hasSize(3);
        Object identity = c.get("identity_public_key");
        if (identity == null) {
            assertThat(tuple.get(1)).isNull();
            assertThat(tuple.get(2)).isNull();
            assertThat(in.tradeSigned()).isFalse();
            assertThat(in.identityKey()).isEqualTo(event.pubkey());
            assertThat(in.mode()).isEqualTo(PrivacyMode.FULL_PRIVACY);
        } else {
            byte[] digest = Schnorr.sha256(messageJson.getBytes(StandardCharsets.UTF_8));
            assertThat(event.pubkey().verify(digest, Hex.decode((String) tuple.get(1)))).isTrue();
            List<Object> proof = array(tuple.get(2));
            assertThat(proof.get(0)).isEqualTo(identity);
            byte[] proofDigest = Schnorr.sha256(("mostro-transport-v2-identity:" + event.pubkey().toHex() + ":"
                    + messageJson).getBytes(StandardCharsets.UTF_8));
            assertThat(PublicKey.fromHex((String) identity).verify(proofDigest, Hex.decode((String) proof.get(1))))
                    .isTrue();
            assertThat(in.tradeSigned()).isTrue();
            assertThat(in.identityKey().toHex()).isEqualTo(identity);
            assertThat(in.mode()).isEqualTo(PrivacyMode.REPUTATION);
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("v2Cases")
    void v2CaseIsRecreatedByteIdentically(Map<String, Object> c) {
        Map<String, Object> expected = object(c.get("event"));
        Event vector = Fixtures.event(expected);
        Message message = MessageCodec.standard().decode((String) c.get("message_json"));
        WrapOptions options = WrapOptions.builder()
                .createdAt(vector.createdAt())
                .expiration(Long.parseLong(vector.firstTagValue("expiration").orElseThrow()))
                .nonce(Hex.decode((String) c.get("nip44_nonce")))
                .allAuxRand(ZERO)
                .build();
        PrivateKey sender = PrivateKey.fromHex((String) c.get("sender_private_key"));
        PublicKey receiver = PublicKey.fromHex((String) c.get("receiver_public_key"));
        Event built;
        if (sender.equals(NODE)) {
            built = Transport.v2().wrapReply(message, NODE, receiver, options);
        } else if (c.get("identity_public_key") == null) {
            built = Transport.v2().wrapRequest(message, SenderKeys.fullPrivacy(sender), receiver, options);
        } else {
            built = Transport.v2().wrapRequest(message, SenderKeys.reputation(sender, IDENTITY), receiver, options);
        }
        assertThat(built.content()).isEqualTo(vector.content());
        assertThat(built.id()).isEqualTo(vector.id());
        assertThat(built.sig()).isEqualTo(vector.sig());
        assertThat(built.toJson()).isEqualTo(vector.toJson());
    }

    static Map<String, Object> v1Case() {
        Map<String, Object> root =
                object(Fixtures.parse(Fixtures.resource("vectors/mostro-transport-v1-giftwrap.vectors.json")));
        List<Object> cases = array(root.get("cases"));
        assertThat(cases).hasSize(1);
        return object(cases.get(0));
    }

    @Test
    void v1VectorUnwrapsThroughV1Transport() {
        Map<String, Object> c = v1Case();
        Event wrap = Fixtures.event(object(c.get("gift_wrap")));
        Inbound in = Transport.v1().unwrap(wrap, NODE);
        assertThat(in.messageJson()).isEqualTo(c.get("message_json"));
        assertThat(in.message().version()).isEqualTo(1);
        assertThat(in.senderTradeKey().toHex()).isEqualTo(c.get("trade_public_key"));
        assertThat(in.identityKey().toHex()).isEqualTo(c.get("identity_public_key"));
        assertThat(in.tradeSigned()).isTrue();
        assertThat(in.mode()).isEqualTo(PrivacyMode.REPUTATION);
        assertThat(in.createdAt()).isEqualTo(((Number) object(c.get("rumor")).get("created_at")).longValue());
        assertThat(in.eventId()).isEqualTo(wrap.id());
        assertThat(in.eventKind()).isEqualTo(1059);
    }

    @Test
    void v1VectorIsRecreatedByteIdentically() {
        Map<String, Object> c = v1Case();
        Event wrap = Fixtures.event(object(c.get("gift_wrap")));
        Event seal = Fixtures.event(object(c.get("seal")));
        long rumorCreatedAt = ((Number) object(c.get("rumor")).get("created_at")).longValue();
        PrivateKey trade = PrivateKey.fromHex((String) c.get("trade_private_key"));
        PrivateKey identity = PrivateKey.fromHex((String) c.get("identity_private_key"));
        WrapOptions options = WrapOptions.builder()
                .createdAt(rumorCreatedAt)
                .noExpiration()
                .sealCreatedAt(seal.createdAt())
                .wrapCreatedAt(wrap.createdAt())
                .nonce(Hex.decode((String) c.get("seal_nip44_nonce")))
                .wrapNonce(Hex.decode((String) c.get("wrap_nip44_nonce")))
                .ephemeralKey(PrivateKey.fromHex((String) c.get("ephemeral_private_key")))
                .allAuxRand(ZERO)
                .build();
        Message message = MessageCodec.standard().decode((String) c.get("message_json"));
        Event built = Transport.v1().wrapRequest(message, SenderKeys.reputation(trade, identity),
                PublicKey.fromHex((String) c.get("receiver_public_key")), options);
        assertThat(built.toJson()).isEqualTo(wrap.toJson());
        // The seal inside is the vector's seal, byte for byte.
        String sealJson = Nip44.decrypt(built.content(), Nip44.conversationKey(NODE, built.pubkey()));
        assertThat(sealJson).isEqualTo(c.get("seal_json"));
        String rumorJson = Nip44.decrypt(seal.content(), Nip44.conversationKey(NODE, seal.pubkey()));
        assertThat(rumorJson).isEqualTo(c.get("rumor_json"));
    }
}
