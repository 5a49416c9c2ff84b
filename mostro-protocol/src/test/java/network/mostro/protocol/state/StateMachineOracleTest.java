package network.mostro.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind × status × action (and system event) × role, over representative contexts and request facts, checked
 * against a second, independent oracle hand-derived from SPEC §7.2, §8, §10, §11, §13, §14. The oracle does not call
 * the engine or read the table. The only combinations it does not expect a transition for are listed explicitly:
 * roles whose key cannot exist for the order and the wire-only status {@code in-progress}; both must make the engine
 * throw {@link InvalidInputException}.
 */
class StateMachineOracleTest {

    private static final OrderStateMachine SM = OrderStateMachine.standard();

    /** What the oracle expects. {@code type}: A(llowed) R(efused) I(gnored) X (invalid input). */
    record Expect(char type, CantDoReason reason, IgnoreReason ignore, OrderStatus next, List<String> msgs,
            List<LightningEffect> escrow) {
        static Expect refused(CantDoReason r) {
            return new Expect('R', r, null, null, List.of(), List.of());
        }

        static Expect ignored(IgnoreReason r) {
            return new Expect('I', null, r, null, List.of(), List.of());
        }

        static Expect invalid() {
            return new Expect('X', null, null, null, List.of(), List.of());
        }

        static Expect allowed(OrderStatus next, List<String> msgs, LightningEffect... escrow) {
            return new Expect('A', null, null, next, List.copyOf(msgs), List.of(escrow));
        }
    }

    // ------------------------------------------------------------------------------------------------ the oracle

    static String m(Object who, Action a) {
        return who + ":" + a.wireName();
    }

    static List<String> l(String... s) {
        List<String> out = new ArrayList<>();
        for (String x : s) {
            if (x != null) {
                out.add(x);
            }
        }
        return out;
    }

    static boolean present(OrderKind k, TradeContext c, Role r) {
        Party maker = Party.maker(k);
        return switch (r) {
            case BUYER -> maker == Party.BUYER || c.takerAssigned();
            case SELLER -> maker == Party.SELLER || c.takerAssigned();
            case BONDED_TAKER -> c.takerBonds() > 0;
            case ASSIGNED_SOLVER_READ -> c.disputeAssignee() == DisputeAssignee.READ_SOLVER;
            case ASSIGNED_SOLVER_READ_WRITE -> c.disputeAssignee() == DisputeAssignee.READ_WRITE_SOLVER;
            default -> true;
        };
    }

    static Expect oracle(OrderKind k, OrderStatus st, TradeContext c, Trigger t) {
        if (st == OrderStatus.IN_PROGRESS) {
            return Expect.invalid();
        }
        Party mk = Party.maker(k);
        Party tk = mk.other();
        RequestFacts f = t.facts();
        boolean holdOpen = c.holdInvoice() == HoldInvoiceState.CREATED || c.holdInvoice() == HoldInvoiceState.ACCEPTED;
        boolean held = c.holdInvoice() == HoldInvoiceState.ACCEPTED;
        if (t instanceof Trigger.Event e) {
            return oracleEvent(k, st, c, e.event(), f, mk, tk, holdOpen, held);
        }
        Trigger.User u = (Trigger.User) t;
        Role role = u.role();
        if (!present(k, c, role)) {
            return Expect.invalid();
        }
        Party p = role == Role.BUYER ? Party.BUYER : role == Role.SELLER ? Party.SELLER : null;
        boolean book = st == OrderStatus.PENDING || st == OrderStatus.WAITING_TAKER_BOND;
        boolean waiting = st == OrderStatus.WAITING_BUYER_INVOICE || st == OrderStatus.WAITING_PAYMENT;
        boolean trade = st == OrderStatus.ACTIVE || st == OrderStatus.FIAT_SENT || st == OrderStatus.DISPUTE;
        DisputeAssignee a = c.disputeAssignee();
        boolean assignee = (role == Role.ASSIGNED_SOLVER_READ && a == DisputeAssignee.READ_SOLVER)
                || (role == Role.ASSIGNED_SOLVER_READ_WRITE && a == DisputeAssignee.READ_WRITE_SOLVER)
                || (role == Role.NODE_ADMIN && a == DisputeAssignee.NODE_ADMIN);
        switch (u.action()) {
            case PAY_INVOICE:
                return Expect.refused(CantDoReason.INVALID_ACTION);
            case NEW_ORDER, ORDERS, RESTORE_SESSION, LAST_TRADE_INDEX, ADMIN_ADD_SOLVER:
                return Expect.ignored(IgnoreReason.NOT_ORDER_SCOPED);
            case TAKE_SELL, TAKE_BUY: {
                OrderKind want = u.action() == Action.TAKE_SELL ? OrderKind.SELL : OrderKind.BUY;
                if (f.senderHasPendingTrade()) {
                    return Expect.refused(CantDoReason.PENDING_ORDER_EXISTS);
                }
                if (k != want) {
                    return Expect.refused(CantDoReason.INVALID_ORDER_KIND);
                }
                if (!book || f.pastExpiry()) {
                    return Expect.refused(CantDoReason.INVALID_ORDER_STATUS);
                }
                if (p == mk) {
                    return Expect.refused(CantDoReason.INVALID_PUBKEY);
                }
                if (c.range() && !f.amountInRange()) {
                    return Expect.refused(CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
                }
                if (c.market() && !f.priceFresh()) {
                    return Expect.refused(CantDoReason.PRICE_TOO_STALE);
                }
                if (want == OrderKind.SELL && f.withInvoice() && !f.invoiceValid()) {
                    return Expect.refused(CantDoReason.INVALID_INVOICE);
                }
                if (role == Role.BONDED_TAKER) {
                    return Expect.allowed(st, l(m("SENDER", Action.PAY_BOND_INVOICE)));
                }
                if (c.bondPolicy() == BondPolicy.TAKE || c.bondPolicy() == BondPolicy.BOTH) {
                    return Expect.allowed(OrderStatus.WAITING_TAKER_BOND, l(m("SENDER", Action.PAY_BOND_INVOICE)));
                }
                if (want == OrderKind.SELL && !f.withInvoice()) {
                    return Expect.allowed(OrderStatus.WAITING_BUYER_INVOICE,
                            l(m(Party.BUYER, Action.ADD_INVOICE), m(Party.SELLER, Action.WAITING_BUYER_INVOICE)));
                }
                return Expect.allowed(OrderStatus.WAITING_PAYMENT,
                        l(m(Party.SELLER, Action.PAY_INVOICE), m(Party.BUYER, Action.WAITING_SELLER_TO_PAY)),
                        LightningEffect.CREATE_HOLD_INVOICE);
            }
            case ADD_INVOICE:
                if (role != Role.BUYER) {
                    return Expect.refused(CantDoReason.INVALID_PEER);
                }
                if (!f.invoiceValid()) {
                    return Expect.refused(CantDoReason.INVALID_INVOICE);
                }
                if (st == OrderStatus.WAITING_BUYER_INVOICE) {
                    return held
                            ? Expect.allowed(OrderStatus.ACTIVE, l(m(Party.SELLER, Action.BUYER_TOOK_ORDER),
                                    m(Party.BUYER, Action.HOLD_INVOICE_PAYMENT_ACCEPTED)))
                            : Expect.allowed(OrderStatus.WAITING_PAYMENT, l(m(Party.SELLER, Action.PAY_INVOICE),
                                    m(Party.SELLER, Action.PAY_INVOICE), m(Party.BUYER, Action.WAITING_SELLER_TO_PAY)),
                                    LightningEffect.CREATE_HOLD_INVOICE);
                }
                if (st == OrderStatus.SETTLED_HOLD_INVOICE && !c.payoutInFlight()) {
                    return Expect.allowed(st, l(m(Party.BUYER, Action.INVOICE_UPDATED)));
                }
                return Expect.refused(CantDoReason.NOT_ALLOWED_BY_STATUS);
            case FIAT_SENT:
                if (st != OrderStatus.ACTIVE) {
                    return Expect.refused(CantDoReason.INVALID_ORDER_STATUS);
                }
                if (role != Role.BUYER) {
                    return Expect.refused(CantDoReason.INVALID_PUBKEY);
                }
                return Expect.allowed(OrderStatus.FIAT_SENT,
                        l(m(Party.SELLER, Action.FIAT_SENT_OK), m(Party.BUYER, Action.FIAT_SENT_OK)));
            case RELEASE: {
                if (role != Role.SELLER) {
                    return Expect.refused(CantDoReason.INVALID_PEER);
                }
                if (st != OrderStatus.FIAT_SENT && st != OrderStatus.DISPUTE) {
                    return Expect.refused(CantDoReason.NOT_ALLOWED_BY_STATUS);
                }
                if (!held) {
                    return Expect.ignored(IgnoreReason.SILENT_ERROR);
                }
                boolean child = c.range() && c.rangeRemainder()
                        && (k == OrderKind.SELL ? f.nextTradeGiven() : c.nextTradeKnown());
                return Expect.allowed(OrderStatus.SETTLED_HOLD_INVOICE, l(m(Party.BUYER, Action.RELEASED),
                        child ? m("MAKER_NEXT_TRADE_KEY", Action.NEW_ORDER) : null,
                        m(Party.SELLER, Action.HOLD_INVOICE_PAYMENT_SETTLED), m(Party.SELLER, Action.RATE)),
                        LightningEffect.SETTLE_HOLD_INVOICE, LightningEffect.PAY_BUYER);
            }
            case CANCEL:
                if (st == OrderStatus.CANCELED || st == OrderStatus.COOPERATIVELY_CANCELED
                        || st == OrderStatus.CANCELED_BY_ADMIN) {
                    return Expect.refused(CantDoReason.ORDER_ALREADY_CANCELED);
                }
                if (book) {
                    if (p == mk) {
                        return Expect.allowed(OrderStatus.CANCELED, l(m(mk, Action.CANCELED),
                                c.takerBonds() > 0 ? m("ALL_BONDED_TAKERS", Action.CANCELED) : null));
                    }
                    if (role == Role.BONDED_TAKER) {
                        return c.takerBonds() > 1
                                ? Expect.allowed(st, l(m("SENDER", Action.CANCELED)))
                                : Expect.allowed(OrderStatus.PENDING,
                                        l(m("SENDER", Action.CANCELED), m(mk, Action.NEW_ORDER)));
                    }
                    return Expect.refused(CantDoReason.IS_NOT_YOUR_ORDER);
                }
                if (waiting) {
                    LightningEffect[] ln = holdOpen
                            ? new LightningEffect[] {LightningEffect.CANCEL_HOLD_INVOICE} : new LightningEffect[0];
                    if (p == mk) {
                        return Expect.allowed(OrderStatus.CANCELED, l(m(mk, Action.CANCELED), m(tk, Action.CANCELED)),
                                ln);
                    }
                    if (p == tk) {
                        return Expect.allowed(OrderStatus.PENDING, l(m(tk, Action.CANCELED), m(mk, Action.NEW_ORDER)),
                                ln);
                    }
                    return Expect.refused(CantDoReason.IS_NOT_YOUR_ORDER);
                }
                if (trade) {
                    if (p == null) {
                        return Expect.refused(CantDoReason.IS_NOT_YOUR_ORDER);
                    }
                    Party initiator = c.cooperativeCancelBy().orElse(null);
                    if (initiator == null) {
                        return Expect.allowed(st, l(m(p, Action.COOPERATIVE_CANCEL_INITIATED_BY_YOU),
                                m(p.other(), Action.COOPERATIVE_CANCEL_INITIATED_BY_PEER)));
                    }
                    if (initiator == p) {
                        return Expect.refused(CantDoReason.INVALID_PUBKEY);
                    }
                    return holdOpen
                            ? Expect.allowed(OrderStatus.COOPERATIVELY_CANCELED,
                                    l(m(p, Action.COOPERATIVE_CANCEL_ACCEPTED),
                                            m(p.other(), Action.COOPERATIVE_CANCEL_ACCEPTED)),
                                    LightningEffect.CANCEL_HOLD_INVOICE)
                            : Expect.allowed(OrderStatus.COOPERATIVELY_CANCELED,
                                    l(m(p, Action.COOPERATIVE_CANCEL_ACCEPTED),
                                            m(p.other(), Action.COOPERATIVE_CANCEL_ACCEPTED)));
                }
                return Expect.refused(CantDoReason.NOT_ALLOWED_BY_STATUS);
            case DISPUTE:
                if (st != OrderStatus.ACTIVE && st != OrderStatus.FIAT_SENT) {
                    return Expect.refused(CantDoReason.NOT_ALLOWED_BY_STATUS);
                }
                if (c.dispute().isPresent()) {
                    return Expect.ignored(IgnoreReason.SILENT_ERROR);
                }
                if (p == null) {
                    return Expect.refused(CantDoReason.INVALID_PUBKEY);
                }
                return Expect.allowed(OrderStatus.DISPUTE, l(m(p, Action.DISPUTE_INITIATED_BY_YOU),
                        m(p.other(), Action.DISPUTE_INITIATED_BY_PEER)));
            case RATE_USER:
                if (!(st == OrderStatus.SUCCESS || (st == OrderStatus.SETTLED_HOLD_INVOICE && role == Role.SELLER))) {
                    return Expect.refused(CantDoReason.INVALID_ORDER_STATUS);
                }
                if (p == null || (p == Party.BUYER ? c.buyerRated() : c.sellerRated())
                        || f.counterpartyFullPrivacy() || !f.ratingValid()) {
                    return Expect.ignored(IgnoreReason.NO_OP);
                }
                return Expect.allowed(st, l(m(p, Action.RATE_RECEIVED)));
            case TRADE_PUBKEY:
                if (!book) {
                    return Expect.refused(CantDoReason.INVALID_ORDER_STATUS);
                }
                if (p != mk) {
                    return Expect.ignored(IgnoreReason.SILENT_ERROR);
                }
                return Expect.allowed(st, l(m(mk, Action.TRADE_PUBKEY)));
            case ADD_BOND_INVOICE:
                if (p == null || c.bondPayout() != BondPayoutState.AWAITING_INVOICE
                        || c.bondPayoutTo().orElse(null) != p) {
                    return Expect.refused(CantDoReason.NOT_ALLOWED_BY_STATUS);
                }
                if (!f.invoiceValid()) {
                    return Expect.refused(CantDoReason.INVALID_INVOICE);
                }
                return Expect.allowed(st, l(m(p, Action.BOND_INVOICE_ACCEPTED)));
            case ADMIN_TAKE_DISPUTE: {
                boolean admin = role == Role.NODE_ADMIN;
                boolean solver = role == Role.SOLVER_READ || role == Role.SOLVER_READ_WRITE
                        || role == Role.ASSIGNED_SOLVER_READ || role == Role.ASSIGNED_SOLVER_READ_WRITE;
                if (!admin && !solver) {
                    return Expect.refused(CantDoReason.INVALID_PUBKEY);
                }
                if (c.dispute().isEmpty()) {
                    return Expect.ignored(IgnoreReason.SILENT_ERROR);
                }
                DisputeStatus d = c.dispute().get();
                if (d != DisputeStatus.INITIATED && d != DisputeStatus.IN_PROGRESS) {
                    return Expect.refused(CantDoReason.INVALID_PUBKEY);
                }
                boolean ok = admin || d == DisputeStatus.INITIATED || assignee
                        || (role == Role.SOLVER_READ_WRITE && a == DisputeAssignee.READ_SOLVER);
                return ok ? Expect.allowed(st, l(m("SENDER", Action.ADMIN_TOOK_DISPUTE),
                        m(Party.BUYER, Action.ADMIN_TOOK_DISPUTE), m(Party.SELLER, Action.ADMIN_TOOK_DISPUTE)))
                        : Expect.refused(CantDoReason.INVALID_PUBKEY);
            }
            case ADMIN_SETTLE, ADMIN_CANCEL: {
                boolean settle = u.action() == Action.ADMIN_SETTLE;
                if (!assignee) {
                    return Expect.refused(a == DisputeAssignee.NODE_ADMIN
                            ? CantDoReason.DISPUTE_TAKEN_BY_ADMIN : CantDoReason.IS_NOT_YOUR_DISPUTE);
                }
                if (a == DisputeAssignee.READ_SOLVER) {
                    return Expect.refused(CantDoReason.NOT_AUTHORIZED);
                }
                if (settle && st == OrderStatus.COOPERATIVELY_CANCELED) {
                    return Expect.allowed(st, l(m("SENDER", Action.COOPERATIVE_CANCEL_ACCEPTED)));
                }
                if (st != OrderStatus.DISPUTE) {
                    return Expect.refused(settle ? CantDoReason.INVALID_ORDER_STATUS
                            : CantDoReason.NOT_ALLOWED_BY_STATUS);
                }
                boolean buyerBond = Party.BUYER == mk ? c.makerBondLocked() : c.takerBondLocked();
                boolean sellerBond = Party.SELLER == mk ? c.makerBondLocked() : c.takerBondLocked();
                if ((f.slashBuyer() && !buyerBond) || (f.slashSeller() && !sellerBond)) {
                    return Expect.refused(CantDoReason.INVALID_PAYLOAD);
                }
                if (settle && !held) {
                    return Expect.ignored(IgnoreReason.SILENT_ERROR);
                }
                Action ack = settle ? Action.ADMIN_SETTLED : Action.ADMIN_CANCELED;
                List<String> msgs = l(m("SENDER", ack), m(Party.SELLER, ack), m(Party.BUYER, ack),
                        f.slashBuyer() ? m(Party.BUYER, Action.BOND_SLASHED) : null,
                        f.slashSeller() ? m(Party.SELLER, Action.BOND_SLASHED) : null);
                if (settle) {
                    return Expect.allowed(OrderStatus.SETTLED_HOLD_INVOICE, msgs,
                            LightningEffect.SETTLE_HOLD_INVOICE, LightningEffect.PAY_BUYER);
                }
                return holdOpen
                        ? Expect.allowed(OrderStatus.CANCELED_BY_ADMIN, msgs, LightningEffect.CANCEL_HOLD_INVOICE)
                        : Expect.allowed(OrderStatus.CANCELED_BY_ADMIN, msgs);
            }
            default:
                return Expect.ignored(IgnoreReason.NOT_ROUTED);
        }
    }

    static Expect oracleEvent(OrderKind k, OrderStatus st, TradeContext c, SystemEvent e, RequestFacts f, Party mk,
            Party tk, boolean holdOpen, boolean held) {
        Expect na = Expect.ignored(IgnoreReason.NOT_APPLICABLE);
        boolean shiInFlight = st == OrderStatus.SETTLED_HOLD_INVOICE && c.payoutInFlight();
        switch (e) {
            case MAKER_BOND_ACCEPTED:
                return st == OrderStatus.WAITING_MAKER_BOND
                        ? Expect.allowed(OrderStatus.PENDING, l(m(mk, Action.NEW_ORDER))) : na;
            case TAKER_BOND_ACCEPTED: {
                if (st != OrderStatus.WAITING_TAKER_BOND || c.takerBonds() == 0) {
                    return na;
                }
                String losers = c.takerBonds() > 1 ? m("OTHER_BONDED_TAKERS", Action.CANCELED) : null;
                if (k == OrderKind.SELL && !f.withInvoice()) {
                    return Expect.allowed(OrderStatus.WAITING_BUYER_INVOICE, l(losers,
                            m(Party.BUYER, Action.ADD_INVOICE), m(Party.SELLER, Action.WAITING_BUYER_INVOICE)));
                }
                return Expect.allowed(OrderStatus.WAITING_PAYMENT, l(losers, m(Party.SELLER, Action.PAY_INVOICE),
                        m(Party.BUYER, Action.WAITING_SELLER_TO_PAY)), LightningEffect.CREATE_HOLD_INVOICE);
            }
            case HOLD_INVOICE_ACCEPTED:
                if (st != OrderStatus.WAITING_PAYMENT || c.holdInvoice() != HoldInvoiceState.CREATED) {
                    return na;
                }
                return c.buyerInvoiceKnown()
                        ? Expect.allowed(OrderStatus.ACTIVE, l(m(Party.SELLER, Action.BUYER_TOOK_ORDER),
                                m(Party.BUYER, Action.HOLD_INVOICE_PAYMENT_ACCEPTED)))
                        : Expect.allowed(OrderStatus.WAITING_BUYER_INVOICE, l(m(Party.BUYER, Action.ADD_INVOICE),
                                m(Party.SELLER, Action.WAITING_BUYER_INVOICE), m(Party.BUYER, Action.ADD_INVOICE)));
            case HOLD_INVOICE_CANCELED: {
                if (!held) {
                    return na;
                }
                List<String> msgs = l(m(Party.SELLER, Action.HOLD_INVOICE_PAYMENT_CANCELED),
                        m(Party.BUYER, Action.HOLD_INVOICE_PAYMENT_CANCELED));
                if (st == OrderStatus.ACTIVE) {
                    return Expect.allowed(OrderStatus.CANCELED, msgs);
                }
                return st == OrderStatus.FIAT_SENT || st == OrderStatus.DISPUTE ? Expect.allowed(st, msgs) : na;
            }
            case PAYOUT_SUCCEEDED:
                return shiInFlight ? Expect.allowed(OrderStatus.SUCCESS,
                        l(m(Party.BUYER, Action.PURCHASE_COMPLETED), m(Party.BUYER, Action.RATE))) : na;
            case PAYOUT_FAILED_FIRST:
                return shiInFlight ? Expect.allowed(st, l(m(Party.BUYER, Action.PAYMENT_FAILED))) : na;
            case PAYOUT_FAILED_RETRY:
                return shiInFlight ? Expect.allowed(st, l()) : na;
            case PAYOUT_FAILED_LAST:
                return shiInFlight ? Expect.allowed(st, l(m(Party.BUYER, Action.ADD_INVOICE))) : na;
            case PAYOUT_RETRY_DUE:
                return st == OrderStatus.SETTLED_HOLD_INVOICE && !c.payoutInFlight() && !c.payoutExhausted()
                        ? Expect.allowed(st, l(), LightningEffect.PAY_BUYER) : na;
            case PENDING_EXPIRED:
                return st == OrderStatus.PENDING || st == OrderStatus.WAITING_TAKER_BOND
                        || st == OrderStatus.WAITING_MAKER_BOND ? Expect.allowed(OrderStatus.EXPIRED, l()) : na;
            case WAITING_TIMEOUT: {
                if (st != OrderStatus.WAITING_BUYER_INVOICE && st != OrderStatus.WAITING_PAYMENT) {
                    return na;
                }
                Party late = st == OrderStatus.WAITING_PAYMENT ? Party.SELLER : Party.BUYER;
                boolean lateBond = late == mk ? c.makerBondLocked() : c.takerBondLocked();
                String slashed = c.slashOnWaitingTimeout() && lateBond ? m(late, Action.BOND_SLASHED) : null;
                LightningEffect[] ln = holdOpen
                        ? new LightningEffect[] {LightningEffect.CANCEL_HOLD_INVOICE} : new LightningEffect[0];
                if (late == tk) {
                    return Expect.allowed(OrderStatus.PENDING,
                            l(m(tk, Action.CANCELED), m(mk, Action.NEW_ORDER), slashed), ln);
                }
                return Expect.allowed(OrderStatus.CANCELED, l(m(mk, Action.CANCELED), m(tk, Action.CANCELED), slashed),
                        ln);
            }
            case ESCROW_DEADLINE:
                if (!held) {
                    return na;
                }
                if (st == OrderStatus.ACTIVE) {
                    return Expect.allowed(OrderStatus.CANCELED,
                            l(m(Party.SELLER, Action.CANCELED), m(Party.BUYER, Action.CANCELED)),
                            LightningEffect.CANCEL_HOLD_INVOICE);
                }
                if (st == OrderStatus.FIAT_SENT && c.dispute().isEmpty()) {
                    return Expect.allowed(OrderStatus.DISPUTE, l(m(Party.BUYER, Action.DISPUTE_INITIATED_BY_YOU),
                            m(Party.SELLER, Action.DISPUTE_INITIATED_BY_PEER)));
                }
                return na;
            case BOND_PAYOUT_REQUEST_DUE:
                return c.bondPayout() == BondPayoutState.AWAITING_INVOICE
                        ? Expect.allowed(st, l(m(c.bondPayoutTo().get(), Action.ADD_BOND_INVOICE))) : na;
            case BOND_PAYOUT_SUCCEEDED:
                return c.bondPayout() == BondPayoutState.INVOICE_ACCEPTED
                        ? Expect.allowed(st, l(m(c.bondPayoutTo().get(), Action.BOND_PAYOUT_COMPLETED))) : na;
            default:
                throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ comparison

    static final List<LightningEffect> ESCROW = List.of(LightningEffect.CREATE_HOLD_INVOICE,
            LightningEffect.SETTLE_HOLD_INVOICE, LightningEffect.CANCEL_HOLD_INVOICE, LightningEffect.PAY_BUYER);

    static Expect observe(OrderState s, Trigger t) {
        Transition tr;
        try {
            tr = SM.apply(s, t);
        } catch (InvalidInputException e) {
            return Expect.invalid();
        }
        if (tr instanceof Transition.Refused r) {
            return Expect.refused(r.reason());
        }
        if (tr instanceof Transition.Ignored i) {
            return Expect.ignored(i.reason());
        }
        Transition.Allowed a = (Transition.Allowed) tr;
        List<String> msgs = new ArrayList<>();
        for (Notification n : a.notifications()) {
            msgs.add(n.to() + ":" + n.action().wireName());
        }
        List<LightningEffect> escrow = a.lightning().stream().filter(ESCROW::contains).toList();
        return new Expect('A', null, null, a.nextStatus(), msgs, escrow);
    }

    static String fmt(Expect e) {
        return switch (e.type()) {
            case 'R' -> "refused " + e.reason();
            case 'I' -> "ignored " + e.ignore();
            case 'X' -> "invalid input";
            default -> "allowed → " + e.next() + " " + e.msgs() + " " + e.escrow();
        };
    }

    static final class Tally {
        long checked;
        long invalidRole;
        long invalidStatus;
        final Map<Character, Long> byType = new java.util.TreeMap<>();
        final List<String> mismatches = new ArrayList<>();
    }

    static void check(Tally tally, OrderKind kind, OrderStatus status, TradeContext ctx, Trigger t) {
        Expect want = oracle(kind, status, ctx, t);
        Expect got = observe(new OrderState(kind, status, ctx), t);
        tally.checked++;
        tally.byType.merge(want.type(), 1L, Long::sum);
        if (want.type() == 'X') {
            if (status == OrderStatus.IN_PROGRESS) {
                tally.invalidStatus++;
            } else {
                tally.invalidRole++;
            }
        }
        if (!Objects.equals(want, got) && tally.mismatches.size() < 20) {
            tally.mismatches.add(kind + " " + status + " " + t + "\n    ctx " + ctx + "\n    oracle: " + fmt(want)
                    + "\n    engine: " + fmt(got));
        }
    }

    /** One test per status: every kind × action × role and every event, over all contexts and facts. */
    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void everyCombinationMatchesTheOracle(OrderStatus status) {
        Tally tally = new Tally();
        Map<Role, Integer> rolesSeen = new EnumMap<>(Role.class);
        for (OrderKind kind : OrderKind.values()) {
            List<TradeContext> contexts = status == OrderStatus.IN_PROGRESS
                    ? List.of(TradeContext.initial(BondPolicy.NONE)) : Contexts.of(kind, status);
            for (int i = 0; i < contexts.size(); i++) {
                TradeContext ctx = contexts.get(i);
                // every context with the valid facts and an attached invoice; every 4th with all fact variants
                List<RequestFacts> factsList = i % 4 == 0 ? Contexts.FACTS : Contexts.FACTS.subList(0, 2);
                for (Role role : Role.values()) {
                    rolesSeen.merge(role, 1, Integer::sum);
                    if (status == OrderStatus.IN_PROGRESS || !present(kind, ctx, role)) {
                        // excluded: the role's key cannot exist (or the status is never stored); the oracle says
                        // "invalid input" for every action and facts, so check the engine throws for each action once
                        for (Action action : Action.values()) {
                            check(tally, kind, status, ctx, new Trigger.User(action, role, RequestFacts.DEFAULT));
                        }
                        continue;
                    }
                    for (RequestFacts facts : factsList) {
                        for (Action action : Action.values()) {
                            check(tally, kind, status, ctx, new Trigger.User(action, role, facts));
                        }
                    }
                }
                for (RequestFacts facts : factsList) {
                    for (SystemEvent e : SystemEvent.values()) {
                        check(tally, kind, status, ctx, new Trigger.Event(e, facts));
                    }
                }
            }
        }
        assertThat(tally.mismatches).as("engine vs oracle mismatches").isEmpty();
        assertThat(rolesSeen).hasSize(Role.values().length);
        assertThat(tally.checked).isGreaterThan(1000);
        System.out.printf("state-machine oracle %s: %d combinations, by outcome %s, excluded (role absent) %d,"
                + " excluded (in-progress) %d%n", status.wireName(), tally.checked, tally.byType, tally.invalidRole,
                tally.invalidStatus);
    }

    /** The explicitly excluded combinations make the engine throw a typed exception, never return a transition. */
    @org.junit.jupiter.api.Test
    void excludedCombinationsAreTypedErrors() {
        OrderState pendingSell = new OrderState(OrderKind.SELL, OrderStatus.PENDING, TradeContext.initial(BondPolicy.NONE));
        assertThatThrownBy(() -> SM.apply(pendingSell, Trigger.user(Action.CANCEL, Role.BUYER)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("BUYER");
        assertThatThrownBy(() -> SM.apply(pendingSell, Trigger.user(Action.CANCEL, Role.BONDED_TAKER)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SM.apply(pendingSell, Trigger.user(Action.ADMIN_SETTLE, Role.ASSIGNED_SOLVER_READ)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SM.apply(pendingSell.withStatus(OrderStatus.IN_PROGRESS),
                Trigger.event(SystemEvent.PAYOUT_SUCCEEDED))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SM.apply(null, Trigger.event(SystemEvent.PAYOUT_SUCCEEDED)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SM.apply(pendingSell, null)).isInstanceOf(InvalidInputException.class);
    }
}
