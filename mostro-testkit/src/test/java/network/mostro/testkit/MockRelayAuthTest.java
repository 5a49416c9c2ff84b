package network.mostro.testkit;

import static network.mostro.testkit.Events.NOW;
import static network.mostro.testkit.Events.event;
import static network.mostro.testkit.Events.key;
import static network.mostro.testkit.Events.note;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NIP-42 authentication. */
class MockRelayAuthTest {
    @RegisterExtension
    final MockRelayExtension relays = new MockRelayExtension(b -> b.requireAuth(true));

    private final PrivateKey alice = key(31);

    private static JsonNode auth(RawClient c, Event e) {
        c.send("[\"AUTH\"," + e.toJson() + "]");
        JsonNode ok = c.next();
        assertThat(ok.get(0).asText()).isEqualTo("OK");
        assertThat(ok.get(1).asText()).isEqualTo(e.id());
        return ok;
    }

    private Event authEvent(String relayUrl, String challenge, long createdAt) {
        return event(alice, 22242, createdAt, "", Tag.of("relay", relayUrl), Tag.of("challenge", challenge));
    }

    @Test
    void challengeThenAuthRequiredUntilAuthenticated() {
        MockRelay relay = relays.relay();
        try (RawClient c = RawClient.connect(relay.uri())) {
            JsonNode challengeFrame = c.next();
            assertThat(challengeFrame.get(0).asText()).isEqualTo("AUTH");
            String challenge = challengeFrame.get(1).asText();
            assertThat(challenge).isNotBlank();

            JsonNode ok = c.publish(note(alice, NOW, "too early"));
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).startsWith("auth-required:");
            c.send("[\"REQ\",\"s\",{}]");
            JsonNode closed = c.next();
            assertThat(closed.get(0).asText()).isEqualTo("CLOSED");
            assertThat(closed.get(1).asText()).isEqualTo("s");
            assertThat(closed.get(2).asText()).startsWith("auth-required:");
            assertThat(relay.subscriptionCount()).isZero();

            String url = relay.uri().toString();
            for (Event bad : new Event[] {
                    authEvent(url, "wrong challenge", NOW),
                    authEvent("ws://127.0.0.1:1", challenge, NOW),
                    authEvent(url, challenge, NOW - 3600),
                    event(alice, 1, NOW, "", Tag.of("relay", url), Tag.of("challenge", challenge))}) {
                JsonNode answer = auth(c, bad);
                assertThat(answer.get(2).asBoolean()).isFalse();
                assertThat(answer.get(3).asText()).startsWith("invalid:");
            }
            Event good = authEvent(url + "/", challenge, NOW);
            Event forged = new Event(good.id(), key(32).publicKey(), good.createdAt(), good.kind(), good.tags(),
                    good.content(), good.sig());
            assertThat(auth(c, forged).get(2).asBoolean()).isFalse();
            assertThat(relay.authenticatedKeys()).isEmpty();

            JsonNode accepted = auth(c, good);
            assertThat(accepted.get(2).asBoolean()).isTrue();
            assertThat(relay.authenticatedKeys()).containsExactly(alice.publicKey());
            c.publishOk(note(alice, NOW, "now allowed"));
            assertThat(c.req("s", "{}")).hasSize(1);
            // the AUTH event itself is neither stored nor delivered
            assertThat(relay.storedEvents()).hasSize(1);
        }
    }

    @Test
    void eachConnectionGetsItsOwnChallengeAndMustAuthenticate() {
        MockRelay relay = relays.relay();
        try (RawClient a = RawClient.connect(relay.uri()); RawClient b = RawClient.connect(relay.uri())) {
            String ca = a.next().get(1).asText();
            String cb = b.next().get(1).asText();
            assertThat(ca).isNotEqualTo(cb);
            assertThat(auth(a, authEvent(relay.uri().toString(), ca, NOW)).get(2).asBoolean()).isTrue();
            assertThat(auth(b, authEvent(relay.uri().toString(), ca, NOW)).get(2).asBoolean()).isFalse();
            assertThat(b.publish(note(alice, NOW, "b")).get(3).asText()).startsWith("auth-required:");
        }
    }

    @Test
    void relayWithoutAuthRefusesAuthMessages() {
        try (MockRelay relay = MockRelay.start(); RawClient c = RawClient.connect(relay.uri())) {
            JsonNode ok = auth(c, authEvent(relay.uri().toString(), "x", NOW));
            assertThat(ok.get(2).asBoolean()).isFalse();
        }
    }
}
