package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mostro message signatures (SPEC §3.2): trade signature = BIP-340 over SHA-256(message_json) with the trade key;
 * identity proof = BIP-340 over SHA-256("mostro-transport-v2-identity:" + trade_pubkey_hex + ":" + message_json)
 * with the identity key. The vectors use aux_rand = 32 zero bytes, so signatures are reproduced byte for byte.
 */
class MessageSigningVectorsTest {
    private static final JsonNode FILE = TestVectors.load("mostro-message-signing.vectors.json");
    private static final byte[] ZERO_AUX = new byte[32];

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : TestVectors.array(FILE.get("cases"), 3)) {
            out.add(Arguments.of(Named.of(c.get("name").asText(), c)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tradeSignature(JsonNode c) {
        String messageJson = c.get("message_json").asText();
        byte[] digest = Schnorr.sha256(messageJson.getBytes(StandardCharsets.UTF_8));
        assertThat(Hex.encode(digest)).isEqualTo(c.get("message_sha256").asText());

        PrivateKey trade = PrivateKey.fromHex(c.get("trade_private_key").asText());
        assertThat(trade.publicKey().toHex()).isEqualTo(c.get("trade_public_key").asText());
        byte[] sig = trade.sign(digest, ZERO_AUX);
        assertThat(Hex.encode(sig)).isEqualTo(c.get("trade_signature").asText());
        assertThat(trade.publicKey().verify(digest, sig)).isTrue();

        PublicKey identity = PublicKey.fromHex(c.get("identity_public_key").asText());
        assertThat(identity.verify(digest, sig)).as("another key does not verify").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void identityProof(JsonNode c) {
        String messageJson = c.get("message_json").asText();
        String tradePub = c.get("trade_public_key").asText();
        String payload = "mostro-transport-v2-identity:" + tradePub + ":" + messageJson;
        assertThat(payload).isEqualTo(c.get("identity_proof_payload").asText());
        byte[] digest = Schnorr.sha256(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(Hex.encode(digest)).isEqualTo(c.get("identity_proof_payload_sha256").asText());

        PrivateKey identity = PrivateKey.fromHex(c.get("identity_private_key").asText());
        assertThat(identity.publicKey().toHex()).isEqualTo(c.get("identity_public_key").asText());
        byte[] sig = identity.sign(digest, ZERO_AUX);
        assertThat(Hex.encode(sig)).isEqualTo(c.get("identity_signature").asText());
        assertThat(identity.publicKey().verify(digest, sig)).isTrue();

        // The proof binds the trade key: the same signature over another trade key's payload fails.
        String otherTradePub = PrivateKey.generate(new java.util.Random(3)).publicKey().toHex();
        byte[] otherDigest = Schnorr.sha256(("mostro-transport-v2-identity:" + otherTradePub + ":" + messageJson)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(identity.publicKey().verify(otherDigest, sig)).isFalse();
    }
}
