package network.mostro.protocol.lightning;

/**
 * What kind of payment destination a buyer sent (SPEC §10.4), by syntax. Immutable and thread-safe.
 */
public enum PaymentRequestKind {
    /** A BOLT #11 invoice (starts with a known network prefix); decode it with {@link Bolt11#decode}. */
    BOLT11,
    /** A Lightning address {@code user@domain} (LUD-16). */
    LIGHTNING_ADDRESS,
    /** A bech32 LNURL ({@code lnurl1…}) encoding a URL (LUD-01). */
    LNURL,
    /** None of these. */
    UNRECOGNIZED
}
