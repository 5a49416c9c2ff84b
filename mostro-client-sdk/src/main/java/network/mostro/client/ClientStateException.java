package network.mostro.client;

import network.mostro.nostr.NostrException;

/**
 * A call the client cannot make in its current state: the client is closed, a trade has no counterparty yet for a
 * chat, a restore is asked for in full-privacy mode, or an argument is unusable. Immutable and thread-safe.
 */
public final class ClientStateException extends NostrException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public ClientStateException(String message) {
        super(Kind.INVALID, message);
    }

    /**
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public ClientStateException(String message, Throwable cause) {
        super(Kind.INVALID, message, cause);
    }
}
