package network.mostro.testkit.scenarios;

/**
 * The relay-pool scenarios against an independent relay implementation: {@code @nostr-relay/core} from npm
 * (see {@code src/test/relay/relay.mjs}). Skipped with a loud message when node or its packages are missing,
 * except under {@code CI=true}, where that fails.
 */
class NpmRelayPoolScenariosTest extends RelayPoolScenarios {

    @Override
    ScenarioRelay startRelay(ScenarioRelay.Options options) {
        return NpmRelay.start(options);
    }
}
