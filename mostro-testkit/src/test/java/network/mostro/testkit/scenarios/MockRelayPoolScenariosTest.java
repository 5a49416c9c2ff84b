package network.mostro.testkit.scenarios;

import java.net.URI;
import network.mostro.testkit.MockRelay;

/** The relay-pool scenarios against {@link MockRelay}. */
class MockRelayPoolScenariosTest extends RelayPoolScenarios {

    @Override
    ScenarioRelay startRelay(ScenarioRelay.Options options) {
        MockRelay relay = MockRelay.builder().requireAuth(options.requireAuth()).start();
        if (options.rejectWrites() != null) {
            relay.faults().rejectWrites(options.rejectWrites());
        }
        if (options.rateLimitPerSecond() > 0) {
            relay.faults().rateLimit(options.rateLimitPerSecond());
        }
        return new ScenarioRelay() {
            @Override
            public URI uri() {
                return relay.uri();
            }

            @Override
            public void dropConnections() {
                relay.faults().dropConnections();
            }

            @Override
            public void sendRaw(String frame) {
                relay.faults().sendRaw(frame);
            }

            @Override
            public String debugState() {
                long reqs = relay.receivedFrames().stream().filter(f -> f.startsWith("[\"REQ\"")).count();
                return "connections=" + relay.connectionCount() + " subscriptions=" + relay.subscriptionCount()
                        + " REQs received=" + reqs;
            }

            @Override
            public void close() {
                relay.close();
            }
        };
    }
}
