package network.mostro.nostr.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batched verification finds exactly the bad events, whatever the batch size and positions. */
class EventVerifierTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void findsExactlyTheInvalidEventsInABatch(long seed) {
        Random rnd = new Random(seed);
        PrivateKey k1 = PrivateKey.generate(rnd);
        PrivateKey k2 = PrivateKey.generate(rnd);
        int n = 1 + rnd.nextInt(40);
        List<Event> events = new ArrayList<>();
        boolean[] bad = new boolean[n];
        for (int i = 0; i < n; i++) {
            PrivateKey k = rnd.nextBoolean() ? k1 : k2;
            Event e = UnsignedEvent.builder(1).content("c" + i).createdAt(1_700_000_000L + i).sign(k);
            int fault = rnd.nextInt(4);
            if (fault == 0) { // signature of another event
                Event other = UnsignedEvent.builder(1).content("o" + i).createdAt(1L).sign(k);
                e = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), other.sig());
                bad[i] = true;
            } else if (fault == 1) { // content changed after signing
                e = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content() + "!", e.sig());
                bad[i] = true;
            }
            events.add(e);
        }
        EventVerifier v = new EventVerifier(8);
        String[] reasons = v.verify(events);
        for (int i = 0; i < n; i++) {
            assertThat(reasons[i] != null).as("event %d", i).isEqualTo(bad[i]);
            assertThat(reasons[i] == null).isEqualTo(events.get(i).verify());
        }
        // Second pass hits the cache for valid ones and still rejects the bad ones.
        String[] again = v.verify(events);
        for (int i = 0; i < n; i++) {
            assertThat(again[i] != null).isEqualTo(bad[i]);
        }
    }
}
