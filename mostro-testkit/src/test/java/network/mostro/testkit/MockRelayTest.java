package network.mostro.testkit;

import static network.mostro.testkit.Events.NOW;
import static network.mostro.testkit.Events.event;
import static network.mostro.testkit.Events.key;
import static network.mostro.testkit.Events.note;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** NIP-01 publishing, subscriptions and error answers of {@link MockRelay}. */
@ExtendWith(MockRelayExtension.class)
class MockRelayTest {
    private static final Duration QUIET = Duration.ofMillis(150);
    private final PrivateKey alice = key(1);
    private final PrivateKey bob = key(2);

    @Test
    void bindsLoopbackOnARandomFreePort(MockRelay relay) {
        try (MockRelay other = MockRelay.start()) {
            assertThat(relay.uri().getScheme()).isEqualTo("ws");
            assertThat(relay.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(relay.port()).isPositive().isNotEqualTo(other.port());
            assertThat(relay.uri().toString()).isEqualTo("ws://127.0.0.1:" + relay.port());
        }
    }

    @Test
    void countsConnections(MockRelay relay) {
        assertThat(relay.connectionCount()).isZero();
        RawClient a = RawClient.connect(relay.uri());
        RawClient b = RawClient.connect(relay.uri());
        assertThat(relay.awaitConnections(2, RawClient.WAIT)).isTrue();
        a.close();
        assertThat(relay.awaitConnections(1, RawClient.WAIT)).isTrue();
        b.close();
        assertThat(relay.awaitConnections(0, RawClient.WAIT)).isTrue();
    }

    @Test
    void publishAnswersOkTrueAndStores(MockRelay relay) {
        Event e = note(alice, NOW, "hello");
        try (RawClient c = RawClient.connect(relay.uri())) {
            JsonNode ok = c.publish(e);
            assertThat(ok.get(2).asBoolean()).isTrue();
            assertThat(ok.get(3).asText()).isEmpty();
        }
        assertThat(relay.storedEvents()).containsExactly(e);
    }

    @Test
    void duplicateAnswersOkTrueWithDuplicatePrefix(MockRelay relay) {
        Event e = note(alice, NOW, "twice");
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.publishOk(e);
            JsonNode ok = c.publish(e);
            assertThat(ok.get(2).asBoolean()).isTrue();
            assertThat(ok.get(3).asText()).startsWith("duplicate:");
        }
        assertThat(relay.storedEvents()).hasSize(1);
    }

    @Test
    void badSignatureAndWrongIdAreInvalid(MockRelay relay) {
        Event good = note(alice, NOW, "original");
        Event other = note(alice, NOW, "other");
        Event badSig = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), good.content(),
                other.sig());
        Event wrongId = new Event(other.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(),
                good.content(), good.sig());
        Event stolenKey = new Event(good.id(), bob.publicKey(), good.createdAt(), good.kind(), good.tags(),
                good.content(), good.sig());
        try (RawClient c = RawClient.connect(relay.uri())) {
            JsonNode ok = c.publish(badSig);
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("invalid:").contains("signature");
            ok = c.publish(wrongId);
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("invalid:").contains("id");
            ok = c.publish(stolenKey);
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("invalid:");
        }
        assertThat(relay.storedEvents()).isEmpty();
    }

    @Test
    void reqSendsStoredNewestFirstThenEoseThenLive(MockRelay relay) {
        Event old = note(alice, NOW - 20, "old");
        Event mid = note(alice, NOW - 10, "mid");
        Event recent = note(alice, NOW - 5, "recent");
        try (RawClient pub = RawClient.connect(relay.uri()); RawClient sub = RawClient.connect(relay.uri())) {
            pub.publishOk(mid);
            pub.publishOk(old);
            pub.publishOk(recent);
            assertThat(sub.req("s1", "{\"kinds\":[1]}")).containsExactly(recent, mid, old);
            Event live = note(alice, NOW, "live");
            pub.publishOk(live);
            assertThat(sub.nextEvent("s1")).isEqualTo(live);
            Event other = event(alice, 7, NOW, "+");
            pub.publishOk(other);
            sub.assertSilent(QUIET);
        }
    }

    @Test
    void publisherReceivesItsOwnEventOnItsSubscription(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            assertThat(c.req("mine", "{\"authors\":[\"" + alice.publicKey().toHex() + "\"]}")).isEmpty();
            Event e = note(alice, NOW, "echo");
            c.send("[\"EVENT\"," + e.toJson() + "]");
            JsonNode first = c.next();
            JsonNode second = c.next();
            assertThat(List.of(first.get(0).asText(), second.get(0).asText())).containsExactlyInAnyOrder("EVENT", "OK");
        }
    }

    @Test
    void closeStopsLiveDeliveryAndOtherSubscriptionsContinue(MockRelay relay) {
        try (RawClient pub = RawClient.connect(relay.uri()); RawClient sub = RawClient.connect(relay.uri())) {
            sub.req("a", "{\"kinds\":[1]}");
            sub.req("b", "{\"kinds\":[1]}");
            assertThat(relay.awaitSubscriptions(2, RawClient.WAIT)).isTrue();
            sub.send("[\"CLOSE\",\"a\"]");
            assertThat(relay.awaitSubscriptions(1, RawClient.WAIT)).isTrue();
            Event e = note(alice, NOW, "after close");
            pub.publishOk(e);
            assertThat(sub.nextEvent("b")).isEqualTo(e);
            sub.assertSilent(QUIET);
        }
        assertThat(relay.awaitSubscriptions(0, RawClient.WAIT)).isTrue();
    }

    @Test
    void reqWithAnOpenIdReplacesTheSubscription(MockRelay relay) {
        try (RawClient pub = RawClient.connect(relay.uri()); RawClient sub = RawClient.connect(relay.uri())) {
            sub.req("x", "{\"kinds\":[1]}");
            sub.req("x", "{\"kinds\":[7]}");
            assertThat(relay.subscriptionCount()).isEqualTo(1);
            pub.publishOk(note(alice, NOW, "kind 1"));
            Event reaction = event(alice, 7, NOW, "+");
            pub.publishOk(reaction);
            assertThat(sub.nextEvent("x")).isEqualTo(reaction);
            sub.assertSilent(QUIET);
        }
    }

    @Test
    void unparseableFramesGetNotice(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            for (String bad : List.of("not json", "{\"a\":1}", "[]", "[42]", "[\"WHAT\",1]", "[\"CLOSE\"]",
                    "[\"EVENT\",\"x\"]", "[\"REQ\"]", "[\"CLOSE\",\"a\"] trailing")) {
                c.send(bad);
                JsonNode n = c.next();
                assertThat(n.get(0).asText()).as("answer to %s", bad).isEqualTo("NOTICE");
                assertThat(n.get(1).asText()).as("answer to %s", bad).startsWith("invalid:");
            }
            // the connection keeps working
            c.publishOk(note(alice, NOW, "still fine"));
        }
    }

    @Test
    void malformedEventWithReadableIdGetsOkFalse(MockRelay relay) {
        Event e = note(alice, NOW, "x");
        String broken = e.toJson().replace("\"kind\":1", "\"kind\":\"one\"");
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.send("[\"EVENT\"," + broken + "]");
            JsonNode ok = c.next();
            assertThat(ok.get(0).asText()).isEqualTo("OK");
            assertThat(ok.get(1).asText()).isEqualTo(e.id());
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("invalid:");
        }
    }

    @Test
    void badSubscriptionsGetClosedWithReason(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            for (String filters : List.of("{\"kinds\":[\"x\"]}", "{\"ids\":[\"abc\"]}", "{\"authors\":[\"ABCD\"]}",
                    "{\"since\":-1}", "{\"limit\":1.5}", "{\"#long\":[\"x\"]}", "{\"search\":\"x\"}", "42",
                    "{\"kinds\":[70000]}", "{\"#e\":\"notarray\"}")) {
                c.send("[\"REQ\",\"bad\"," + filters + "]");
                JsonNode closed = c.next();
                assertThat(closed.get(0).asText()).as("answer to %s", filters).isEqualTo("CLOSED");
                assertThat(closed.get(1).asText()).isEqualTo("bad");
                assertThat(closed.get(2).asText()).as("answer to %s", filters).startsWith("invalid:");
            }
            c.send("[\"REQ\",\"nofilter\"]");
            assertThat(c.next().get(0).asText()).isEqualTo("CLOSED");
            c.send("[\"REQ\",\"" + "s".repeat(65) + "\",{}]");
            assertThat(c.next().get(0).asText()).isEqualTo("NOTICE");
            assertThat(relay.subscriptionCount()).isZero();
        }
    }

    @Test
    void aRefusedReqEndsTheOpenSubscriptionWithTheSameId(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.req("s", "{\"kinds\":[1]}");
            c.send("[\"REQ\",\"s\",{\"kinds\":[\"bad\"]}]");
            assertThat(c.next().get(0).asText()).isEqualTo("CLOSED");
            assertThat(relay.subscriptionCount()).isZero();
            relay.publish(note(alice, NOW, "not for s any more"));
            c.assertSilent(QUIET);
        }
    }

    @Test
    void recordsWhatClientsSent(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.req("s", "{\"kinds\":[1],\"since\":5}");
            c.send("[\"CLOSE\",\"s\"]");
            assertThat(relay.awaitSubscriptions(0, RawClient.WAIT)).isTrue();
        }
        assertThat(relay.receivedFrames()).containsExactly("[\"REQ\",\"s\",{\"kinds\":[1],\"since\":5}]",
                "[\"CLOSE\",\"s\"]");
    }

    @Test
    void binaryFramesGetNotice(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.sendBinary(new byte[] {1, 2, 3});
            JsonNode n = c.next();
            assertThat(n.get(0).asText()).isEqualTo("NOTICE");
        }
    }

    @Test
    void frameOverTheLimitClosesTheConnection() {
        try (MockRelay relay = MockRelay.builder().maxFrameSize(4096).start();
                RawClient c = RawClient.connect(relay.uri())) {
            c.send("[\"EVENT\",{\"content\":\"" + "x".repeat(5000) + "\"}]");
            assertThat(c.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void eventOverTheEventLimitsIsInvalid() {
        try (MockRelay relay = MockRelay.builder()
                .eventLimits(new network.mostro.nostr.EventLimits(512 * 1024, 10, 10, 10, 100)).start();
                RawClient c = RawClient.connect(relay.uri())) {
            JsonNode ok = c.publish(note(alice, NOW, "more than ten characters"));
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("invalid:").contains("content");
        }
    }

    @Test
    void publishFromTheTestIsDeliveredAndStored(MockRelay relay) {
        try (RawClient sub = RawClient.connect(relay.uri())) {
            sub.req("s", "{}");
            Event e = note(alice, NOW, "server side");
            assertThat(relay.publish(e)).isTrue();
            assertThat(relay.publish(e)).isFalse();
            assertThat(sub.nextEvent("s")).isEqualTo(e);
            assertThat(relay.storedEvents()).containsExactly(e);
            assertThat(relay.awaitStoredEvents(1, RawClient.WAIT)).isTrue();
            assertThat(relay.awaitStoredEvents(2, Duration.ofMillis(20))).isFalse();
        }
    }

    @Test
    void tagEventAreOptionalInTheWire(MockRelay relay) {
        Event tagged = event(alice, 1, NOW, "t", Tag.of("t", "mostro"), Tag.of("x"));
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.publishOk(tagged);
            assertThat(c.req("t", "{\"#t\":[\"mostro\"]}")).containsExactly(tagged);
        }
    }
}
