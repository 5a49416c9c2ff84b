package network.mostro.server;

/**
 * A node's health at one moment. Immutable and thread-safe.
 *
 * @param running started and not closed
 * @param relaysConnected relays currently connected
 * @param lightningReachable the last Lightning {@code getInfo} succeeded
 * @param lastTickEpochSecond clock time of the last scheduler tick, 0 if none
 * @param counters the counters
 */
public record NodeHealth(boolean running, int relaysConnected, boolean lightningReachable, long lastTickEpochSecond,
        NodeCounters counters) {
    /** Whether the node is running, connected to a relay and to Lightning. */
    public boolean healthy() {
        return running && relaysConnected > 0 && lightningReachable;
    }
}
