package network.mostro.server.lightning;

import java.util.Objects;

/**
 * An invoice's state at one moment. Immutable and thread-safe.
 *
 * @param paymentHashHex the payment hash
 * @param state the state
 * @param amountPaidSats sats locked or received (0 while open or canceled before payment)
 * @param htlcExpiryHeight the block height at which the accepted HTLC expires, or 0 when none is held or unknown
 *     (the escrow deadline guard then uses the nominal fallback, SPEC §10.2)
 */
public record InvoiceUpdate(String paymentHashHex, InvoiceState state, long amountPaidSats, long htlcExpiryHeight) {
    /** @throws NullPointerException if a component is null */
    public InvoiceUpdate {
        Hashes.requireHash(paymentHashHex, "paymentHashHex");
        Objects.requireNonNull(state, "state");
    }
}
