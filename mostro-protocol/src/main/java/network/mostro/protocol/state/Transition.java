package network.mostro.protocol.state;

import java.util.List;
import java.util.Optional;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderStatus;

/**
 * The outcome of one trigger on one order: {@link Allowed}, {@link Refused} (the daemon replies {@code cant-do}) or
 * {@link Ignored} (the daemon stays silent). Each outcome names the table rule that produced it ({@link #rule()}, as
 * in {@code docs/state-machine.md}). Immutable and thread-safe.
 */
public sealed interface Transition permits Transition.Allowed, Transition.Refused, Transition.Ignored {

    /** The id of the rule that decided, e.g. {@code cancel.6}. */
    String rule();

    /**
     * The trigger was accepted.
     *
     * @param rule the deciding rule
     * @param next the order after the transition (status may be unchanged)
     * @param published the {@code s} of a new kind-38383 event, or empty when no order event is published
     * @param notifications messages Mostro sends, in order
     * @param lightning Lightning side effects, in order
     * @param effects bookkeeping effects on the stored order
     * @param disputeChange the dispute's new status, if it changes
     */
    record Allowed(String rule, OrderState next, Optional<OrderStatus> published, List<Notification> notifications,
            List<LightningEffect> lightning, List<OrderEffect> effects, Optional<DisputeStatus> disputeChange)
            implements Transition {
        /** @throws InvalidInputException if a component is null */
        public Allowed {
            if (rule == null || next == null || published == null || notifications == null || lightning == null
                    || effects == null || disputeChange == null) {
                throw new InvalidInputException("allowed transition: null component");
            }
            notifications = List.copyOf(notifications);
            lightning = List.copyOf(lightning);
            effects = List.copyOf(effects);
        }

        /** The status after the transition. */
        public OrderStatus nextStatus() {
            return next.status();
        }
    }

    /**
     * The handler refused: Mostro replies {@code cant-do} with {@code reason}; the order is unchanged.
     *
     * @param rule the deciding rule
     * @param reason the reason in the reply
     */
    record Refused(String rule, CantDoReason reason) implements Transition {
        /** @throws InvalidInputException if a component is null */
        public Refused {
            if (rule == null || reason == null) {
                throw new InvalidInputException("refused transition: null component");
            }
        }
    }

    /**
     * Mostro drops the trigger without a reply; the order is unchanged.
     *
     * @param rule the deciding rule
     * @param reason why
     */
    record Ignored(String rule, IgnoreReason reason) implements Transition {
        /** @throws InvalidInputException if a component is null */
        public Ignored {
            if (rule == null || reason == null) {
                throw new InvalidInputException("ignored transition: null component");
            }
        }
    }
}
