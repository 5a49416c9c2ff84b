package network.mostro.server.store;

import network.mostro.nostr.InvalidInputException;

/**
 * A signed Nostr event the node must publish: a reply, a notification or a public event. Entries are written in
 * the same commit as the state change they announce (the outbox), and deleted once a relay accepted them.
 * Immutable and thread-safe.
 *
 * @param seq the store-assigned sequence number (ignored on enqueue; delivery is in {@code seq} order)
 * @param eventJson the signed event, NIP-01 JSON
 * @param purpose a short label for logs and counters, e.g. {@code reply}, {@code order-event}
 * @param attempts failed publish attempts so far
 * @param notBefore do not publish before this time, unix seconds (0 = at once)
 */
public record OutboxEntry(long seq, String eventJson, String purpose, int attempts, long notBefore) {
    /** @throws InvalidInputException if a string is null or a number is negative */
    public OutboxEntry {
        if (eventJson == null || purpose == null) {
            throw new InvalidInputException("outbox entry: null component");
        }
        if (attempts < 0 || notBefore < 0) {
            throw new InvalidInputException("outbox entry: negative number");
        }
    }

    /** A new entry to enqueue. */
    public static OutboxEntry of(String eventJson, String purpose, long notBefore) {
        return new OutboxEntry(0, eventJson, purpose, 0, notBefore);
    }
}
