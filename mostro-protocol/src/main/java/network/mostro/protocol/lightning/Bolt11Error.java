package network.mostro.protocol.lightning;

import network.mostro.nostr.NostrException;

/**
 * Why a BOLT #11 payment request was refused by {@link Bolt11#decode(String)} or could not be built by
 * {@link Bolt11Invoice.Builder}. Each reason belongs to one {@link NostrException.Kind}, which decides the
 * exception class thrown (see {@link InvoiceFailure}).
 *
 * <p>New constants may be added at the end in later releases. Immutable and thread-safe.
 */
public enum Bolt11Error {
    /** Not a bech32 string: no separator, mixed case, a character outside the charset, or a bad checksum. */
    BECH32(NostrException.Kind.MALFORMED),
    /** Longer than {@link Bolt11#MAX_LENGTH} characters. */
    TOO_LONG(NostrException.Kind.INVALID),
    /** The human-readable part does not start with a known {@code ln} + currency prefix. */
    UNKNOWN_PREFIX(NostrException.Kind.MALFORMED),
    /** The amount is not a positive decimal integer without leading zeros, or overflows. */
    INVALID_AMOUNT(NostrException.Kind.MALFORMED),
    /** The amount is followed by something other than one of the multipliers {@code m u n p}. */
    INVALID_MULTIPLIER(NostrException.Kind.MALFORMED),
    /** A {@code p}-multiplied amount whose last digit is not 0 (it would not be a whole millisatoshi). */
    SUB_MILLISATOSHI_AMOUNT(NostrException.Kind.INVALID),
    /** The data part is shorter than a timestamp plus a signature. */
    TOO_SHORT(NostrException.Kind.MALFORMED),
    /** A tagged field claims more data than remains before the signature. */
    TRUNCATED_FIELD(NostrException.Kind.MALFORMED),
    /** A known tagged field has undecodable content: non-zero padding bits, or an integer that overflows. */
    INVALID_FIELD(NostrException.Kind.MALFORMED),
    /** The {@code d} field is not valid UTF-8. */
    INVALID_DESCRIPTION(NostrException.Kind.MALFORMED),
    /** No {@code p} field of the required length 52. */
    MISSING_PAYMENT_HASH(NostrException.Kind.INVALID),
    /** Neither a {@code d} nor an {@code h} field. */
    MISSING_DESCRIPTION(NostrException.Kind.INVALID),
    /** More than one description: two {@code d}, two {@code h}, or a {@code d} and an {@code h} field. */
    MULTIPLE_DESCRIPTIONS(NostrException.Kind.INVALID),
    /** More than one valid {@code p} or {@code s} field (BOLT #11 writers must include exactly one). */
    DUPLICATE_FIELD(NostrException.Kind.INVALID),
    /** No {@code s} field of the required length 52 (BOLT #11 writers must include exactly one). */
    MISSING_PAYMENT_SECRET(NostrException.Kind.INVALID),
    /** A feature is set without a feature it depends on (BOLT #9), e.g. {@code basic_mpp} without {@code payment_secret}. */
    MISSING_FEATURE_DEPENDENCY(NostrException.Kind.INVALID),
    /** An unknown even (compulsory) feature bit is set. */
    UNKNOWN_REQUIRED_FEATURE(NostrException.Kind.UNSUPPORTED),
    /** The recovery id is not 0–3, or no public key can be recovered from the signature. */
    UNRECOVERABLE_SIGNATURE(NostrException.Kind.CRYPTO),
    /** The signature does not verify against the {@code n} field's key. */
    INVALID_SIGNATURE(NostrException.Kind.CRYPTO),
    /** The {@code n} field is not a valid compressed secp256k1 point, or a signing key is out of range. */
    INVALID_KEY(NostrException.Kind.CRYPTO),
    /** Builder input is missing or out of range (encoding only). */
    INVALID_PARAMETER(NostrException.Kind.INVALID);

    private final NostrException.Kind kind;

    Bolt11Error(NostrException.Kind kind) {
        this.kind = kind;
    }

    /** The exception kind this reason is reported with. */
    public NostrException.Kind kind() {
        return kind;
    }

    /** The typed exception for this reason (one of the four {@link InvoiceFailure} classes). */
    RuntimeException exception(String detail) {
        return exception(detail, null);
    }

    RuntimeException exception(String detail, Throwable cause) {
        String message = name().toLowerCase(java.util.Locale.ROOT) + ": " + detail;
        return switch (kind) {
            case MALFORMED -> new MalformedInvoiceException(this, message, cause);
            case UNSUPPORTED -> new UnsupportedInvoiceException(this, message);
            case CRYPTO -> new InvoiceSignatureException(this, message, cause);
            default -> new InvalidInvoiceException(this, message, cause);
        };
    }
}
