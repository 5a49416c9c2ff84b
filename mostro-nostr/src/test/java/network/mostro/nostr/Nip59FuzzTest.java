package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes NIP-59 unwrapping ({@link Nip59#unwrap(Event, PrivateKey)}) at every layer.
 *
 * <p>A fuzzed gift wrap almost never carries a valid signature or MAC, so the harness builds the outer layers
 * itself (signed with fixed keys, NIP-44 with a fixed nonce) around the fuzzed part. The first input byte picks
 * the layer (its value modulo 5, so the ASCII letters {@code A}–{@code E} name the modes in the seed files), the
 * rest is UTF-8 text:
 * <ul>
 *   <li>{@code A}: the whole gift-wrap JSON, parsed with {@link Event#fromJson} and unwrapped;
 *   <li>{@code B}: the seal JSON, encrypted into a freshly signed wrap;
 *   <li>{@code C}: the rumor JSON, encrypted into a freshly signed seal and wrap;
 *   <li>{@code D}: the seal's NIP-44 payload (content), inside a freshly signed seal and wrap;
 *   <li>{@code E}: the wrap's NIP-44 payload (content), in a freshly signed wrap.
 * </ul>
 * Contract: only {@link NostrException} subclasses escape from unwrapping (and from building the layers). On
 * success: the result reports the wrap it was given and a verifying seal whose signer is {@code sealSigner};
 * the rumor re-serializes to an equal rumor; unwrapping with a conversation-key cache gives an equal result; and
 * {@link Nip59#unwrapStrict} accepts exactly when the rumor author is the seal signer (else a
 * {@link CryptoException}).
 *
 * <p>Keys are those of {@code vectors/mostro-transport-v1-giftwrap.vectors.json} (receiver: the Mostro node),
 * so the vector's wrap, seal, rumor and payloads are the seeds. Seeds and regression inputs:
 * {@code src/test/resources/network/mostro/nostr/Nip59FuzzTestInputs/unwrap/}. See {@code docs/fuzzing.md}.
 */
class Nip59FuzzTest {
    private static final PrivateKey RECEIVER =
            PrivateKey.fromHex("c15d739894c81a2fcfd3a2df85a0d2c0dbc47a280d092799f144d73d7ae78add");
    private static final PrivateKey SEAL_SIGNER =
            PrivateKey.fromHex("df5ba9d72ec62e9d39a095f1b86936fe10abfc7d56700caa1652a463a40d19b1");
    private static final PrivateKey EPHEMERAL =
            PrivateKey.fromHex("c9f9d1b630d543f02ba4286bdd3c840e4c620d6f905910ef473dc79fc85efa29");
    private static final byte[] SEAL_KEY = Nip44.conversationKey(SEAL_SIGNER, RECEIVER.publicKey());
    private static final byte[] WRAP_KEY = Nip44.conversationKey(EPHEMERAL, RECEIVER.publicKey());
    private static final byte[] NONCE = new byte[32];
    private static final byte[] AUX = new byte[32];
    private static final long CREATED_AT = 1_735_689_600L;

    @FuzzTest(maxDuration = "5m")
    void unwrap(byte[] input) {
        accepts(input);
    }

    /** Runs the target: true when the wrap opened (and the invariants held), false on a typed rejection. */
    static boolean accepts(byte[] input) {
        if (input.length == 0) {
            return false;
        }
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Event wrap;
        try {
            wrap = switch (Math.floorMod(input[0], 5)) {
                case 0 -> Event.fromJson(text);
                case 1 -> wrapAround(text);
                case 2 -> wrapAround(seal(Nip44.encrypt(text, SEAL_KEY, NONCE)).toJson());
                case 3 -> wrapAround(seal(text).toJson());
                default -> signedWrap(text);
            };
        } catch (NostrException cannotBuild) {
            return false;
        }
        Nip59.Unwrapped u;
        try {
            u = Nip59.unwrap(wrap, RECEIVER);
        } catch (NostrException expected) {
            return false;
        }
        assertThat(u.wrap()).isEqualTo(wrap);
        assertThat(u.seal().kind()).isEqualTo(Nip59.SEAL_KIND);
        assertThat(u.seal().verify()).isTrue();
        assertThat(u.sealSigner()).isEqualTo(u.seal().pubkey());
        assertThat(UnsignedEvent.fromJson(u.rumor().toJson())).isEqualTo(u.rumor());
        assertThat(Nip59.unwrap(wrap, RECEIVER, new Nip44.ConversationKeyCache(4))).isEqualTo(u);
        if (u.authorMatchesSealSigner()) {
            assertThat(Nip59.unwrapStrict(wrap, RECEIVER)).isEqualTo(u);
        } else {
            assertThatThrownBy(() -> Nip59.unwrapStrict(wrap, RECEIVER)).isInstanceOf(CryptoException.class);
        }
        return true;
    }

    private static Event seal(String payload) {
        return new UnsignedEvent(SEAL_SIGNER.publicKey(), CREATED_AT, Nip59.SEAL_KIND, List.of(), payload)
                .sign(SEAL_SIGNER, AUX);
    }

    private static Event wrapAround(String sealJson) {
        return signedWrap(Nip44.encrypt(sealJson, WRAP_KEY, NONCE));
    }

    private static Event signedWrap(String payload) {
        return new UnsignedEvent(EPHEMERAL.publicKey(), CREATED_AT, Nip59.GIFT_WRAP_KIND,
                List.of(Tag.of("p", RECEIVER.publicKey().toHex())), payload).sign(EPHEMERAL, AUX);
    }
}
