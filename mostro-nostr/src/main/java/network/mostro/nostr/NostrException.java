package network.mostro.nostr;

/**
 * Root of every exception the Mostro SDK throws.
 *
 * <p>Callers branch on {@link #kind()}, which is stable across releases, rather than on subclasses.
 * Messages never contain secret key material. No dependency type (Bouncy Castle, Jackson) is ever
 * exposed as the type of this exception; a cause may be attached for diagnostics only.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract class NostrException extends RuntimeException {

    /** What went wrong, in categories callers can act on. */
    public enum Kind {
        /** The input is not syntactically what was expected: not JSON, not hex, bad bech32 checksum, truncated. */
        MALFORMED,
        /** The input is well formed but violates a rule: wrong length, out-of-range value, id mismatch. */
        INVALID,
        /** A version, algorithm or feature the SDK does not support. */
        UNSUPPORTED,
        /** A cryptographic check failed: bad MAC, bad signature, point not on the curve, key out of range. */
        CRYPTO,
        /** Network or relay failure; usually retryable. */
        TRANSPORT,
        /** A pluggable backend (storage, Lightning, prices) failed. */
        BACKEND
    }

    private final Kind kind;

    protected NostrException(Kind kind, String message) {
        super(message);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    protected NostrException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** The stable category of this failure. */
    public Kind kind() {
        return kind;
    }

    /** Whether repeating the same operation may succeed (true only for transient failures). */
    public boolean isRetryable() {
        return kind == Kind.TRANSPORT || kind == Kind.BACKEND;
    }
}
