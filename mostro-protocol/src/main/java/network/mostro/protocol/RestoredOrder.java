package network.mostro.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One non-terminal order in a {@code restore_data} payload (SPEC §5.3).
 *
 * <p>mostro-core types {@code status} as a free string, so any spelling decodes and re-encodes unchanged;
 * {@link #knownStatus()} gives the typed view. Immutable and thread-safe.
 *
 * @param orderId the order id
 * @param tradeIndex the trade index the user used on that order; derive its key from it
 * @param status the order status as sent (normally an {@link OrderStatus} wire name)
 */
public record RestoredOrder(UUID orderId, long tradeIndex, String status) {
    /** @throws NullPointerException if {@code orderId} or {@code status} is null */
    public RestoredOrder {
        Objects.requireNonNull(orderId, "orderId");
        Checks.text(status, "status");
    }

    /** The status as an {@link OrderStatus}, or empty if the spelling is not known. */
    public Optional<OrderStatus> knownStatus() {
        return OrderStatus.fromWire(status);
    }
}
