package network.mostro.protocol.transport;

import java.util.Objects;
import network.mostro.nostr.NostrException;

/**
 * A chat event that failed validation, with the first check it failed (SPEC §15.2 lists them cheapest first).
 * Chat failures never affect order processing. Immutable and thread-safe.
 */
public final class ChatRejectedException extends NostrException {
    private static final long serialVersionUID = 1L;

    /** The checks, in the order {@link ChatReceiver} runs them. */
    public enum Reason {
        /** Outer kind is not 14 (1059 for the legacy scheme). */
        WRONG_KIND(Kind.INVALID),
        /** Outer author is not {@code pub(K_sign)}. */
        WRONG_AUTHOR(Kind.INVALID),
        /** Not exactly one {@code p} tag, or it is not {@code pub(K_conv)}. */
        BAD_P_TAG(Kind.INVALID),
        /** Outer {@code created_at} more than the allowed skew in the future. */
        FUTURE_TIMESTAMP(Kind.INVALID),
        /** Content larger than the limit (64 KiB). */
        TOO_LARGE(Kind.INVALID),
        /** Outer event id already accepted. */
        DUPLICATE_OUTER(Kind.INVALID),
        /** Too many messages in the current minute. */
        RATE_LIMITED(Kind.INVALID),
        /** Outer id or signature does not verify. */
        BAD_OUTER_SIGNATURE(Kind.CRYPTO),
        /** Content does not decrypt. */
        UNDECRYPTABLE(Kind.CRYPTO),
        /** Decrypted content is not a signed event. */
        MALFORMED_INNER(Kind.MALFORMED),
        /** Inner id or signature does not verify. */
        BAD_INNER_SIGNATURE(Kind.CRYPTO),
        /** Inner author is not one of the accepted signers. */
        UNKNOWN_INNER_AUTHOR(Kind.INVALID),
        /** Inner kind is not 1. */
        WRONG_INNER_KIND(Kind.INVALID),
        /** Inner event id already accepted. */
        DUPLICATE_INNER(Kind.INVALID),
        /** Inner and outer {@code created_at} differ by more than the allowed skew. */
        TIMESTAMP_MISMATCH(Kind.INVALID);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        /** The {@link NostrException.Kind} reported with this reason. */
        public Kind kind() {
            return kind;
        }
    }

    private final Reason reason;

    /**
     * @param reason the failed check
     * @param message detail without secrets
     */
    public ChatRejectedException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason").kind(), reason + ": " + message);
        this.reason = reason;
    }

    /** The failed check. */
    public Reason reason() {
        return reason;
    }
}
