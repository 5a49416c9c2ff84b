package network.mostro.protocol.state;

import java.util.EnumSet;
import java.util.Set;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;

/**
 * The canonical Mostro order state machine: a rule table (rendered in {@code docs/state-machine.md}) plus a small
 * engine. The node uses it to decide what to do with a message or event; a client uses it to predict the daemon's
 * answer and to know whose move it is.
 *
 * <p>Example:
 * <pre>{@code
 * OrderStateMachine sm = OrderStateMachine.standard();
 * Transition.Allowed created = sm.create(OrderKind.SELL, TradeContext.initial(BondPolicy.NONE));
 * Transition t = sm.apply(created.next(), Trigger.user(Action.TAKE_SELL, Role.OTHER_USER));
 * if (t instanceof Transition.Allowed a) {
 *     a.nextStatus();      // waiting-buyer-invoice
 *     a.notifications();   // B: add-invoice (amt − fee), S: waiting-buyer-invoice
 * }
 * }</pre>
 *
 * <p>What it leaves out: payload validation of {@code new-order} (§7.2, see {@link network.mostro.protocol.Amounts}),
 * the router's pre-handler checks (§3.6: PoW, signatures, freshness, trade index), {@code request_id} echoing, Cashu
 * mode (§16), the bond-payout claim deadline and send retries, and moving a range maker's bond to the child order.
 *
 * <p>Immutable and thread-safe; share one instance.
 */
public final class OrderStateMachine {
    private static final OrderStateMachine STANDARD = new OrderStateMachine();
    private static final Set<OrderStatus> TERMINAL = EnumSet.of(OrderStatus.SUCCESS, OrderStatus.CANCELED,
            OrderStatus.COOPERATIVELY_CANCELED, OrderStatus.CANCELED_BY_ADMIN, OrderStatus.EXPIRED,
            OrderStatus.SETTLED_BY_ADMIN, OrderStatus.COMPLETED_BY_ADMIN);

    private OrderStateMachine() {}

    /** The state machine of mostrod 0.18/0.19 as SPEC.md describes it. */
    public static OrderStateMachine standard() {
        return STANDARD;
    }

    /**
     * Applies {@code trigger} to {@code state}.
     *
     * @return the transition; {@link Transition.Refused} and {@link Transition.Ignored} leave the order unchanged
     * @throws InvalidInputException if an argument is null, the status is {@link OrderStatus#IN_PROGRESS} (never
     *     stored), or a user trigger's role cannot exist for this order ({@link Role#isPresentIn})
     */
    public Transition apply(OrderState state, Trigger trigger) {
        return StateEngine.apply(state, trigger);
    }

    /**
     * Creates an order ({@code new-order}, §8.1/§8.2 row 1): {@code pending} with a {@code new-order} confirmation,
     * or {@code waiting-maker-bond} with {@code pay-bond-invoice} when the node requires maker bonds.
     *
     * @throws InvalidInputException if an argument is null
     */
    public Transition.Allowed create(OrderKind kind, TradeContext context) {
        return StateEngine.create(kind, context);
    }

    /** Whether no trigger can move an order out of {@code status}. */
    public static boolean isTerminal(OrderStatus status) {
        return TERMINAL.contains(status);
    }

    /**
     * Whose move it is: the maker locks its bond, a taker takes, the buyer sends an invoice or fiat, the seller pays
     * or releases, a solver resolves, the node pays out; terminal statuses wait on nobody.
     *
     * @throws InvalidInputException if an argument is null
     */
    public static WaitingOn waitingOn(OrderStatus status, OrderKind kind) {
        if (status == null || kind == null) {
            throw new InvalidInputException("waitingOn: null argument");
        }
        return switch (status) {
            case WAITING_MAKER_BOND -> Party.maker(kind) == Party.SELLER ? WaitingOn.SELLER : WaitingOn.BUYER;
            case PENDING, WAITING_TAKER_BOND -> WaitingOn.TAKER;
            case WAITING_BUYER_INVOICE, ACTIVE -> WaitingOn.BUYER;
            case WAITING_PAYMENT, FIAT_SENT -> WaitingOn.SELLER;
            case DISPUTE -> WaitingOn.SOLVER;
            case SETTLED_HOLD_INVOICE -> WaitingOn.NODE;
            case SUCCESS, CANCELED, COOPERATIVELY_CANCELED, CANCELED_BY_ADMIN, EXPIRED, SETTLED_BY_ADMIN,
                    COMPLETED_BY_ADMIN, IN_PROGRESS -> WaitingOn.NONE;
        };
    }

    /** The rule table rendered as Markdown (the content of {@code docs/state-machine.md}). */
    public String markdown() {
        return StateMachineDocs.render();
    }
}
