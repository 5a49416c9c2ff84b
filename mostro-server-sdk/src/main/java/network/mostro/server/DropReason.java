package network.mostro.server;

/**
 * Why a node dropped an inbound event without replying (SPEC §3.6, in pipeline order, then handler-level silence).
 * Immutable and thread-safe.
 */
public enum DropReason {
    /** Step 1: the event id does not reach {@code pow}. */
    POW,
    /** Step 2: not the configured transport kind. */
    WRONG_KIND,
    /** Step 3: id or signature does not verify. */
    INVALID_EVENT,
    /** Step 4a: the event id was seen in the last 60 s. */
    REPLAY,
    /** Step 4b: an unknown sender key did not reach {@code pow_first_contact}. */
    FIRST_CONTACT_POW,
    /** The event id was already processed (a redelivery, e.g. after a restart). */
    ALREADY_PROCESSED,
    /** Step 5: the content does not decrypt with the node key. */
    NOT_ADDRESSED_TO_ME,
    /** Step 5: malformed tuple or unparseable message. */
    MALFORMED,
    /** Step 5: bad trade signature or identity proof. */
    BAD_SIGNATURE,
    /** Step 6: inner {@code created_at} older than now − 10 s. */
    STALE,
    /** Step 7: an identity other than the sender without a trade signature. */
    IDENTITY_WITHOUT_TRADE_SIGNATURE,
    /** Step 8: trade index rules (unknown identity with index 0, missing signature or index). */
    TRADE_INDEX,
    /** Step 9: {@code MessageKind::verify} fails. */
    INVALID_MESSAGE,
    /** Step 10: an action the router does not handle. */
    NOT_ROUTED,
    /** A handler accepted the message and did nothing (e.g. rating twice). */
    NO_OP,
    /** A handler failed silently as the daemon does (e.g. a second dispute, a stranger's trade-pubkey). */
    SILENT_ERROR,
    /** An internal error (store, Lightning, price source) while handling; logged, no reply. */
    INTERNAL_ERROR,
    /** The node's handler queue was full: the event was dropped on arrival, without blocking the relay. */
    OVERLOADED
}
