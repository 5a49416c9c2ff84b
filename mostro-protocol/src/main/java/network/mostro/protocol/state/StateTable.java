package network.mostro.protocol.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;

import static network.mostro.protocol.OrderStatus.ACTIVE;
import static network.mostro.protocol.OrderStatus.CANCELED;
import static network.mostro.protocol.OrderStatus.CANCELED_BY_ADMIN;
import static network.mostro.protocol.OrderStatus.COOPERATIVELY_CANCELED;
import static network.mostro.protocol.OrderStatus.DISPUTE;
import static network.mostro.protocol.OrderStatus.EXPIRED;
import static network.mostro.protocol.OrderStatus.FIAT_SENT;
import static network.mostro.protocol.OrderStatus.PENDING;
import static network.mostro.protocol.OrderStatus.SETTLED_HOLD_INVOICE;
import static network.mostro.protocol.OrderStatus.SUCCESS;
import static network.mostro.protocol.OrderStatus.WAITING_BUYER_INVOICE;
import static network.mostro.protocol.OrderStatus.WAITING_MAKER_BOND;
import static network.mostro.protocol.OrderStatus.WAITING_PAYMENT;
import static network.mostro.protocol.OrderStatus.WAITING_TAKER_BOND;

/**
 * The canonical order state machine's rule table (SPEC §7.2, §8, §10, §11, §13, §14) as data: per trigger an
 * ordered decision list of {@link Rule}s; the first rule whose kind, status and guard match decides. Guards and
 * conditional items use named {@link Cond}itions so the table renders to Markdown ({@code StateMachineDocs}).
 * Not public API; use {@link network.mostro.protocol.state.OrderStateMachine}. Immutable and thread-safe.
 */
final class StateTable {
    private StateTable() {}

    /** What a rule is evaluated against: the order, the sender's role (null for system events), the facts. */
    public record Sit(OrderState state, Role role, RequestFacts facts) {
        OrderKind kind() {
            return state.kind();
        }

        OrderStatus status() {
            return state.status();
        }

        network.mostro.protocol.state.TradeContext ctx() {
            return state.context();
        }

        Party party() {
            return role == null ? null : role.party();
        }

        Party maker() {
            return Party.maker(state.kind());
        }

        /** The party whose waiting duty ran out (§14: waiting-payment → seller, waiting-buyer-invoice → buyer). */
        Party late() {
            return state.status() == WAITING_PAYMENT ? Party.SELLER : Party.BUYER;
        }

        boolean slashes(Party p) {
            return p == Party.BUYER ? facts.slashBuyer() : facts.slashSeller();
        }
    }

    /** A named condition on a situation. */
    public enum Cond {
        MAKER("sender is the maker", s -> s.party() != null && s.party() == s.maker()),
        TAKER("sender is the taker", s -> s.party() != null && s.party() != s.maker()),
        BUYER("sender is the buyer", s -> s.role() == Role.BUYER),
        SELLER("sender is the seller", s -> s.role() == Role.SELLER),
        PARTY("sender is buyer or seller", s -> s.party() != null),
        BONDED_TAKER("sender is a bonded prospective taker", s -> s.role() == Role.BONDED_TAKER),
        SEVERAL_TAKER_BONDS("more than one taker bond outstanding", s -> s.ctx().takerBonds() > 1),
        ANY_TAKER_BONDS("taker bonds outstanding", s -> s.ctx().takerBonds() > 0),
        TAKER_BOND_REQUIRED("node requires taker bonds", s -> s.ctx().bondPolicy().takerBond()),
        MAKER_BOND_REQUIRED("node requires maker bonds", s -> s.ctx().bondPolicy().makerBond()),
        MAKER_BOND_LOCKED("maker bond locked", s -> s.ctx().makerBondLocked()),
        TAKER_BOND_LOCKED("taker bond locked", s -> s.ctx().takerBondLocked()),
        HOLD_CREATED("hold invoice created, unpaid", s -> s.ctx().holdInvoice() == HoldInvoiceState.CREATED),
        HOLD_ACCEPTED("hold invoice held (ACCEPTED)", s -> s.ctx().holdInvoice() == HoldInvoiceState.ACCEPTED),
        HOLD_OPEN("a hold invoice exists", s -> s.ctx().holdInvoice().isOpen()),
        BUYER_INVOICE("buyer invoice known", s -> s.ctx().buyerInvoiceKnown()),
        WITH_INVOICE("invoice attached", s -> s.facts().withInvoice()),
        INVOICE_VALID("invoice valid", s -> s.facts().invoiceValid()),
        RANGE("range order", s -> s.ctx().range()),
        IN_RANGE("amount within [min, max]", s -> s.facts().amountInRange()),
        MARKET("market price", s -> s.ctx().market()),
        PRICE_FRESH("price fresh", s -> s.facts().priceFresh()),
        SENDER_BUSY("sender already waits on another order", s -> s.facts().senderHasPendingTrade()),
        PAST_EXPIRY("expires_at passed", s -> s.facts().pastExpiry()),
        COOP_STARTED("cooperative cancel started", s -> s.ctx().cooperativeCancelBy().isPresent()),
        COOP_BY_SENDER("sender started the cooperative cancel",
                s -> s.party() != null && s.ctx().cooperativeCancelBy().orElse(null) == s.party()),
        DISPUTE_EXISTS("a dispute exists", s -> s.ctx().dispute().isPresent()),
        DISPUTE_OPEN("dispute initiated or in-progress", s -> s.ctx().dispute().isPresent()
                && (s.ctx().dispute().get() == DisputeStatus.INITIATED
                        || s.ctx().dispute().get() == DisputeStatus.IN_PROGRESS)),
        DISPUTE_INITIATED("dispute initiated", s -> s.ctx().dispute().orElse(null) == DisputeStatus.INITIATED),
        SENDER_ADMIN("sender is the node key", s -> s.role() == Role.NODE_ADMIN),
        SENDER_SOLVER("sender is a registered solver", s -> s.role() == Role.SOLVER_READ
                || s.role() == Role.SOLVER_READ_WRITE || s.role() == Role.ASSIGNED_SOLVER_READ
                || s.role() == Role.ASSIGNED_SOLVER_READ_WRITE),
        SENDER_RW_SOLVER("sender is an unassigned read-write solver", s -> s.role() == Role.SOLVER_READ_WRITE),
        SENDER_ASSIGNEE("sender is the assigned solver", StateTable::senderIsAssignee),
        ASSIGNEE_ADMIN("the node key took the dispute", s -> s.ctx().disputeAssignee() == DisputeAssignee.NODE_ADMIN),
        ASSIGNEE_READ_ONLY("assigned solver is read-only", s -> s.ctx().disputeAssignee() == DisputeAssignee.READ_SOLVER),
        CHILD_ORDER("range remainder and maker's next key known", s -> s.ctx().range() && s.ctx().rangeRemainder()
                && (s.kind() == OrderKind.SELL ? s.facts().nextTradeGiven() : s.ctx().nextTradeKnown())),
        STORE_NEXT("buy range maker sends next_trade",
                s -> s.ctx().range() && s.kind() == OrderKind.BUY && s.facts().nextTradeGiven()),
        PAYOUT_IN_FLIGHT("payout in flight", s -> s.ctx().payoutInFlight()),
        PAYOUT_EXHAUSTED("payout attempts exhausted", s -> s.ctx().payoutExhausted()),
        SENDER_RATED("sender already rated", s -> s.party() != null && s.ctx().rated(s.party())),
        RATING_VALID("rating in 1..5", s -> s.facts().ratingValid()),
        PEER_PRIVATE("counterparty in full-privacy mode", s -> s.facts().counterpartyFullPrivacy()),
        SLASH_BUYER("bond_resolution slashes the buyer", s -> s.facts().slashBuyer()),
        SLASH_SELLER("bond_resolution slashes the seller", s -> s.facts().slashSeller()),
        SLASH_MAKER("bond_resolution slashes the maker", s -> s.slashes(s.maker())),
        SLASH_TAKER("bond_resolution slashes the taker", s -> s.slashes(s.maker().other())),
        SLASH_UNBONDED("bond_resolution slashes a side without a locked bond",
                s -> (s.facts().slashBuyer() && !s.ctx().bondLocked(Party.BUYER, s.maker()))
                        || (s.facts().slashSeller() && !s.ctx().bondLocked(Party.SELLER, s.maker()))),
        TAKER_LATE("the taker's duty ran out", s -> s.late() != s.maker()),
        TIMEOUT_SLASH("slash on timeout and the late party's bond is locked",
                s -> s.ctx().slashOnWaitingTimeout() && s.ctx().bondLocked(s.late(), s.maker())),
        SELLER_LATE("the seller is the late party", s -> s.late() == Party.SELLER),
        BOND_OWED_TO_SENDER("a bond share awaits the sender's invoice", s -> s.party() != null
                && s.ctx().bondPayout() == BondPayoutState.AWAITING_INVOICE
                && s.ctx().bondPayoutTo().orElse(null) == s.party()),
        BOND_AWAITING_INVOICE("a bond share awaits an invoice",
                s -> s.ctx().bondPayout() == BondPayoutState.AWAITING_INVOICE),
        BOND_INVOICE_ACCEPTED("a bond share invoice was accepted",
                s -> s.ctx().bondPayout() == BondPayoutState.INVOICE_ACCEPTED);

        private final String label;
        private final Predicate<Sit> test;

        Cond(String label, Predicate<Sit> test) {
            this.label = label;
            this.test = test;
        }

        /** Human-readable description. */
        public String label() {
            return label;
        }

        boolean test(Sit s) {
            return test.test(s);
        }
    }

    static boolean senderIsAssignee(Sit s) {
        DisputeAssignee a = s.ctx().disputeAssignee();
        return switch (s.role() == null ? Role.OTHER_USER : s.role()) {
            case ASSIGNED_SOLVER_READ -> a == DisputeAssignee.READ_SOLVER;
            case ASSIGNED_SOLVER_READ_WRITE -> a == DisputeAssignee.READ_WRITE_SOLVER;
            case NODE_ADMIN -> a == DisputeAssignee.NODE_ADMIN;
            default -> false;
        };
    }

    /** A condition or its negation. */
    public record Lit(Cond cond, boolean expected) {
        boolean holds(Sit s) {
            return cond.test(s) == expected;
        }

        String render() {
            return (expected ? "" : "not ") + cond.label();
        }
    }

    static boolean all(List<Lit> lits, Sit s) {
        for (Lit l : lits) {
            if (!l.holds(s)) {
                return false;
            }
        }
        return true;
    }

    /** Notification recipients as the table names them; resolved to a {@code Recipient} per situation. */
    public enum Who {
        BUYER("B"), SELLER("S"), MAKER("maker"), TAKER("taker"), SENDER("sender"), PEER("peer"),
        OTHER_BONDED_TAKERS("other bonded takers"), ALL_BONDED_TAKERS("bonded takers"),
        MAKER_NEXT_KEY("maker's next key"), BOND_WINNER("bond winner"), LATE("late party");

        final String label;

        Who(String label) {
            this.label = label;
        }
    }

    /** A notification template. */
    public record NoteT(Who who, Action action, PayloadShape shape, AmountVariant amount, List<Lit> when) {}

    /** A Lightning effect template. */
    public record LnT(LightningEffect effect, List<Lit> when) {}

    /** A bookkeeping effect template. */
    public record EffT(OrderEffect effect, List<Lit> when) {}

    /** What a rule decides. */
    public sealed interface Outcome permits Refuse, Ignore, Go {}

    /** Refuse with a cant-do reason. */
    public record Refuse(CantDoReason reason) implements Outcome {}

    /** Stay silent. */
    public record Ignore(IgnoreReason reason) implements Outcome {}

    /**
     * Accept: move to {@code to} (null = unchanged), send notes, perform effects, change the dispute.
     */
    public record Go(OrderStatus to, boolean republish, List<NoteT> notes, List<LnT> lightning, List<EffT> effects,
            DisputeStatus disputeTo, List<Lit> disputeWhen) implements Outcome {}

    /**
     * One row of the table.
     *
     * @param id stable id, {@code <trigger>.<n>}
     * @param kinds order kinds it applies to
     * @param from statuses it applies to
     * @param when guard
     * @param outcome decision
     */
    public record Rule(String id, Set<OrderKind> kinds, Set<OrderStatus> from, List<Lit> when, Outcome outcome) {
        boolean matches(Sit s) {
            return kinds.contains(s.kind()) && from.contains(s.status()) && all(when, s);
        }
    }

    // ---------------------------------------------------------------- DSL

    static Lit is(Cond c) {
        return new Lit(c, true);
    }

    static Lit not(Cond c) {
        return new Lit(c, false);
    }

    static final Set<OrderKind> BOTH = Collections.unmodifiableSet(EnumSet.allOf(OrderKind.class));
    static final Set<OrderKind> SELL_ONLY = Collections.unmodifiableSet(EnumSet.of(OrderKind.SELL));
    static final Set<OrderKind> BUY_ONLY = Collections.unmodifiableSet(EnumSet.of(OrderKind.BUY));
    static final Set<OrderStatus> ANY = Collections.unmodifiableSet(EnumSet.allOf(OrderStatus.class));
    static final Set<OrderStatus> BOOK = st(PENDING, WAITING_TAKER_BOND);
    static final Set<OrderStatus> WAITING = st(WAITING_BUYER_INVOICE, WAITING_PAYMENT);
    static final Set<OrderStatus> TRADE = st(ACTIVE, FIAT_SENT, DISPUTE);
    static final Set<OrderStatus> CANCELED_SET = st(CANCELED, COOPERATIVELY_CANCELED, CANCELED_BY_ADMIN);

    static Set<OrderStatus> st(OrderStatus... s) {
        EnumSet<OrderStatus> set = EnumSet.noneOf(OrderStatus.class);
        set.addAll(Arrays.asList(s));
        return Collections.unmodifiableSet(set);
    }

    static Set<OrderStatus> allBut(Set<OrderStatus> s) {
        EnumSet<OrderStatus> set = EnumSet.allOf(OrderStatus.class);
        set.removeAll(s);
        return Collections.unmodifiableSet(set);
    }

    static Refuse refuse(CantDoReason r) {
        return new Refuse(r);
    }

    static Ignore ignore(IgnoreReason r) {
        return new Ignore(r);
    }

    static GoB go(OrderStatus to) {
        return new GoB(to);
    }

    static GoB stay() {
        return new GoB(null);
    }

    /** Builder for {@link Go}. */
    static final class GoB {
        final OrderStatus to;
        boolean republish;
        final List<NoteT> notes = new ArrayList<>();
        final List<LnT> ln = new ArrayList<>();
        final List<EffT> eff = new ArrayList<>();
        DisputeStatus disputeTo;
        List<Lit> disputeWhen = List.of();

        GoB(OrderStatus to) {
            this.to = to;
        }

        GoB note(Who who, Action a, Lit... when) {
            return note(who, a, PayloadShape.NONE, AmountVariant.NONE, when);
        }

        GoB note(Who who, Action a, PayloadShape p, AmountVariant amt, Lit... when) {
            notes.add(new NoteT(who, a, p, amt, List.of(when)));
            return this;
        }

        GoB ln(LightningEffect e, Lit... when) {
            ln.add(new LnT(e, List.of(when)));
            return this;
        }

        GoB eff(OrderEffect e, Lit... when) {
            eff.add(new EffT(e, List.of(when)));
            return this;
        }

        GoB dispute(DisputeStatus d, Lit... when) {
            disputeTo = d;
            disputeWhen = List.of(when);
            return this;
        }

        GoB republish() {
            republish = true;
            return this;
        }

        Go build() {
            return new Go(to, republish, List.copyOf(notes), List.copyOf(ln), List.copyOf(eff), disputeTo, disputeWhen);
        }
    }

    /** Accumulates the rules of one trigger. */
    static final class Rows {
        final String prefix;
        final List<Rule> rules = new ArrayList<>();

        Rows(String prefix) {
            this.prefix = prefix;
        }

        Rows r(Set<OrderKind> kinds, Set<OrderStatus> from, List<Lit> when, Object outcome) {
            Outcome o = outcome instanceof GoB g ? g.build() : (Outcome) outcome;
            rules.add(new Rule(prefix + "." + (rules.size() + 1), kinds, from, when, o));
            return this;
        }

        Rows r(Set<OrderStatus> from, List<Lit> when, Object outcome) {
            return r(BOTH, from, when, outcome);
        }

        Rows r(Set<OrderStatus> from, Object outcome) {
            return r(BOTH, from, List.of(), outcome);
        }

        Rows r(List<Lit> when, Object outcome) {
            return r(BOTH, ANY, when, outcome);
        }

        Rows r(Object outcome) {
            return r(BOTH, ANY, List.of(), outcome);
        }
    }

    static List<Lit> w(Lit... lits) {
        return List.of(lits);
    }

    /** The key of the creation rules. */
    public static final String CREATION = "create";

    /** Trigger key (an {@link Action}, a {@link SystemEvent} or {@link #CREATION}) → ordered rules. */
    public static final Map<Object, List<Rule>> RULES;

    /** Actions the router handles that are not about an existing order. */
    public static final Set<Action> NOT_ORDER_SCOPED = Collections.unmodifiableSet(EnumSet.of(Action.NEW_ORDER,
            Action.ORDERS, Action.RESTORE_SESSION, Action.LAST_TRADE_INDEX, Action.ADMIN_ADD_SOLVER));

    static String keyName(Object key) {
        if (key instanceof Action a) {
            return a.wireName();
        }
        if (key instanceof SystemEvent e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return String.valueOf(key);
    }

    static {
        Map<Object, List<Rule>> m = new LinkedHashMap<>();

        // §7.2 new-order, §14 maker bond
        m.put(CREATION, new Rows("new-order")
                .r(w(is(Cond.MAKER_BOND_REQUIRED)), go(WAITING_MAKER_BOND)
                        .note(Who.MAKER, Action.PAY_BOND_INVOICE, PayloadShape.BOND_INVOICE_REQUEST,
                                AmountVariant.BOND_AMOUNT)
                        .ln(LightningEffect.CREATE_MAKER_BOND_INVOICE))
                .r(go(PENDING).note(Who.MAKER, Action.NEW_ORDER, PayloadShape.ORDER, AmountVariant.ORDER_AMOUNT))
                .rules);

        for (Action take : List.of(Action.TAKE_SELL, Action.TAKE_BUY)) {
            boolean sell = take == Action.TAKE_SELL;
            Rows rows = new Rows(take.wireName())
                    .r(w(is(Cond.SENDER_BUSY)), refuse(CantDoReason.PENDING_ORDER_EXISTS))
                    .r(sell ? BUY_ONLY : SELL_ONLY, ANY, w(), refuse(CantDoReason.INVALID_ORDER_KIND))
                    .r(allBut(BOOK), refuse(CantDoReason.INVALID_ORDER_STATUS))
                    .r(w(is(Cond.PAST_EXPIRY)), refuse(CantDoReason.INVALID_ORDER_STATUS))
                    .r(w(is(Cond.MAKER)), refuse(CantDoReason.INVALID_PUBKEY))
                    .r(w(is(Cond.RANGE), not(Cond.IN_RANGE)), refuse(CantDoReason.OUT_OF_RANGE_SATS_AMOUNT))
                    .r(w(is(Cond.MARKET), not(Cond.PRICE_FRESH)), refuse(CantDoReason.PRICE_TOO_STALE));
            if (sell) {
                rows.r(w(is(Cond.WITH_INVOICE), not(Cond.INVOICE_VALID)), refuse(CantDoReason.INVALID_INVOICE));
            }
            rows.r(w(is(Cond.BONDED_TAKER)), stay()
                            .note(Who.SENDER, Action.PAY_BOND_INVOICE, PayloadShape.BOND_INVOICE_REQUEST,
                                    AmountVariant.BOND_AMOUNT))
                    .r(w(is(Cond.TAKER_BOND_REQUIRED)), go(WAITING_TAKER_BOND)
                            .note(Who.SENDER, Action.PAY_BOND_INVOICE, PayloadShape.BOND_INVOICE_REQUEST,
                                    AmountVariant.BOND_AMOUNT)
                            .ln(LightningEffect.CREATE_TAKER_BOND_INVOICE));
            if (sell) {
                rows.r(w(not(Cond.WITH_INVOICE)), takenAwaitingInvoice(go(WAITING_BUYER_INVOICE)));
                rows.r(takenAwaitingPayment(go(WAITING_PAYMENT), true));
            } else {
                rows.r(takenAwaitingPayment(go(WAITING_PAYMENT), false));
            }
            m.put(take, rows.rules);
        }

        m.put(Action.ADD_INVOICE, new Rows("add-invoice")
                .r(w(not(Cond.BUYER)), refuse(CantDoReason.INVALID_PEER))
                .r(w(not(Cond.INVOICE_VALID)), refuse(CantDoReason.INVALID_INVOICE))
                .r(st(WAITING_BUYER_INVOICE), w(is(Cond.HOLD_ACCEPTED)), tradeActive(go(ACTIVE))
                        .eff(OrderEffect.STORE_BUYER_INVOICE))
                .r(st(WAITING_BUYER_INVOICE), go(WAITING_PAYMENT)
                        .note(Who.SELLER, Action.PAY_INVOICE, PayloadShape.REPUTATION_NOTICE, AmountVariant.NONE)
                        .note(Who.SELLER, Action.PAY_INVOICE, PayloadShape.HOLD_INVOICE_REQUEST,
                                AmountVariant.HOLD_INVOICE_AMOUNT)
                        .note(Who.BUYER, Action.WAITING_SELLER_TO_PAY)
                        .ln(LightningEffect.CREATE_HOLD_INVOICE)
                        .eff(OrderEffect.STORE_BUYER_INVOICE))
                .r(st(SETTLED_HOLD_INVOICE), w(is(Cond.PAYOUT_IN_FLIGHT)), refuse(CantDoReason.NOT_ALLOWED_BY_STATUS))
                .r(st(SETTLED_HOLD_INVOICE), stay()
                        .note(Who.BUYER, Action.INVOICE_UPDATED)
                        .eff(OrderEffect.REPLACE_BUYER_INVOICE))
                .r(refuse(CantDoReason.NOT_ALLOWED_BY_STATUS))
                .rules);

        m.put(Action.FIAT_SENT, new Rows("fiat-sent")
                .r(allBut(st(ACTIVE)), refuse(CantDoReason.INVALID_ORDER_STATUS))
                .r(w(not(Cond.BUYER)), refuse(CantDoReason.INVALID_PUBKEY))
                .r(go(FIAT_SENT)
                        .note(Who.SELLER, Action.FIAT_SENT_OK, PayloadShape.PEER, AmountVariant.NONE)
                        .note(Who.BUYER, Action.FIAT_SENT_OK, PayloadShape.PEER, AmountVariant.NONE)
                        .eff(OrderEffect.STORE_NEXT_TRADE, is(Cond.STORE_NEXT)))
                .rules);

        m.put(Action.RELEASE, new Rows("release")
                .r(w(not(Cond.SELLER)), refuse(CantDoReason.INVALID_PEER))
                .r(allBut(st(FIAT_SENT, DISPUTE)), refuse(CantDoReason.NOT_ALLOWED_BY_STATUS))
                .r(w(not(Cond.HOLD_ACCEPTED)), ignore(IgnoreReason.SILENT_ERROR))
                .r(go(SETTLED_HOLD_INVOICE)
                        .note(Who.BUYER, Action.RELEASED)
                        .note(Who.MAKER_NEXT_KEY, Action.NEW_ORDER, PayloadShape.ORDER, AmountVariant.ORDER_AMOUNT,
                                is(Cond.CHILD_ORDER))
                        .note(Who.SELLER, Action.HOLD_INVOICE_PAYMENT_SETTLED)
                        .note(Who.SELLER, Action.RATE)
                        .ln(LightningEffect.SETTLE_HOLD_INVOICE)
                        .ln(LightningEffect.RELEASE_TAKER_BOND, is(Cond.TAKER_BOND_LOCKED))
                        .ln(LightningEffect.PAY_BUYER)
                        .eff(OrderEffect.CREATE_CHILD_ORDER, is(Cond.CHILD_ORDER))
                        .dispute(DisputeStatus.SETTLED, is(Cond.DISPUTE_OPEN)))
                .rules);

        m.put(Action.CANCEL, new Rows("cancel")
                .r(CANCELED_SET, refuse(CantDoReason.ORDER_ALREADY_CANCELED))
                .r(BOTH, BOOK, w(is(Cond.MAKER)), go(CANCELED)
                        .note(Who.MAKER, Action.CANCELED)
                        .note(Who.ALL_BONDED_TAKERS, Action.CANCELED, is(Cond.ANY_TAKER_BONDS))
                        .ln(LightningEffect.RELEASE_ALL_TAKER_BONDS, is(Cond.ANY_TAKER_BONDS))
                        .ln(LightningEffect.RELEASE_MAKER_BOND, is(Cond.MAKER_BOND_LOCKED)))
                .r(BOTH, BOOK, w(is(Cond.BONDED_TAKER), is(Cond.SEVERAL_TAKER_BONDS)), stay()
                        .note(Who.SENDER, Action.CANCELED)
                        .ln(LightningEffect.RELEASE_SENDER_TAKER_BOND))
                .r(BOTH, BOOK, w(is(Cond.BONDED_TAKER)), go(PENDING).republish()
                        .note(Who.SENDER, Action.CANCELED)
                        .note(Who.MAKER, Action.NEW_ORDER, PayloadShape.ORDER, AmountVariant.ORDER_AMOUNT)
                        .ln(LightningEffect.RELEASE_SENDER_TAKER_BOND))
                .r(BOOK, refuse(CantDoReason.IS_NOT_YOUR_ORDER))
                .r(BOTH, WAITING, w(is(Cond.MAKER)), go(CANCELED)
                        .note(Who.MAKER, Action.CANCELED)
                        .note(Who.TAKER, Action.CANCELED)
                        .ln(LightningEffect.CANCEL_HOLD_INVOICE, is(Cond.HOLD_OPEN))
                        .ln(LightningEffect.RELEASE_MAKER_BOND, is(Cond.MAKER_BOND_LOCKED))
                        .ln(LightningEffect.RELEASE_TAKER_BOND, is(Cond.TAKER_BOND_LOCKED)))
                .r(BOTH, WAITING, w(is(Cond.TAKER)), go(PENDING)
                        .note(Who.TAKER, Action.CANCELED)
                        .note(Who.MAKER, Action.NEW_ORDER, PayloadShape.ORDER, AmountVariant.ORDER_AMOUNT)
                        .ln(LightningEffect.CANCEL_HOLD_INVOICE, is(Cond.HOLD_OPEN))
                        .ln(LightningEffect.RELEASE_TAKER_BOND, is(Cond.TAKER_BOND_LOCKED))
                        .eff(OrderEffect.RESET_TAKER))
                .r(WAITING, refuse(CantDoReason.IS_NOT_YOUR_ORDER))
                .r(BOTH, TRADE, w(is(Cond.PARTY), not(Cond.COOP_STARTED)), stay()
                        .note(Who.SENDER, Action.COOPERATIVE_CANCEL_INITIATED_BY_YOU)
                        .note(Who.PEER, Action.COOPERATIVE_CANCEL_INITIATED_BY_PEER)
                        .eff(OrderEffect.RECORD_COOPERATIVE_CANCEL))
                .r(BOTH, TRADE, w(is(Cond.PARTY), is(Cond.COOP_BY_SENDER)), refuse(CantDoReason.INVALID_PUBKEY))
                .r(BOTH, TRADE, w(is(Cond.PARTY)), go(COOPERATIVELY_CANCELED)
                        .note(Who.SENDER, Action.COOPERATIVE_CANCEL_ACCEPTED)
                        .note(Who.PEER, Action.COOPERATIVE_CANCEL_ACCEPTED)
                        .ln(LightningEffect.CANCEL_HOLD_INVOICE, is(Cond.HOLD_OPEN))
                        .ln(LightningEffect.RELEASE_MAKER_BOND, is(Cond.MAKER_BOND_LOCKED))
                        .ln(LightningEffect.RELEASE_TAKER_BOND, is(Cond.TAKER_BOND_LOCKED))
                        .dispute(DisputeStatus.SELLER_REFUNDED, is(Cond.DISPUTE_OPEN)))
                .r(TRADE, refuse(CantDoReason.IS_NOT_YOUR_ORDER))
                .r(refuse(CantDoReason.NOT_ALLOWED_BY_STATUS))
                .rules);

        m.put(Action.DISPUTE, new Rows("dispute")
                .r(allBut(st(ACTIVE, FIAT_SENT)), refuse(CantDoReason.NOT_ALLOWED_BY_STATUS))
                .r(w(is(Cond.DISPUTE_EXISTS)), ignore(IgnoreReason.SILENT_ERROR))
                .r(w(not(Cond.PARTY)), refuse(CantDoReason.INVALID_PUBKEY))
                .r(go(DISPUTE)
                        .note(Who.SENDER, Action.DISPUTE_INITIATED_BY_YOU, PayloadShape.DISPUTE_ID, AmountVariant.NONE)
                        .note(Who.PEER, Action.DISPUTE_INITIATED_BY_PEER, PayloadShape.DISPUTE_ID, AmountVariant.NONE)
                        .eff(OrderEffect.OPEN_DISPUTE)
                        .dispute(DisputeStatus.INITIATED))
                .rules);

        m.put(Action.RATE_USER, new Rows("rate-user")
                .r(allBut(st(SUCCESS, SETTLED_HOLD_INVOICE)), refuse(CantDoReason.INVALID_ORDER_STATUS))
                .r(BOTH, st(SETTLED_HOLD_INVOICE), w(not(Cond.SELLER)), refuse(CantDoReason.INVALID_ORDER_STATUS))
                .r(w(not(Cond.PARTY)), ignore(IgnoreReason.NO_OP))
                .r(w(is(Cond.SENDER_RATED)), ignore(IgnoreReason.NO_OP))
                .r(w(is(Cond.PEER_PRIVATE)), ignore(IgnoreReason.NO_OP))
                .r(w(not(Cond.RATING_VALID)), ignore(IgnoreReason.NO_OP))
                .r(stay()
                        .note(Who.SENDER, Action.RATE_RECEIVED, PayloadShape.RATING, AmountVariant.NONE)
                        .eff(OrderEffect.RECORD_RATING))
                .rules);

        m.put(Action.TRADE_PUBKEY, new Rows("trade-pubkey")
                .r(allBut(BOOK), refuse(CantDoReason.INVALID_ORDER_STATUS))
                .r(w(not(Cond.MAKER)), ignore(IgnoreReason.SILENT_ERROR))
                .r(stay()
                        .note(Who.MAKER, Action.TRADE_PUBKEY)
                        .eff(OrderEffect.ROTATE_MAKER_KEY))
                .rules);

        m.put(Action.ADD_BOND_INVOICE, new Rows("add-bond-invoice")
                .r(w(not(Cond.BOND_OWED_TO_SENDER)), refuse(CantDoReason.NOT_ALLOWED_BY_STATUS))
                .r(w(not(Cond.INVOICE_VALID)), refuse(CantDoReason.INVALID_INVOICE))
                .r(stay()
                        .note(Who.SENDER, Action.BOND_INVOICE_ACCEPTED, PayloadShape.ORDER, AmountVariant.BOND_SHARE)
                        .ln(LightningEffect.PAY_BOND_SHARE)
                        .eff(OrderEffect.ACCEPT_BOND_INVOICE))
                .rules);

        GoB take = stay()
                .note(Who.SENDER, Action.ADMIN_TOOK_DISPUTE, PayloadShape.SOLVER_DISPUTE_INFO, AmountVariant.NONE)
                .note(Who.BUYER, Action.ADMIN_TOOK_DISPUTE, PayloadShape.PEER, AmountVariant.NONE)
                .note(Who.SELLER, Action.ADMIN_TOOK_DISPUTE, PayloadShape.PEER, AmountVariant.NONE)
                .eff(OrderEffect.ASSIGN_SOLVER)
                .dispute(DisputeStatus.IN_PROGRESS);
        m.put(Action.ADMIN_TAKE_DISPUTE, new Rows("admin-take-dispute")
                .r(w(not(Cond.SENDER_ADMIN), not(Cond.SENDER_SOLVER)), refuse(CantDoReason.INVALID_PUBKEY))
                .r(w(not(Cond.DISPUTE_EXISTS)), ignore(IgnoreReason.SILENT_ERROR))
                .r(w(not(Cond.DISPUTE_OPEN)), refuse(CantDoReason.INVALID_PUBKEY))
                .r(w(is(Cond.SENDER_ADMIN)), take.build())
                .r(w(is(Cond.DISPUTE_INITIATED)), take.build())
                .r(w(is(Cond.SENDER_ASSIGNEE)), take.build())
                .r(w(is(Cond.SENDER_RW_SOLVER), is(Cond.ASSIGNEE_READ_ONLY)), take.build())
                .r(refuse(CantDoReason.INVALID_PUBKEY))
                .rules);

        Rows settle = adminAuth(new Rows("admin-settle"))
                .r(st(COOPERATIVELY_CANCELED), stay().note(Who.SENDER, Action.COOPERATIVE_CANCEL_ACCEPTED))
                .r(allBut(st(DISPUTE)), refuse(CantDoReason.INVALID_ORDER_STATUS))
                .r(w(is(Cond.SLASH_UNBONDED)), refuse(CantDoReason.INVALID_PAYLOAD))
                .r(w(not(Cond.HOLD_ACCEPTED)), ignore(IgnoreReason.SILENT_ERROR))
                .r(bondResolution(go(SETTLED_HOLD_INVOICE)
                        .note(Who.SENDER, Action.ADMIN_SETTLED)
                        .note(Who.SELLER, Action.ADMIN_SETTLED)
                        .note(Who.BUYER, Action.ADMIN_SETTLED)
                        .ln(LightningEffect.SETTLE_HOLD_INVOICE))
                        .ln(LightningEffect.PAY_BUYER)
                        .dispute(DisputeStatus.SETTLED));
        m.put(Action.ADMIN_SETTLE, settle.rules);

        Rows cancel = adminAuth(new Rows("admin-cancel"))
                .r(allBut(st(DISPUTE)), refuse(CantDoReason.NOT_ALLOWED_BY_STATUS))
                .r(w(is(Cond.SLASH_UNBONDED)), refuse(CantDoReason.INVALID_PAYLOAD))
                .r(bondResolution(go(CANCELED_BY_ADMIN)
                        .note(Who.SENDER, Action.ADMIN_CANCELED)
                        .note(Who.SELLER, Action.ADMIN_CANCELED)
                        .note(Who.BUYER, Action.ADMIN_CANCELED)
                        .ln(LightningEffect.CANCEL_HOLD_INVOICE, is(Cond.HOLD_OPEN)))
                        .dispute(DisputeStatus.SELLER_REFUNDED));
        m.put(Action.ADMIN_CANCEL, cancel.rules);

        m.put(Action.PAY_INVOICE, new Rows("pay-invoice").r(refuse(CantDoReason.INVALID_ACTION)).rules);
        for (Action a : NOT_ORDER_SCOPED) {
            m.put(a, new Rows(a.wireName()).r(ignore(IgnoreReason.NOT_ORDER_SCOPED)).rules);
        }

        // ---------------------------------------------------------------- system events
        m.put(SystemEvent.MAKER_BOND_ACCEPTED, new Rows(keyName(SystemEvent.MAKER_BOND_ACCEPTED))
                .r(st(WAITING_MAKER_BOND), go(PENDING)
                        .note(Who.MAKER, Action.NEW_ORDER, PayloadShape.ORDER, AmountVariant.ORDER_AMOUNT)
                        .eff(OrderEffect.LOCK_MAKER_BOND))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);

        m.put(SystemEvent.TAKER_BOND_ACCEPTED, new Rows(keyName(SystemEvent.TAKER_BOND_ACCEPTED))
                .r(allBut(st(WAITING_TAKER_BOND)), ignore(IgnoreReason.NOT_APPLICABLE))
                .r(w(not(Cond.ANY_TAKER_BONDS)), ignore(IgnoreReason.NOT_APPLICABLE))
                .r(SELL_ONLY, ANY, w(not(Cond.WITH_INVOICE)),
                        takenAwaitingInvoice(bondWinner(go(WAITING_BUYER_INVOICE))))
                .r(SELL_ONLY, ANY, w(), takenAwaitingPayment(bondWinner(go(WAITING_PAYMENT)), true))
                .r(BUY_ONLY, ANY, w(), takenAwaitingPayment(bondWinner(go(WAITING_PAYMENT)), false))
                .rules);

        m.put(SystemEvent.HOLD_INVOICE_ACCEPTED, new Rows(keyName(SystemEvent.HOLD_INVOICE_ACCEPTED))
                .r(allBut(st(WAITING_PAYMENT)), ignore(IgnoreReason.NOT_APPLICABLE))
                .r(w(not(Cond.HOLD_CREATED)), ignore(IgnoreReason.NOT_APPLICABLE))
                .r(w(is(Cond.BUYER_INVOICE)), tradeActive(go(ACTIVE)).eff(OrderEffect.MARK_HOLD_ACCEPTED))
                .r(go(WAITING_BUYER_INVOICE)
                        .note(Who.BUYER, Action.ADD_INVOICE, PayloadShape.ORDER, AmountVariant.BUYER_PAYOUT)
                        .note(Who.SELLER, Action.WAITING_BUYER_INVOICE)
                        .note(Who.BUYER, Action.ADD_INVOICE, PayloadShape.REPUTATION_NOTICE, AmountVariant.NONE)
                        .eff(OrderEffect.MARK_HOLD_ACCEPTED))
                .rules);

        m.put(SystemEvent.HOLD_INVOICE_CANCELED, new Rows(keyName(SystemEvent.HOLD_INVOICE_CANCELED))
                .r(w(not(Cond.HOLD_ACCEPTED)), ignore(IgnoreReason.NOT_APPLICABLE))
                .r(st(ACTIVE), releaseBonds(go(CANCELED)
                        .note(Who.SELLER, Action.HOLD_INVOICE_PAYMENT_CANCELED)
                        .note(Who.BUYER, Action.HOLD_INVOICE_PAYMENT_CANCELED))
                        .eff(OrderEffect.MARK_HOLD_CANCELED))
                .r(st(FIAT_SENT, DISPUTE), stay()
                        .note(Who.SELLER, Action.HOLD_INVOICE_PAYMENT_CANCELED)
                        .note(Who.BUYER, Action.HOLD_INVOICE_PAYMENT_CANCELED)
                        .eff(OrderEffect.MARK_HOLD_CANCELED))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);

        m.put(SystemEvent.PAYOUT_SUCCEEDED, new Rows(keyName(SystemEvent.PAYOUT_SUCCEEDED))
                .r(st(SETTLED_HOLD_INVOICE), w(is(Cond.PAYOUT_IN_FLIGHT)), releaseBonds(go(SUCCESS)
                        .note(Who.BUYER, Action.PURCHASE_COMPLETED)
                        .note(Who.BUYER, Action.RATE))
                        .eff(OrderEffect.PAYOUT_ENDED))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);
        m.put(SystemEvent.PAYOUT_FAILED_FIRST, new Rows(keyName(SystemEvent.PAYOUT_FAILED_FIRST))
                .r(st(SETTLED_HOLD_INVOICE), w(is(Cond.PAYOUT_IN_FLIGHT)), stay()
                        .note(Who.BUYER, Action.PAYMENT_FAILED, PayloadShape.PAYMENT_FAILED, AmountVariant.NONE)
                        .eff(OrderEffect.PAYOUT_ENDED))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);
        m.put(SystemEvent.PAYOUT_FAILED_RETRY, new Rows(keyName(SystemEvent.PAYOUT_FAILED_RETRY))
                .r(st(SETTLED_HOLD_INVOICE), w(is(Cond.PAYOUT_IN_FLIGHT)), stay().eff(OrderEffect.PAYOUT_ENDED))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);
        m.put(SystemEvent.PAYOUT_FAILED_LAST, new Rows(keyName(SystemEvent.PAYOUT_FAILED_LAST))
                .r(st(SETTLED_HOLD_INVOICE), w(is(Cond.PAYOUT_IN_FLIGHT)), stay()
                        .note(Who.BUYER, Action.ADD_INVOICE, PayloadShape.ORDER, AmountVariant.BUYER_PAYOUT)
                        .eff(OrderEffect.PAYOUT_ENDED)
                        .eff(OrderEffect.PAYOUT_EXHAUSTED))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);
        m.put(SystemEvent.PAYOUT_RETRY_DUE, new Rows(keyName(SystemEvent.PAYOUT_RETRY_DUE))
                .r(st(SETTLED_HOLD_INVOICE), w(not(Cond.PAYOUT_IN_FLIGHT), not(Cond.PAYOUT_EXHAUSTED)),
                        stay().ln(LightningEffect.PAY_BUYER))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);

        m.put(SystemEvent.PENDING_EXPIRED, new Rows(keyName(SystemEvent.PENDING_EXPIRED))
                .r(st(WAITING_MAKER_BOND), go(EXPIRED).ln(LightningEffect.RELEASE_MAKER_BOND))
                .r(BOOK, go(EXPIRED)
                        .ln(LightningEffect.RELEASE_ALL_TAKER_BONDS, is(Cond.ANY_TAKER_BONDS))
                        .ln(LightningEffect.RELEASE_MAKER_BOND, is(Cond.MAKER_BOND_LOCKED)))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);

        m.put(SystemEvent.WAITING_TIMEOUT, new Rows(keyName(SystemEvent.WAITING_TIMEOUT))
                .r(allBut(WAITING), ignore(IgnoreReason.NOT_APPLICABLE))
                .r(w(is(Cond.TAKER_LATE)), timeoutSlash(go(PENDING)
                        .note(Who.TAKER, Action.CANCELED)
                        .note(Who.MAKER, Action.NEW_ORDER, PayloadShape.ORDER, AmountVariant.ORDER_AMOUNT)
                        .note(Who.LATE, Action.BOND_SLASHED, PayloadShape.ORDER, AmountVariant.SLASHED_BOND,
                                is(Cond.TIMEOUT_SLASH))
                        .ln(LightningEffect.CANCEL_HOLD_INVOICE, is(Cond.HOLD_OPEN))
                        .ln(LightningEffect.SLASH_TAKER_BOND, is(Cond.TIMEOUT_SLASH))
                        .ln(LightningEffect.RELEASE_TAKER_BOND, is(Cond.TAKER_BOND_LOCKED), not(Cond.TIMEOUT_SLASH))
                        .eff(OrderEffect.RESET_TAKER)))
                .r(timeoutSlash(go(CANCELED)
                        .note(Who.MAKER, Action.CANCELED)
                        .note(Who.TAKER, Action.CANCELED)
                        .note(Who.LATE, Action.BOND_SLASHED, PayloadShape.ORDER, AmountVariant.SLASHED_BOND,
                                is(Cond.TIMEOUT_SLASH))
                        .ln(LightningEffect.CANCEL_HOLD_INVOICE, is(Cond.HOLD_OPEN))
                        .ln(LightningEffect.SLASH_MAKER_BOND, is(Cond.TIMEOUT_SLASH))
                        .ln(LightningEffect.RELEASE_MAKER_BOND, is(Cond.MAKER_BOND_LOCKED), not(Cond.TIMEOUT_SLASH))
                        .ln(LightningEffect.RELEASE_TAKER_BOND, is(Cond.TAKER_BOND_LOCKED))))
                .rules);

        m.put(SystemEvent.ESCROW_DEADLINE, new Rows(keyName(SystemEvent.ESCROW_DEADLINE))
                .r(w(not(Cond.HOLD_ACCEPTED)), ignore(IgnoreReason.NOT_APPLICABLE))
                .r(st(ACTIVE), releaseBonds(go(CANCELED)
                        .note(Who.SELLER, Action.CANCELED)
                        .note(Who.BUYER, Action.CANCELED)
                        .ln(LightningEffect.CANCEL_HOLD_INVOICE)))
                .r(st(FIAT_SENT), w(not(Cond.DISPUTE_EXISTS)), go(DISPUTE)
                        .note(Who.BUYER, Action.DISPUTE_INITIATED_BY_YOU, PayloadShape.DISPUTE_ID, AmountVariant.NONE)
                        .note(Who.SELLER, Action.DISPUTE_INITIATED_BY_PEER, PayloadShape.DISPUTE_ID,
                                AmountVariant.NONE)
                        .eff(OrderEffect.OPEN_DISPUTE)
                        .dispute(DisputeStatus.INITIATED))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);

        m.put(SystemEvent.BOND_PAYOUT_REQUEST_DUE, new Rows(keyName(SystemEvent.BOND_PAYOUT_REQUEST_DUE))
                .r(w(is(Cond.BOND_AWAITING_INVOICE)), stay()
                        .note(Who.BOND_WINNER, Action.ADD_BOND_INVOICE, PayloadShape.BOND_PAYOUT_REQUEST,
                                AmountVariant.BOND_SHARE))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);
        m.put(SystemEvent.BOND_PAYOUT_SUCCEEDED, new Rows(keyName(SystemEvent.BOND_PAYOUT_SUCCEEDED))
                .r(w(is(Cond.BOND_INVOICE_ACCEPTED)), stay()
                        .note(Who.BOND_WINNER, Action.BOND_PAYOUT_COMPLETED, PayloadShape.ORDER,
                                AmountVariant.BOND_SHARE)
                        .eff(OrderEffect.BOND_SHARE_PAID))
                .r(ignore(IgnoreReason.NOT_APPLICABLE))
                .rules);

        for (Map.Entry<Object, List<Rule>> e : m.entrySet()) {
            e.setValue(List.copyOf(e.getValue()));
        }
        RULES = Collections.unmodifiableMap(m);
    }

    // ---------------------------------------------------------------- shared row fragments

    /** §7.2 take-sell without invoice: the buyer must send one. */
    static GoB takenAwaitingInvoice(GoB g) {
        return g.note(Who.BUYER, Action.ADD_INVOICE, PayloadShape.ORDER, AmountVariant.BUYER_PAYOUT)
                .note(Who.SELLER, Action.WAITING_BUYER_INVOICE)
                .eff(OrderEffect.QUOTE_MARKET_PRICE, is(Cond.MARKET))
                .eff(OrderEffect.ASSIGN_TAKER);
    }

    /** §7.2 take-buy / take-sell with invoice: the seller must pay the hold invoice. */
    static GoB takenAwaitingPayment(GoB g, boolean storesInvoice) {
        g.note(Who.SELLER, Action.PAY_INVOICE, PayloadShape.HOLD_INVOICE_REQUEST, AmountVariant.HOLD_INVOICE_AMOUNT)
                .note(Who.BUYER, Action.WAITING_SELLER_TO_PAY)
                .ln(LightningEffect.CREATE_HOLD_INVOICE)
                .eff(OrderEffect.QUOTE_MARKET_PRICE, is(Cond.MARKET))
                .eff(OrderEffect.ASSIGN_TAKER);
        if (storesInvoice) {
            g.eff(OrderEffect.STORE_BUYER_INVOICE);
        }
        return g;
    }

    /** §14: the first taker bond accepted wins; the others are canceled. */
    static GoB bondWinner(GoB g) {
        return g.note(Who.OTHER_BONDED_TAKERS, Action.CANCELED, is(Cond.SEVERAL_TAKER_BONDS))
                .ln(LightningEffect.RELEASE_OTHER_TAKER_BONDS, is(Cond.SEVERAL_TAKER_BONDS))
                .eff(OrderEffect.LOCK_TAKER_BOND);
    }

    /** The trade became active: both parties learn it. */
    static GoB tradeActive(GoB g) {
        return g.note(Who.SELLER, Action.BUYER_TOOK_ORDER, PayloadShape.ORDER, AmountVariant.HOLD_INVOICE_AMOUNT)
                .note(Who.BUYER, Action.HOLD_INVOICE_PAYMENT_ACCEPTED, PayloadShape.ORDER, AmountVariant.BUYER_PAYOUT);
    }

    /** Release every locked bond (normal exits, §14). */
    static GoB releaseBonds(GoB g) {
        return g.ln(LightningEffect.RELEASE_MAKER_BOND, is(Cond.MAKER_BOND_LOCKED))
                .ln(LightningEffect.RELEASE_TAKER_BOND, is(Cond.TAKER_BOND_LOCKED));
    }

    /** §14 (b): a slashed late party's share is owed to the other party. */
    static GoB timeoutSlash(GoB g) {
        return g.eff(OrderEffect.OWE_BOND_SHARE_TO_BUYER, is(Cond.TIMEOUT_SLASH), is(Cond.SELLER_LATE))
                .eff(OrderEffect.OWE_BOND_SHARE_TO_SELLER, is(Cond.TIMEOUT_SLASH), not(Cond.SELLER_LATE));
    }

    /** §13/§14 (a): the solver's bond_resolution on admin-settle / admin-cancel. */
    static GoB bondResolution(GoB g) {
        return g.note(Who.BUYER, Action.BOND_SLASHED, PayloadShape.ORDER, AmountVariant.SLASHED_BOND,
                        is(Cond.SLASH_BUYER))
                .note(Who.SELLER, Action.BOND_SLASHED, PayloadShape.ORDER, AmountVariant.SLASHED_BOND,
                        is(Cond.SLASH_SELLER))
                .ln(LightningEffect.SLASH_MAKER_BOND, is(Cond.SLASH_MAKER))
                .ln(LightningEffect.SLASH_TAKER_BOND, is(Cond.SLASH_TAKER))
                .ln(LightningEffect.RELEASE_MAKER_BOND, is(Cond.MAKER_BOND_LOCKED), not(Cond.SLASH_MAKER))
                .ln(LightningEffect.RELEASE_TAKER_BOND, is(Cond.TAKER_BOND_LOCKED), not(Cond.SLASH_TAKER))
                .eff(OrderEffect.OWE_BOND_SHARE_TO_SELLER, is(Cond.SLASH_BUYER), not(Cond.SLASH_SELLER))
                .eff(OrderEffect.OWE_BOND_SHARE_TO_BUYER, is(Cond.SLASH_SELLER), not(Cond.SLASH_BUYER));
    }

    /** §13: admin-settle / admin-cancel authorization, in the daemon's order. */
    static Rows adminAuth(Rows rows) {
        return rows
                .r(w(not(Cond.SENDER_ASSIGNEE), is(Cond.ASSIGNEE_ADMIN)), refuse(CantDoReason.DISPUTE_TAKEN_BY_ADMIN))
                .r(w(not(Cond.SENDER_ASSIGNEE)), refuse(CantDoReason.IS_NOT_YOUR_DISPUTE))
                .r(w(is(Cond.ASSIGNEE_READ_ONLY)), refuse(CantDoReason.NOT_AUTHORIZED));
    }
}
