package network.mostro.server.lnurl;

import java.util.Objects;
import network.mostro.nostr.NostrException;

/** An LNURL-pay resolution failed; {@link #reason()} says why. Immutable and thread-safe. */
public final class LnurlException extends NostrException {
    private static final long serialVersionUID = 1L;

    /** Why a resolution failed. */
    public enum Reason {
        /** Not a Lightning address or LNURL. */
        MALFORMED,
        /** The target resolves to a private, loopback or link-local address and that is not allowed. */
        FORBIDDEN_TARGET,
        /** The server could not be reached, timed out or answered with an HTTP error. */
        UNREACHABLE,
        /** The server's answer is not a valid LNURL-pay response (or an {@code ERROR} status). */
        BAD_RESPONSE,
        /** The amount is outside the server's {@code minSendable..maxSendable}. */
        AMOUNT_OUT_OF_RANGE,
        /** The returned invoice is unparseable or for another amount. */
        BAD_INVOICE
    }

    private final Reason reason;

    /** A failure with a reason and message. */
    public LnurlException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** A failure with a reason, message and cause. */
    public LnurlException(Reason reason, String message, Throwable cause) {
        super(reason == Reason.UNREACHABLE ? Kind.TRANSPORT : Kind.INVALID, message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the resolution failed. */
    public Reason reason() {
        return reason;
    }
}
