package network.mostro.testkit.internal;

import java.time.Clock;
import network.mostro.nostr.EventLimits;

/**
 * Frozen MockRelay settings. Immutable and thread-safe.
 *
 * @param authRequired NIP-42: send a challenge and refuse EVENT/REQ until authenticated
 * @param maxFrameSize largest incoming WebSocket frame payload in bytes (bigger closes the connection, 1009)
 * @param limits bounds for incoming events
 * @param clock time source for NIP-40 expiry and NIP-42 freshness
 * @param minPowDifficulty NIP-13 leading zero bits required of event ids (0: none)
 * @param seed seed of the fault-injection random source
 */
public record RelayConfig(boolean authRequired, int maxFrameSize, EventLimits limits, Clock clock,
        int minPowDifficulty, long seed) {
}
