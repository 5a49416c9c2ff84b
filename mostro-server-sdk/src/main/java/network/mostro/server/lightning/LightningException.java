package network.mostro.server.lightning;

import java.util.Objects;
import network.mostro.nostr.NostrException;

/**
 * A Lightning backend call failed. {@link #reason()} is stable; {@link #isRetryable()} is true for
 * {@link Reason#UNAVAILABLE} and {@link Reason#TIMEOUT}. Immutable and thread-safe.
 */
public final class LightningException extends NostrException {
    private static final long serialVersionUID = 1L;

    /** Why a call failed. */
    public enum Reason {
        /** The backend could not be reached or answered with a server error. */
        UNAVAILABLE,
        /** The call did not finish in time; its outcome may be unknown. */
        TIMEOUT,
        /** Credentials were refused (macaroon, TLS pin). */
        UNAUTHORIZED,
        /** The invoice or payment is unknown. */
        NOT_FOUND,
        /** An invoice with that payment hash exists already. */
        ALREADY_EXISTS,
        /** The invoice is in a state that does not allow the call (e.g. settling an open invoice). */
        INVALID_STATE,
        /** The backend rejected the request (bad invoice, wrong network, amount mismatch). */
        INVALID_REQUEST,
        /** The backend was closed. */
        CLOSED
    }

    private final Reason reason;

    /** A failure with a reason and message. */
    public LightningException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** A failure with a reason, message and cause. */
    public LightningException(Reason reason, String message, Throwable cause) {
        super(kindOf(reason), message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static Kind kindOf(Reason reason) {
        return switch (Objects.requireNonNull(reason, "reason")) {
            case UNAVAILABLE, TIMEOUT, CLOSED -> Kind.BACKEND;
            default -> Kind.INVALID;
        };
    }

    /** Why the call failed. */
    public Reason reason() {
        return reason;
    }

    @Override
    public boolean isRetryable() {
        return reason == Reason.UNAVAILABLE || reason == Reason.TIMEOUT;
    }
}
