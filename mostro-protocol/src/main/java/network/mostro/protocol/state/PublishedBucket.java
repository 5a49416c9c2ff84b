package network.mostro.protocol.state;

import java.util.Optional;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;

/**
 * Which {@code s} tag the public kind-38383 order event shows (SPEC §6.1). Statuses without their own event leave
 * the last published one in place, so a sell order taken with an invoice stays {@code pending} until
 * {@code success}/{@code canceled}, and a taker reset republishes {@code pending}. Never use {@code s} to decide
 * whether an order can still be taken. Stateless and thread-safe.
 */
public final class PublishedBucket {
    private PublishedBucket() {}

    /**
     * The {@code s} of the event published when an order enters {@code status}, or empty when no new event is
     * published (SPEC §6.1 table).
     *
     * <p>{@code waiting-buyer-invoice} publishes {@code in-progress} only for sell orders and {@code waiting-payment}
     * only for buy orders; {@code expired} publishes {@code canceled}; {@code completed-by-admin} would publish
     * itself; {@code settled-by-admin} and {@code in-progress} publish nothing.
     *
     * @throws InvalidInputException if an argument is null
     */
    public static Optional<OrderStatus> onEntry(OrderKind kind, OrderStatus status) {
        if (kind == null || status == null) {
            throw new InvalidInputException("published bucket: null argument");
        }
        return switch (status) {
            case PENDING, WAITING_TAKER_BOND -> Optional.of(OrderStatus.PENDING);
            case WAITING_BUYER_INVOICE ->
                    kind == OrderKind.SELL ? Optional.of(OrderStatus.IN_PROGRESS) : Optional.empty();
            case WAITING_PAYMENT -> kind == OrderKind.BUY ? Optional.of(OrderStatus.IN_PROGRESS) : Optional.empty();
            case SUCCESS -> Optional.of(OrderStatus.SUCCESS);
            case CANCELED, COOPERATIVELY_CANCELED, CANCELED_BY_ADMIN, EXPIRED -> Optional.of(OrderStatus.CANCELED);
            case COMPLETED_BY_ADMIN -> Optional.of(OrderStatus.COMPLETED_BY_ADMIN);
            case WAITING_MAKER_BOND, ACTIVE, FIAT_SENT, DISPUTE, SETTLED_HOLD_INVOICE, SETTLED_BY_ADMIN, IN_PROGRESS ->
                    Optional.empty();
        };
    }

    /**
     * The {@code s} published by a transition {@code from → to}: {@link #onEntry} of the new status, except that an
     * unchanged status publishes nothing (unless {@code republish}), {@code waiting-maker-bond → expired} publishes
     * nothing (the order was never public), and {@code pending → waiting-taker-bond} publishes nothing (the order
     * stays {@code pending}).
     *
     * @param from the previous status, or null for order creation
     * @throws InvalidInputException if {@code kind} or {@code to} is null
     */
    public static Optional<OrderStatus> forTransition(OrderKind kind, OrderStatus from, OrderStatus to,
            boolean republish) {
        if (from == to) {
            return republish ? onEntry(kind, to) : Optional.empty();
        }
        if (from == OrderStatus.WAITING_MAKER_BOND && to == OrderStatus.EXPIRED) {
            return Optional.empty();
        }
        if (from == OrderStatus.PENDING && to == OrderStatus.WAITING_TAKER_BOND) {
            return Optional.empty();
        }
        return onEntry(kind, to);
    }

    /**
     * The {@code s} the public sees after a transition: {@code change} if an event was published, else
     * {@code current} (the last published {@code s}, empty before the first publication).
     */
    public static Optional<OrderStatus> visibleAfter(Optional<OrderStatus> current, Optional<OrderStatus> change) {
        return change.isPresent() ? change : current;
    }
}
