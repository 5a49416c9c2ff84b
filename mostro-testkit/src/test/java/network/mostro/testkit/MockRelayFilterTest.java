package network.mostro.testkit;

import static network.mostro.testkit.Events.NOW;
import static network.mostro.testkit.Events.event;
import static network.mostro.testkit.Events.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every NIP-01 filter field, for stored events and for live delivery. */
@ExtendWith(MockRelayExtension.class)
class MockRelayFilterTest {
    private final PrivateKey alice = key(11);
    private final PrivateKey bob = key(12);
    private Event a1;
    private Event a2;
    private Event b1;
    private Event b7;
    private Event tagged;
    private RawClient client;

    @BeforeEach
    void seed(MockRelay relay) {
        a1 = event(alice, 1, NOW - 40, "a1");
        a2 = event(alice, 1, NOW - 30, "a2");
        b1 = event(bob, 1, NOW - 20, "b1");
        b7 = event(bob, 7, NOW - 10, "b7", Tag.of("e", a1.id()), Tag.of("p", alice.publicKey().toHex()));
        tagged = event(alice, 4, NOW - 5, "t", Tag.of("e", a2.id(), "wss://relay", "root"), Tag.of("T", "Upper"),
                Tag.of("t", "mostro"), Tag.of("tt", "not single"));
        for (Event e : List.of(a1, a2, b1, b7, tagged)) {
            assertThat(relay.publish(e)).isTrue();
        }
        client = RawClient.connect(relay.uri());
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static String hexList(String... values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }

    @Test
    void emptyFilterMatchesEverythingNewestFirst() {
        assertThat(client.req("all", "{}")).containsExactly(tagged, b7, b1, a2, a1);
    }

    @Test
    void ids() {
        assertThat(client.req("s", "{\"ids\":" + hexList(a1.id(), b7.id()) + "}")).containsExactly(b7, a1);
        assertThat(client.req("none", "{\"ids\":[]}")).isEmpty();
        assertThat(client.req("missing", "{\"ids\":" + hexList("0".repeat(64)) + "}")).isEmpty();
    }

    @Test
    void authors() {
        assertThat(client.req("s", "{\"authors\":" + hexList(bob.publicKey().toHex()) + "}")).containsExactly(b7, b1);
        assertThat(client.req("both", "{\"authors\":" + hexList(bob.publicKey().toHex(), alice.publicKey().toHex())
                + "}")).hasSize(5);
    }

    @Test
    void kinds() {
        assertThat(client.req("s", "{\"kinds\":[7,4]}")).containsExactly(tagged, b7);
        assertThat(client.req("none", "{\"kinds\":[]}")).isEmpty();
    }

    @Test
    void singleLetterTags() {
        assertThat(client.req("e", "{\"#e\":" + hexList(a1.id(), a2.id()) + "}")).containsExactly(tagged, b7);
        assertThat(client.req("p", "{\"#p\":" + hexList(alice.publicKey().toHex()) + "}")).containsExactly(b7);
        assertThat(client.req("t", "{\"#t\":[\"mostro\",\"other\"]}")).containsExactly(tagged);
        assertThat(client.req("T", "{\"#T\":[\"Upper\"]}")).containsExactly(tagged);
        assertThat(client.req("case", "{\"#t\":[\"Mostro\"]}")).isEmpty();
        assertThat(client.req("two", "{\"#e\":" + hexList(a1.id(), a2.id()) + ",\"#t\":[\"mostro\"]}"))
                .containsExactly(tagged);
    }

    @Test
    void sinceAndUntilAreInclusive() {
        assertThat(client.req("since", "{\"since\":" + (NOW - 20) + "}")).containsExactly(tagged, b7, b1);
        assertThat(client.req("until", "{\"until\":" + (NOW - 30) + "}")).containsExactly(a2, a1);
        assertThat(client.req("window", "{\"since\":" + (NOW - 30) + ",\"until\":" + (NOW - 20) + "}"))
                .containsExactly(b1, a2);
        assertThat(client.req("empty", "{\"since\":" + NOW + ",\"until\":" + (NOW - 100) + "}")).isEmpty();
    }

    @Test
    void limitKeepsTheNewest() {
        assertThat(client.req("l2", "{\"limit\":2}")).containsExactly(tagged, b7);
        assertThat(client.req("l0", "{\"limit\":0}")).isEmpty();
        assertThat(client.req("kinds1", "{\"kinds\":[1],\"limit\":2}")).containsExactly(b1, a2);
    }

    @Test
    void multipleFiltersAreOredAndEachLimitedOnItsOwn() {
        List<Event> got = client.req("multi", "{\"kinds\":[1],\"limit\":1}",
                "{\"authors\":" + hexList(alice.publicKey().toHex()) + ",\"limit\":2}",
                "{\"ids\":" + hexList(a1.id()) + "}");
        // kinds:[1] newest is b1; alice newest two are tagged, a2; ids gives a1. Merged newest first.
        assertThat(got).containsExactly(tagged, b1, a2, a1);
        assertThat(client.req("overlap", "{\"kinds\":[1]}", "{\"authors\":" + hexList(alice.publicKey().toHex())
                + "}")).containsExactly(tagged, b1, a2, a1);
    }

    @Test
    void liveDeliveryAppliesEveryFieldButLimit(MockRelay relay) {
        client.req("live", "{\"kinds\":[1],\"authors\":" + hexList(alice.publicKey().toHex()) + ",\"#t\":[\"x\"],"
                + "\"since\":" + (NOW - 100) + ",\"until\":" + (NOW + 100) + ",\"limit\":0}");
        Event match = event(alice, 1, NOW, "match", Tag.of("t", "x"));
        Event wrongKind = event(alice, 2, NOW, "k", Tag.of("t", "x"));
        Event wrongAuthor = event(bob, 1, NOW, "a", Tag.of("t", "x"));
        Event wrongTag = event(alice, 1, NOW, "t", Tag.of("t", "y"));
        Event tooOld = event(alice, 1, NOW - 200, "old", Tag.of("t", "x"));
        Event tooNew = event(alice, 1, NOW + 200, "new", Tag.of("t", "x"));
        for (Event e : List.of(wrongKind, wrongAuthor, wrongTag, tooOld, tooNew, match)) {
            assertThat(relay.publish(e)).isTrue();
        }
        assertThat(client.nextEvent("live")).isEqualTo(match);
        client.assertSilent(Duration.ofMillis(150));
    }

    @Test
    void oneLiveEventIsSentOncePerSubscriptionEvenWhenSeveralFiltersMatch(MockRelay relay) {
        client.req("s", "{\"kinds\":[1]}", "{\"authors\":" + hexList(alice.publicKey().toHex()) + "}");
        client.req("t", "{\"kinds\":[1]}");
        Event e = event(alice, 1, NOW, "x");
        relay.publish(e);
        List<String> subs = List.of(client.next().get(1).asText(), client.next().get(1).asText());
        assertThat(subs).containsExactlyInAnyOrder("s", "t");
        client.assertSilent(Duration.ofMillis(150));
    }
}
