package network.mostro.testkit;

import static network.mostro.testkit.Events.NOW;
import static network.mostro.testkit.Events.key;
import static network.mostro.testkit.Events.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mostro.nostr.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension gives each test a fresh relay and closes it afterwards. */
class MockRelayExtensionTest {

    @Nested
    @ExtendWith(MockRelayExtension.class)
    class ParameterInjection {
        private MockRelay fromBeforeEach;

        @BeforeEach
        void before(MockRelay relay) {
            fromBeforeEach = relay;
            relay.publish(note(key(51), NOW, "seeded in @BeforeEach"));
        }

        @AfterEach
        void after(MockRelay relay) {
            assertThat(relay).isSameAs(fromBeforeEach);
        }

        @Test
        void sameRelayInBeforeEachAndTest(MockRelay relay) {
            assertThat(relay).isSameAs(fromBeforeEach);
            assertThat(relay.storedEvents()).hasSize(1);
        }

        @Test
        void freshRelayForEachTest(MockRelay relay) {
            // @BeforeEach stored exactly one event: nothing leaked from the other test
            assertThat(relay.storedEvents()).hasSize(1);
            try (RawClient c = RawClient.connect(relay.uri())) {
                c.publishOk(note(key(52), NOW, "x"));
            }
        }
    }

    @Nested
    class RegisteredWithSettings {
        @RegisterExtension
        final MockRelayExtension relays = new MockRelayExtension(b -> b.requireAuth(true).seed(3));

        @Test
        void settingsApply() {
            try (RawClient c = RawClient.connect(relays.relay().uri())) {
                assertThat(c.next().get(0).asText()).isEqualTo("AUTH");
            }
        }

        @Test
        void relayAndParameterAreTheSame(MockRelay relay) {
            assertThat(relays.relay()).isSameAs(relay);
        }
    }

    @Test
    void relayIsClosedAfterTheTest() {
        MockRelayExtension ext = new MockRelayExtension();
        assertThatThrownBy(ext::relay).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tryWithResources() {
        Event e = note(key(53), NOW, "x");
        java.net.URI uri;
        try (MockRelay relay = MockRelay.start(); RawClient c = RawClient.connect(relay.uri())) {
            uri = relay.uri();
            c.publishOk(e);
        }
        assertThat(RawClient.tryConnect(uri)).failsWithin(RawClient.WAIT);
    }
}
