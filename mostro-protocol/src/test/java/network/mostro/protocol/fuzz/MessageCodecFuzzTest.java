package network.mostro.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.Message;
import network.mostro.protocol.codec.MessageCodec;

/**
 * Fuzzes {@link MessageCodec#decode(String)}, the parser every inbound Mostro message goes through.
 *
 * <p>Contract: for any input only {@link NostrException} subclasses escape. For every input that decodes,
 * {@code encode} is a fixed point of the codec: the canonical text re-decodes to an equal {@link Message},
 * re-encoding that gives the same text again (idempotence), and {@link Message#validate()} answers without
 * throwing. (The canonical text is what trade signatures cover, SPEC §3.3, so a message whose encoding does not
 * round-trip could never be verified by the daemon.)
 *
 * <p>Seeds and regression inputs: {@code src/test/resources/network/mostro/protocol/fuzz/MessageCodecFuzzTestInputs/decode/}
 * (every message example of the protocol book and mostro-core, the signing and v2 transport vectors, hand-written
 * edge cases). The dictionary lists every wire name. See {@code docs/fuzzing.md}.
 */
class MessageCodecFuzzTest {
    private static final MessageCodec CODEC = MessageCodec.standard();

    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "message-codec.dict")
    void decode(byte[] input) {
        accepts(input);
    }

    /** Runs the target: true when the input decoded (and the invariants held), false on a typed rejection. */
    static boolean accepts(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        Message message;
        try {
            message = CODEC.decode(json);
        } catch (NostrException expected) {
            return false;
        }
        String canonical = CODEC.encode(message);
        Message again = CODEC.decode(canonical);
        assertThat(again).isEqualTo(message);
        assertThat(CODEC.encode(again)).isEqualTo(canonical);
        assertThat(CODEC.encode(message)).as("deterministic").isEqualTo(canonical);
        assertThat(message.validate()).isNotNull();
        return true;
    }
}
