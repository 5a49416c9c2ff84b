package network.mostro.protocol.transport;

/**
 * How a client identifies itself to a Mostro node (SPEC §2.2). Immutable and thread-safe.
 */
public enum PrivacyMode {
    /**
     * The client proves control of its identity key on every message (v2: trade signature plus identity proof;
     * v1: trade signature plus a seal signed by the identity key). Ratings accrue to the identity.
     */
    REPUTATION,
    /** The identity is never revealed; the trade key acts as the identity and nothing is signed inside. */
    FULL_PRIVACY
}
