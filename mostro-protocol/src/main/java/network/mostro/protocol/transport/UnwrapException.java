package network.mostro.protocol.transport;

import java.util.Objects;
import network.mostro.nostr.NostrException;

/**
 * An inbound event that a transport could not open, with the {@link Reason} a node counts it under (SPEC §3.6 steps
 * 2, 3 and 5; the daemon drops all of these silently). Immutable and thread-safe.
 */
public final class UnwrapException extends NostrException {
    private static final long serialVersionUID = 1L;

    /** Why the event was rejected, cheapest check first. */
    public enum Reason {
        /** The event kind is not this transport's (14 for v2, 1059 for v1). Kind UNSUPPORTED. */
        WRONG_KIND(Kind.UNSUPPORTED),
        /** The event id does not match its content or its signature does not verify. Kind CRYPTO. */
        INVALID_EVENT(Kind.CRYPTO),
        /** The content does not decrypt with the receiver's key: the event is not addressed to it. Kind CRYPTO. */
        NOT_ADDRESSED_TO_ME(Kind.CRYPTO),
        /** v1 only: the decrypted seal is not a valid, correctly signed kind-13 event, or its content does not
         * decrypt. Kind CRYPTO. */
        INVALID_SEAL(Kind.CRYPTO),
        /** The decrypted content (or v1 rumor) is not a tuple of the right shape. Kind MALFORMED. */
        MALFORMED_TUPLE(Kind.MALFORMED),
        /** Tuple element 0 is JSON but not a Mostro message. Kind INVALID. */
        UNPARSEABLE_MESSAGE(Kind.INVALID),
        /** The trade signature does not verify over the canonical message JSON and the sender key. Kind CRYPTO. */
        BAD_TRADE_SIGNATURE(Kind.CRYPTO),
        /** v2 only: the identity proof's key is invalid or its signature does not verify. Kind CRYPTO. */
        BAD_IDENTITY_PROOF(Kind.CRYPTO);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        /** The {@link NostrException.Kind} exceptions with this reason report. */
        public Kind kind() {
            return kind;
        }
    }

    private final Reason reason;

    /**
     * @param reason why the event was rejected
     * @param message detail; never secret material
     * @param cause diagnostic cause or null
     */
    public UnwrapException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").kind(), reason + ": " + message, cause);
        this.reason = reason;
    }

    /** Why the event was rejected. */
    public Reason reason() {
        return reason;
    }
}
