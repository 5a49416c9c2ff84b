package network.mostro.client;

/** Which conversation a chat message belongs to (SPEC §15). Immutable and thread-safe. */
public enum ChatChannel {
    /** Peer-to-peer chat with the counterparty (§15.1–15.2). */
    PEER,
    /** Dispute chat with the solver (§15.3). */
    DISPUTE,
    /** A message of the legacy gift-wrap scheme (§15.4), read-only. */
    LEGACY
}
