package network.mostro.testkit;

import static network.mostro.testkit.Events.NOW;
import static network.mostro.testkit.Events.key;
import static network.mostro.testkit.Events.note;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bursts of events over one connection (the relay checks their signatures in batches): exactly the bad events
 * are refused, with the same answers as one at a time, and every answer keeps the order of the frames.
 */
@ExtendWith(MockRelayExtension.class)
class MockRelayBurstTest {
    private static final int BURST = 300;
    private static final Set<Integer> BAD_SIGNATURE = Set.of(0, 7, 50, 51, 133, 298, 299);
    private static final int WRONG_ID = 90;

    private final PrivateKey node = key(71);

    /** Event {@code i} of the burst: valid, or corrupted as {@link #BAD_SIGNATURE} and {@link #WRONG_ID} say. */
    private List<Event> burst() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            events.add(note(node, NOW + i, "order event " + i));
        }
        for (int i : BAD_SIGNATURE) {
            Event e = events.get(i);
            // a well-formed signature of another event by the same author: parses, does not verify
            String sig = events.get((i + 1) % BURST).sig();
            events.set(i, new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), sig));
        }
        Event e = events.get(WRONG_ID);
        events.set(WRONG_ID, new Event(events.get(WRONG_ID + 1).id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(),
                e.content(), e.sig()));
        return events;
    }

    @Test
    void burstFromOneAuthorRefusesExactlyTheBadEventsAndAnswersInPublishOrder(MockRelay relay) {
        List<Event> events = burst();
        List<Event> good = new ArrayList<>();
        try (RawClient publisher = RawClient.connect(relay.uri());
                RawClient subscriber = RawClient.connect(relay.uri())) {
            assertThat(subscriber.req("live", "{\"authors\":[\"" + node.publicKey().toHex() + "\"]}")).isEmpty();
            for (Event e : events) {
                publisher.send("[\"EVENT\"," + e.toJson() + "]"); // no waiting: the frames pile up at the relay
            }
            for (int i = 0; i < BURST; i++) {
                Event e = events.get(i);
                JsonNode ok = publisher.next();
                assertThat(ok.get(0).asText()).isEqualTo("OK");
                assertThat(ok.get(1).asText()).as("OK %d in publish order", i).isEqualTo(e.id());
                if (BAD_SIGNATURE.contains(i)) {
                    assertThat(ok.get(2).asBoolean()).as("OK %d", i).isFalse();
                    assertThat(ok.get(3).asText()).isEqualTo("invalid: bad signature");
                } else if (i == WRONG_ID) {
                    assertThat(ok.get(2).asBoolean()).as("OK %d", i).isFalse();
                    assertThat(ok.get(3).asText()).isEqualTo("invalid: event id does not match its content");
                } else {
                    assertThat(ok.get(2).asBoolean()).as("OK %d: %s", i, ok).isTrue();
                    assertThat(ok.get(3).asText()).isEmpty();
                    good.add(e);
                }
            }
            assertThat(good).hasSize(BURST - BAD_SIGNATURE.size() - 1);
            List<Event> delivered = new ArrayList<>();
            for (int i = 0; i < good.size(); i++) {
                delivered.add(subscriber.nextEvent("live"));
            }
            assertThat(delivered).as("live deliveries: the valid events, in publish order").isEqualTo(good);
            subscriber.assertSilent(java.time.Duration.ofMillis(150));
        }
        assertThat(relay.storedEvents()).containsExactlyInAnyOrderElementsOf(good);
    }

    @Test
    void reqSentRightAfterAnEventSeesIt(MockRelay relay) {
        List<Event> events = burst();
        try (RawClient c = RawClient.connect(relay.uri())) {
            for (int i = 40; i < 60; i++) { // includes bad signatures at 50 and 51
                Event e = events.get(i);
                c.send("[\"EVENT\"," + e.toJson() + "]");
                c.send("[\"REQ\",\"q" + i + "\",{\"ids\":[\"" + e.id() + "\"]}]");
            }
            for (int i = 40; i < 60; i++) {
                Event e = events.get(i);
                JsonNode ok = c.next();
                assertThat(ok.get(0).asText()).isEqualTo("OK");
                assertThat(ok.get(1).asText()).isEqualTo(e.id());
                boolean valid = !BAD_SIGNATURE.contains(i);
                assertThat(ok.get(2).asBoolean()).as("OK %d: %s", i, ok).isEqualTo(valid);
                assertThat(c.untilEose("q" + i)).as("REQ after EVENT %d", i)
                        .isEqualTo(valid ? List.of(e) : List.of());
            }
        }
    }
}
