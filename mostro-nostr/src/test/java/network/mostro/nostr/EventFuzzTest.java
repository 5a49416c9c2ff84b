package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the NIP-01 JSON parsers ({@link Event#fromJson}, {@link UnsignedEvent#fromJson}).
 *
 * <p>Contract: for any input only {@link NostrException} subclasses escape. For every input that parses,
 * the event re-serializes to JSON that parses back to an equal event, serialization is deterministic,
 * and {@link Event#verify()} answers true or false without throwing.
 *
 * <p>Seeds and regression inputs: {@code src/test/resources/network/mostro/nostr/EventFuzzTestInputs/<method>/}.
 * See {@code docs/fuzzing.md}.
 */
class EventFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void eventFromJson(byte[] input) {
        acceptsEvent(input);
    }

    @FuzzTest(maxDuration = "5m")
    void unsignedEventFromJson(byte[] input) {
        acceptsUnsignedEvent(input);
    }

    /** Runs the event target: true when the input parsed (and the invariants held), false on a typed rejection. */
    static boolean acceptsEvent(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        Event event;
        try {
            event = Event.fromJson(json);
        } catch (NostrException expected) {
            return false;
        }
        String wire = event.toJson();
        assertThat(Event.fromJson(wire)).isEqualTo(event);
        assertThat(Event.fromJson(wire).toJson()).isEqualTo(wire);
        boolean valid = event.verify();
        if (valid) {
            assertThat(event.computeId()).isEqualTo(event.id());
            assertThat(event.unsigned().id()).isEqualTo(event.id());
        }
        return true;
    }

    /** Runs the rumor target: true when the input parsed (and the invariants held), false on a typed rejection. */
    static boolean acceptsUnsignedEvent(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        UnsignedEvent rumor;
        try {
            rumor = UnsignedEvent.fromJson(json);
        } catch (NostrException expected) {
            return false;
        }
        String wire = rumor.toJson();
        UnsignedEvent again = UnsignedEvent.fromJson(wire);
        assertThat(again).isEqualTo(rumor);
        assertThat(again.id()).isEqualTo(rumor.id());
        assertThat(again.toJson()).isEqualTo(wire);
        return true;
    }
}
