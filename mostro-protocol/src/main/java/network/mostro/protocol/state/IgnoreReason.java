package network.mostro.protocol.state;

/**
 * Why the daemon stays silent ({@link Transition.Ignored}). Immutable and thread-safe.
 */
public enum IgnoreReason {
    /** The router does not handle this action from users (notification actions, {@code send-dm}, {@code rate}…). */
    NOT_ROUTED,
    /** Routed, but not about an existing order's state ({@code new-order}, {@code orders}, {@code restore-session}…). */
    NOT_ORDER_SCOPED,
    /** The handler accepts the message and does nothing (rate-user no-ops). */
    NO_OP,
    /** The handler fails internally: logged, no reply (e.g. a second dispute, trade-pubkey from a stranger). */
    SILENT_ERROR,
    /** A system event that does not apply to the order's status or context (replays, late callbacks). */
    NOT_APPLICABLE
}
