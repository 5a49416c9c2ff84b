package network.mostro.protocol.state;

import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;

/**
 * An order as the state machine sees it: kind, daemon status and {@link TradeContext}. Immutable and thread-safe.
 *
 * @param kind buy or sell
 * @param status the daemon's stored status (never {@link OrderStatus#IN_PROGRESS}, a wire-only bucket)
 * @param context the remaining facts
 */
public record OrderState(OrderKind kind, OrderStatus status, TradeContext context) {
    /** @throws InvalidInputException if a component is null */
    public OrderState {
        if (kind == null || status == null || context == null) {
            throw new InvalidInputException("order state: null component");
        }
    }

    /** A copy with another status. */
    public OrderState withStatus(OrderStatus newStatus) {
        return new OrderState(kind, newStatus, context);
    }

    /** A copy with another context. */
    public OrderState withContext(TradeContext newContext) {
        return new OrderState(kind, status, newContext);
    }
}
