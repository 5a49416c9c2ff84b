package network.mostro.server.price;

import network.mostro.nostr.NostrException;

/** A price fetch failed: unreachable provider, bad response, implausible values. Immutable and thread-safe. */
public final class PriceException extends NostrException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public PriceException(String message) {
        super(Kind.BACKEND, message);
    }

    /** A failure with a message and cause. */
    public PriceException(String message, Throwable cause) {
        super(Kind.BACKEND, message, cause);
    }
}
