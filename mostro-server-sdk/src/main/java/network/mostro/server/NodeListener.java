package network.mostro.server;

import java.util.UUID;
import network.mostro.protocol.OrderStatus;

/**
 * Observes a {@link MostroNode}: order status changes after they are committed. Called from node threads, possibly
 * concurrently for different orders; return quickly and never throw (exceptions are logged and ignored).
 */
@FunctionalInterface
public interface NodeListener {
    /**
     * An order's status changed (or it was created: {@code from} is null), and the change is durable.
     *
     * @param orderId the order
     * @param from the previous status, or null for a new order
     * @param to the new status
     * @param rule the state-machine rule that decided it (e.g. {@code take-sell.11}), or {@code new-order}
     */
    void onOrderStatus(UUID orderId, OrderStatus from, OrderStatus to, String rule);
}
