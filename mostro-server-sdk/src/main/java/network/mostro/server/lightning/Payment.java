package network.mostro.server.lightning;

import java.util.Objects;
import java.util.Optional;

/**
 * An outgoing payment's state. Immutable and thread-safe.
 *
 * @param paymentHashHex the payment hash
 * @param status the state
 * @param amountSats the amount paid to the destination (0 if unknown)
 * @param feeSats routing fees paid
 * @param preimageHex the preimage once {@link PaymentStatus#SUCCEEDED}
 * @param failureReason why it failed (LND's {@code failure_reason}, e.g. {@code FAILURE_REASON_NO_ROUTE}), if it did
 */
public record Payment(String paymentHashHex, PaymentStatus status, long amountSats, long feeSats,
        Optional<String> preimageHex, Optional<String> failureReason) {
    /** @throws NullPointerException if a component is null */
    public Payment {
        Hashes.requireHash(paymentHashHex, "paymentHashHex");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(preimageHex, "preimageHex");
        Objects.requireNonNull(failureReason, "failureReason");
    }
}
