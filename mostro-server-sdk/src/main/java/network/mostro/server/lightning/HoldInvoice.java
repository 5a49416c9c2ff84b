package network.mostro.server.lightning;

import java.util.Objects;

/**
 * A created hold invoice. Immutable and thread-safe.
 *
 * @param paymentHashHex the payment hash, 64 hex characters
 * @param bolt11 the BOLT11 payment request the seller pays
 * @param amountSats the amount
 */
public record HoldInvoice(String paymentHashHex, String bolt11, long amountSats) {
    /** @throws NullPointerException if a component is null */
    public HoldInvoice {
        Hashes.requireHash(paymentHashHex, "paymentHashHex");
        Objects.requireNonNull(bolt11, "bolt11");
    }
}
