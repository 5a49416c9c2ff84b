package network.mostro.testkit;

import static network.mostro.testkit.Events.NOW;
import static network.mostro.testkit.Events.event;
import static network.mostro.testkit.Events.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replaceable, addressable and ephemeral kinds, NIP-40 expiry and NIP-13 difficulty. */
@ExtendWith(MockRelayExtension.class)
class MockRelayStorageTest {
    private final PrivateKey alice = key(21);
    private final PrivateKey bob = key(22);

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 10000, 10002, 19999})
    void replaceableKindsKeepOnlyTheNewestPerAuthor(int kind, MockRelay relay) {
        Event older = event(alice, kind, NOW - 10, "older");
        Event newer = event(alice, kind, NOW, "newer");
        Event bobs = event(bob, kind, NOW - 20, "bob's");
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.publishOk(older);
            c.publishOk(bobs);
            c.publishOk(newer);
            assertThat(relay.storedEvents()).containsExactly(newer, bobs);
            JsonNode ok = c.publish(older);
            assertThat(ok.get(2).asBoolean()).isTrue();
            assertThat(ok.get(3).asText()).startsWith("duplicate:");
            assertThat(c.req("s", "{\"kinds\":[" + kind + "]}")).containsExactly(newer, bobs);
        }
    }

    @Test
    void clearedEventsAreForgottenWhileConnectionsAndSubscriptionsStay(MockRelay relay) {
        Event first = event(alice, 1, NOW - 5, "before the clear");
        Event profile = event(alice, 0, NOW - 5, "profile");
        Event second = event(bob, 1, NOW, "after the clear");
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.publishOk(first);
            c.publishOk(profile);
            assertThat(relay.storedEvents()).hasSize(2);
            relay.clearStoredEvents();
            assertThat(relay.storedEvents()).isEmpty();
            assertThat(c.req("s", "{\"kinds\":[0,1]}")).isEmpty();
            // the connection and its subscriptions stay; a forgotten event can be stored again (no "duplicate:")
            try (RawClient p = RawClient.connect(relay.uri())) {
                p.publishOk(second);
                JsonNode again = p.publish(first);
                assertThat(again.get(2).asBoolean()).isTrue();
                assertThat(again.get(3).asText()).isEmpty();
            }
            assertThat(relay.storedEvents()).containsExactly(second, first);
        }
    }

    @Test
    void replaceableTieBreakKeepsTheLowestId(MockRelay relay) {
        List<Event> same = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            same.add(event(alice, 0, NOW, "profile " + i));
        }
        Event lowest = same.stream().min(Comparator.comparing(Event::id)).orElseThrow();
        Event highest = same.stream().max(Comparator.comparing(Event::id)).orElseThrow();
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.publishOk(highest);
            for (Event e : same) {
                c.publish(e);
            }
            assertThat(relay.storedEvents()).containsExactly(lowest);
            // and in the other order: lowest first, nothing displaces it
        }
        try (MockRelay second = MockRelay.start(); RawClient c = RawClient.connect(second.uri())) {
            c.publishOk(lowest);
            JsonNode ok = c.publish(highest);
            assertThat(ok.get(3).asText()).startsWith("duplicate:");
            assertThat(second.storedEvents()).containsExactly(lowest);
        }
    }

    @Test
    void addressableKindsAreKeyedByKindAuthorAndD(MockRelay relay) {
        Event orderA1 = event(alice, 38383, NOW - 10, "a v1", Tag.of("d", "order-a"));
        Event orderA2 = event(alice, 38383, NOW, "a v2", Tag.of("d", "order-a"));
        Event orderB = event(alice, 38383, NOW - 5, "b", Tag.of("d", "order-b"));
        Event bobA = event(bob, 38383, NOW - 5, "bob a", Tag.of("d", "order-a"));
        Event otherKind = event(alice, 30000, NOW - 5, "other kind", Tag.of("d", "order-a"));
        Event noD1 = event(alice, 30001, NOW - 5, "no d 1");
        Event noD2 = event(alice, 30001, NOW - 4, "empty d", Tag.of("d", ""));
        try (RawClient c = RawClient.connect(relay.uri())) {
            for (Event e : List.of(orderA1, orderB, bobA, otherKind, orderA2, noD1, noD2)) {
                c.publishOk(e);
            }
            assertThat(relay.storedEvents()).containsExactlyInAnyOrder(orderA2, orderB, bobA, otherKind, noD2);
            assertThat(c.req("orders", "{\"kinds\":[38383],\"#d\":[\"order-a\"]}")).containsExactly(orderA2, bobA);
        }
    }

    @Test
    void addressableTieBreakKeepsTheLowestId(MockRelay relay) {
        Event x = event(alice, 38383, NOW, "x", Tag.of("d", "o"));
        Event y = event(alice, 38383, NOW, "y", Tag.of("d", "o"));
        Event low = x.id().compareTo(y.id()) < 0 ? x : y;
        Event high = low == x ? y : x;
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.publishOk(high);
            c.publishOk(low);
            c.publishOk(high);
            assertThat(relay.storedEvents()).containsExactly(low);
        }
    }

    @Test
    void replacementIsDeliveredLive(MockRelay relay) {
        try (RawClient sub = RawClient.connect(relay.uri()); RawClient pub = RawClient.connect(relay.uri())) {
            sub.req("s", "{\"kinds\":[0]}");
            Event v1 = event(alice, 0, NOW - 1, "v1");
            Event v2 = event(alice, 0, NOW, "v2");
            pub.publishOk(v1);
            pub.publishOk(v2);
            pub.publishOk(v1);
            assertThat(sub.nextEvent("s")).isEqualTo(v1);
            assertThat(sub.nextEvent("s")).isEqualTo(v2);
            sub.assertSilent(Duration.ofMillis(150));
        }
    }

    @Test
    void ephemeralEventsAreDeliveredButNotStored(MockRelay relay) {
        Event ephemeral = event(alice, 20001, NOW, "now or never");
        try (RawClient sub = RawClient.connect(relay.uri()); RawClient pub = RawClient.connect(relay.uri())) {
            sub.req("s", "{\"kinds\":[20001]}");
            pub.publishOk(ephemeral);
            assertThat(sub.nextEvent("s")).isEqualTo(ephemeral);
            assertThat(relay.storedEvents()).isEmpty();
            assertThat(pub.req("later", "{\"kinds\":[20001]}")).isEmpty();
        }
    }

    @Test
    void expiredEventsAreRejectedAndExpiringOnesVanish() {
        MutableClock clock = new MutableClock(NOW);
        try (MockRelay relay = MockRelay.builder().clock(clock).start();
                RawClient c = RawClient.connect(relay.uri())) {
            Event expired = event(alice, 1, NOW - 100, "gone", Tag.of("expiration", String.valueOf(NOW - 1)));
            JsonNode ok = c.publish(expired);
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("invalid:").contains("expired");
            Event expiresNow = event(alice, 1, NOW - 100, "edge", Tag.of("expiration", String.valueOf(NOW)));
            assertThat(c.publish(expiresNow).get(2).asBoolean()).isFalse();
            Event malformed = event(alice, 1, NOW, "bad", Tag.of("expiration", "soon"));
            assertThat(c.publish(malformed).get(3).asText()).startsWith("invalid:");

            Event expiring = event(alice, 1, NOW, "short lived", Tag.of("expiration", String.valueOf(NOW + 60)));
            Event lasting = event(alice, 1, NOW - 1, "lasting");
            c.publishOk(expiring);
            c.publishOk(lasting);
            assertThat(c.req("before", "{}")).containsExactly(expiring, lasting);
            clock.advanceSeconds(60);
            assertThat(c.req("after", "{}")).containsExactly(lasting);
            assertThat(relay.storedEvents()).containsExactly(lasting);
        }
    }

    @Test
    void minimumProofOfWorkIsEnforced() {
        try (MockRelay relay = MockRelay.builder().minPowDifficulty(8).start();
                RawClient c = RawClient.connect(relay.uri())) {
            Event weak = null;
            Event strong = null;
            for (int nonce = 0; weak == null || strong == null; nonce++) {
                Event e = event(alice, 1, NOW, "pow", Tag.of("nonce", String.valueOf(nonce), "8"));
                if (e.id().startsWith("00")) {
                    strong = strong == null ? e : strong;
                } else if (!e.id().startsWith("0")) {
                    weak = weak == null ? e : weak;
                }
            }
            JsonNode ok = c.publish(weak);
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("pow:");
            c.publishOk(strong);
        }
    }

    @Test
    void authEventsAreNotAcceptedAsEvent(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            JsonNode ok = c.publish(event(alice, 22242, NOW, "", Tag.of("challenge", "x")));
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("invalid:");
        }
    }
}
