package network.mostro.server.lightning;

import java.util.Objects;
import network.mostro.nostr.InvalidInputException;

/**
 * A hold invoice to create (SPEC §10.1). Immutable and thread-safe.
 *
 * @param paymentHashHex SHA-256 of the preimage the node keeps, 64 hex characters
 * @param amountSats the invoice amount ({@code amt + fee} for the escrow), positive
 * @param memo the description
 * @param cltvExpiry the final CLTV delta in blocks ({@code hold_invoice_cltv_delta}, default 144)
 * @param expirySeconds the invoice expiry in seconds, or 0 for the backend's default
 */
public record HoldInvoiceRequest(String paymentHashHex, long amountSats, String memo, int cltvExpiry,
        long expirySeconds) {
    /** @throws InvalidInputException if the hash is not 64 lowercase hex characters or a number is out of range */
    public HoldInvoiceRequest {
        Hashes.requireHash(paymentHashHex, "paymentHashHex");
        Objects.requireNonNull(memo, "memo");
        if (amountSats <= 0) {
            throw new InvalidInputException("hold invoice amount must be positive: " + amountSats);
        }
        if (cltvExpiry <= 0 || expirySeconds < 0) {
            throw new InvalidInputException("hold invoice cltv/expiry out of range");
        }
    }
}
