package network.mostro.server.store;

import network.mostro.nostr.NostrException;

/** The store failed (database unreachable, migration failed, corrupt row); never thrown for a CAS conflict. Immutable and thread-safe. */
public final class StoreException extends NostrException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message and cause. */
    public StoreException(String message, Throwable cause) {
        super(Kind.BACKEND, message, cause);
    }

    /** A failure with a message. */
    public StoreException(String message) {
        super(Kind.BACKEND, message);
    }
}
