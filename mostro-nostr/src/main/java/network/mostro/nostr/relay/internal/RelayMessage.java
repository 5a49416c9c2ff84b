package network.mostro.nostr.relay.internal;

import network.mostro.nostr.Event;

/** A message a relay sends to a client (NIP-01, NIP-42), as parsed from one frame. Immutable. */
public sealed interface RelayMessage {

    /** {@code ["EVENT", sub, event]} with a well-formed (not yet verified) event. */
    record EventMsg(String subscriptionId, Event event) implements RelayMessage {}

    /** {@code ["EVENT", sub, …]} whose event object could not be built; {@code eventId} may be null. */
    record BadEvent(String subscriptionId, String eventId, String reason) implements RelayMessage {}

    /** {@code ["OK", id, accepted, message]}. */
    record Ok(String eventId, boolean accepted, String message) implements RelayMessage {}

    /** {@code ["EOSE", sub]}. */
    record Eose(String subscriptionId) implements RelayMessage {}

    /** {@code ["CLOSED", sub, message]}. */
    record Closed(String subscriptionId, String message) implements RelayMessage {}

    /** {@code ["NOTICE", message]}. */
    record Notice(String message) implements RelayMessage {}

    /** {@code ["AUTH", challenge]} (NIP-42). */
    record Auth(String challenge) implements RelayMessage {}

    /** A well-formed array with a type this client does not handle. */
    record Unknown(String type) implements RelayMessage {}
}
