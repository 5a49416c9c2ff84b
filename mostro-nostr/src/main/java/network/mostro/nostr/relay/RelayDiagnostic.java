package network.mostro.nostr.relay;

import java.net.URI;

/**
 * Something a relay sent that the pool dropped, reported to {@link RelayPoolListener#onDiagnostic} (and
 * logged at SLF4J debug level). A diagnostic never closes the connection or affects other subscriptions.
 *
 * <p>All variants are immutable and thread-safe records.
 */
public sealed interface RelayDiagnostic {

    /** The relay the input came from. */
    URI relay();

    /** A one-line human description. */
    String describe();

    /**
     * A frame that is not JSON or not a well-formed relay message.
     *
     * @param excerpt the first characters of the frame (at most 120)
     */
    record MalformedFrame(URI relay, String reason, String excerpt) implements RelayDiagnostic {
        @Override
        public String describe() {
            return "malformed frame from " + relay + ": " + reason;
        }
    }

    /** A well-formed array whose message type is not one a relay sends (e.g. {@code "COUNT"} unasked). */
    record UnknownMessageType(URI relay, String type) implements RelayDiagnostic {
        @Override
        public String describe() {
            return "unknown message type from " + relay + ": " + type;
        }
    }

    /** A text message longer than the pool's {@code maxFrameChars}; it was discarded unread. */
    record OversizedFrame(URI relay, long chars, int limit) implements RelayDiagnostic {
        @Override
        public String describe() {
            return "oversized frame from " + relay + ": " + chars + " > " + limit + " characters";
        }
    }

    /** A binary WebSocket message (relays send text only). */
    record BinaryFrame(URI relay, long bytes) implements RelayDiagnostic {
        @Override
        public String describe() {
            return "binary frame from " + relay + " (" + bytes + " bytes)";
        }
    }

    /**
     * An {@code EVENT} whose event is malformed, breaks the {@code EventLimits}, has an id that does not
     * match its content, or a signature that does not verify.
     *
     * @param eventId the claimed id, or null when it could not be read
     */
    record InvalidEvent(URI relay, String subscriptionId, String eventId, String reason) implements RelayDiagnostic {
        @Override
        public String describe() {
            return "invalid event " + eventId + " from " + relay + " on " + subscriptionId + ": " + reason;
        }
    }

    /** A valid event that matches none of the subscription's filters. */
    record NonMatchingEvent(URI relay, String subscriptionId, String eventId) implements RelayDiagnostic {
        @Override
        public String describe() {
            return "event " + eventId + " from " + relay + " does not match the filters of " + subscriptionId;
        }
    }

    /** A message naming a subscription that is not open on that relay (e.g. late events after CLOSE). */
    record UnknownSubscription(URI relay, String messageType, String subscriptionId) implements RelayDiagnostic {
        @Override
        public String describe() {
            return messageType + " from " + relay + " for unknown subscription " + subscriptionId;
        }
    }

    /** An {@code OK} for an event this pool is not waiting for. */
    record UnexpectedOk(URI relay, String eventId) implements RelayDiagnostic {
        @Override
        public String describe() {
            return "unexpected OK from " + relay + " for " + eventId;
        }
    }

    /**
     * The subscription's listener fell behind: its bounded queue was full, so the event was not delivered.
     * The pool keeps the subscription open; a copy of the event from another relay may still be delivered.
     */
    record SubscriptionOverflow(URI relay, String subscriptionId, String eventId, int queueLimit)
            implements RelayDiagnostic {
        @Override
        public String describe() {
            return "listener of " + subscriptionId + " is " + queueLimit + " events behind; dropped " + eventId
                    + " from " + relay;
        }
    }
}
