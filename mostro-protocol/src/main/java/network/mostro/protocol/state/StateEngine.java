package network.mostro.protocol.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.Action;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.state.StateTable.EffT;
import network.mostro.protocol.state.StateTable.Go;
import network.mostro.protocol.state.StateTable.Ignore;
import network.mostro.protocol.state.StateTable.LnT;
import network.mostro.protocol.state.StateTable.NoteT;
import network.mostro.protocol.state.StateTable.Refuse;
import network.mostro.protocol.state.StateTable.Rule;
import network.mostro.protocol.state.StateTable.Sit;

/**
 * Evaluates {@link StateTable}: finds the deciding rule and turns a {@link Go} into a {@link Transition.Allowed}
 * with the next context. Not public API. Stateless and thread-safe.
 */
final class StateEngine {
    private StateEngine() {}

    /** Rule id used for actions the router drops. */
    public static final String NOT_ROUTED_RULE = "router.not-routed";

    /** See {@link network.mostro.protocol.state.OrderStateMachine#apply}. */
    public static Transition apply(OrderState state, Trigger trigger) {
        if (state == null || trigger == null) {
            throw new InvalidInputException("state machine: null argument");
        }
        if (state.status() == OrderStatus.IN_PROGRESS) {
            throw new InvalidInputException("in-progress is a wire-only bucket, never a stored status");
        }
        Object key;
        Role role = null;
        if (trigger instanceof Trigger.User u) {
            if (!u.role().isPresentIn(state)) {
                throw new InvalidInputException("role " + u.role() + " does not exist for a " + state.kind().wireName()
                        + " order in " + state.status().wireName() + " with this context");
            }
            key = u.action();
            role = u.role();
        } else {
            key = ((Trigger.Event) trigger).event();
        }
        List<Rule> rules = StateTable.RULES.get(key);
        if (rules == null) {
            return new Transition.Ignored(NOT_ROUTED_RULE, IgnoreReason.NOT_ROUTED);
        }
        Sit s = new Sit(state, role, trigger.facts());
        return decide(rules, s, null);
    }

    /** See {@link network.mostro.protocol.state.OrderStateMachine#create}. */
    public static Transition.Allowed create(OrderKind kind, TradeContext context) {
        if (kind == null || context == null) {
            throw new InvalidInputException("state machine: null argument");
        }
        Sit s = new Sit(new OrderState(kind, OrderStatus.PENDING, context), Role.valueOf(Party.maker(kind).name()),
                RequestFacts.DEFAULT);
        Transition t = decide(StateTable.RULES.get(StateTable.CREATION), s, true);
        return (Transition.Allowed) t;
    }

    private static Transition decide(List<Rule> rules, Sit s, Boolean creation) {
        for (Rule r : rules) {
            if (r.matches(s)) {
                if (r.outcome() instanceof Refuse x) {
                    return new Transition.Refused(r.id(), x.reason());
                }
                if (r.outcome() instanceof Ignore x) {
                    return new Transition.Ignored(r.id(), x.reason());
                }
                return allow(r, (Go) r.outcome(), s, creation != null);
            }
        }
        throw new IllegalStateException("state table has no catch-all for " + rules.get(0).id());
    }

    private static Transition.Allowed allow(Rule r, Go g, Sit s, boolean creation) {
        OrderStatus from = s.status();
        OrderStatus to = g.to() == null ? from : g.to();
        List<Notification> notes = new ArrayList<>();
        for (NoteT n : g.notes()) {
            if (StateTable.all(n.when(), s)) {
                notes.add(new Notification(resolve(n.who(), s), n.action(), n.shape(), n.amount()));
            }
        }
        List<LightningEffect> ln = new ArrayList<>();
        for (LnT l : g.lightning()) {
            if (StateTable.all(l.when(), s)) {
                ln.add(l.effect());
            }
        }
        List<OrderEffect> eff = new ArrayList<>();
        for (EffT e : g.effects()) {
            if (StateTable.all(e.when(), s)) {
                eff.add(e.effect());
            }
        }
        Optional<DisputeStatus> dispute = g.disputeTo() != null && StateTable.all(g.disputeWhen(), s)
                ? Optional.of(g.disputeTo()) : Optional.empty();
        TradeContext next = nextContext(s, ln, eff, dispute);
        Optional<OrderStatus> published =
                PublishedBucket.forTransition(s.kind(), creation ? null : from, to, g.republish());
        return new Transition.Allowed(r.id(), new OrderState(s.kind(), to, next), published, notes, ln, eff, dispute);
    }

    static Recipient resolve(StateTable.Who who, Sit s) {
        return switch (who) {
            case BUYER -> Recipient.BUYER;
            case SELLER -> Recipient.SELLER;
            case MAKER -> of(s.maker());
            case TAKER -> of(s.maker().other());
            case SENDER -> s.party() != null ? of(s.party()) : Recipient.SENDER;
            case PEER -> of(s.party().other());
            case OTHER_BONDED_TAKERS -> Recipient.OTHER_BONDED_TAKERS;
            case ALL_BONDED_TAKERS -> Recipient.ALL_BONDED_TAKERS;
            case MAKER_NEXT_KEY -> Recipient.MAKER_NEXT_TRADE_KEY;
            case BOND_WINNER -> of(s.ctx().bondPayoutTo().orElseThrow());
            case LATE -> of(s.late());
        };
    }

    static Recipient of(Party p) {
        return p == Party.BUYER ? Recipient.BUYER : Recipient.SELLER;
    }

    static TradeContext nextContext(Sit s, List<LightningEffect> ln, List<OrderEffect> eff,
            Optional<DisputeStatus> dispute) {
        TradeContext c = s.ctx();
        TradeContext.Builder b = c.toBuilder();
        int takerBonds = c.takerBonds();
        for (LightningEffect e : ln) {
            switch (e) {
                case CREATE_HOLD_INVOICE -> b.holdInvoice(HoldInvoiceState.CREATED);
                case SETTLE_HOLD_INVOICE -> b.holdInvoice(HoldInvoiceState.SETTLED);
                case CANCEL_HOLD_INVOICE -> b.holdInvoice(HoldInvoiceState.CANCELED);
                case PAY_BUYER -> b.payoutInFlight(true);
                case CREATE_TAKER_BOND_INVOICE -> takerBonds++;
                case RELEASE_SENDER_TAKER_BOND -> takerBonds--;
                case RELEASE_OTHER_TAKER_BONDS, RELEASE_ALL_TAKER_BONDS -> takerBonds = 0;
                case RELEASE_MAKER_BOND, SLASH_MAKER_BOND -> b.makerBondLocked(false);
                case RELEASE_TAKER_BOND, SLASH_TAKER_BOND -> b.takerBondLocked(false);
                case CREATE_MAKER_BOND_INVOICE, PAY_BOND_SHARE -> { }
            }
        }
        for (OrderEffect e : eff) {
            switch (e) {
                case ASSIGN_TAKER -> b.takerAssigned(true);
                case RESET_TAKER -> {
                    b.takerAssigned(false).holdInvoice(HoldInvoiceState.NONE).rangeRemainder(false);
                    if (s.kind() == OrderKind.SELL) {
                        b.buyerInvoiceKnown(false);
                    }
                }
                case LOCK_TAKER_BOND -> {
                    b.takerBondLocked(true);
                    takerBonds = 0;
                }
                case LOCK_MAKER_BOND -> b.makerBondLocked(true);
                case MARK_HOLD_ACCEPTED -> b.holdInvoice(HoldInvoiceState.ACCEPTED);
                case MARK_HOLD_CANCELED -> b.holdInvoice(HoldInvoiceState.CANCELED);
                case STORE_BUYER_INVOICE -> b.buyerInvoiceKnown(true);
                case REPLACE_BUYER_INVOICE -> b.payoutExhausted(false);
                case STORE_NEXT_TRADE -> b.nextTradeKnown(true);
                case RECORD_COOPERATIVE_CANCEL -> b.cooperativeCancelBy(s.party());
                case ASSIGN_SOLVER -> b.disputeAssignee(switch (s.role()) {
                    case NODE_ADMIN -> DisputeAssignee.NODE_ADMIN;
                    case SOLVER_READ, ASSIGNED_SOLVER_READ -> DisputeAssignee.READ_SOLVER;
                    default -> DisputeAssignee.READ_WRITE_SOLVER;
                });
                case RECORD_RATING -> {
                    if (s.party() == Party.BUYER) {
                        b.buyerRated(true);
                    } else {
                        b.sellerRated(true);
                    }
                }
                case OWE_BOND_SHARE_TO_BUYER -> b.bondPayout(BondPayoutState.AWAITING_INVOICE, Party.BUYER);
                case OWE_BOND_SHARE_TO_SELLER -> b.bondPayout(BondPayoutState.AWAITING_INVOICE, Party.SELLER);
                case ACCEPT_BOND_INVOICE -> b.bondPayout(BondPayoutState.INVOICE_ACCEPTED, c.bondPayoutTo().orElseThrow());
                case BOND_SHARE_PAID -> b.bondPayout(BondPayoutState.PAID, c.bondPayoutTo().orElseThrow());
                case PAYOUT_ENDED -> b.payoutInFlight(false);
                case PAYOUT_EXHAUSTED -> b.payoutExhausted(true);
                case QUOTE_MARKET_PRICE, CREATE_CHILD_ORDER, OPEN_DISPUTE, ROTATE_MAKER_KEY -> { }
            }
        }
        b.takerBonds(Math.max(0, takerBonds));
        dispute.ifPresent(b::dispute);
        return b.build();
    }

    /** Whether {@code action} is one the router hands to an order handler (for documentation). */
    public static boolean routed(Action action) {
        return StateTable.RULES.containsKey(action);
    }
}
