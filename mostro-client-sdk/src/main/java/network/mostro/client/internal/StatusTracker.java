package network.mostro.client.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.state.OrderState;
import network.mostro.protocol.state.OrderStateMachine;
import network.mostro.protocol.state.Party;
import network.mostro.protocol.state.PayloadShape;
import network.mostro.protocol.state.Recipient;
import network.mostro.protocol.state.RequestFacts;
import network.mostro.protocol.state.Role;
import network.mostro.protocol.state.SystemEvent;
import network.mostro.protocol.state.Transition;
import network.mostro.protocol.state.Trigger;

/**
 * Follows one order's status from the messages Mostro sends to this user, using only the protocol's
 * {@link OrderStateMachine}: each message is explained by the first trigger (this user's pending request, a Lightning
 * or scheduler event, the counterparty's or a solver's action) whose allowed transition sends exactly that
 * notification to this user's party; the remaining notifications of that transition are then expected and consumed
 * without a new transition. A message no single trigger explains may follow a system event Mostro tells this user
 * nothing about (the payout retry after {@code payment-failed}): such a silent event, applied first, is then part of
 * the explanation. A message nothing explains changes nothing, unless it carries an order snapshot with a
 * daemon status, which then re-synchronises the status. Not thread-safe (the engine serialises access).
 */
public final class StatusTracker {
    private static final OrderStateMachine SM = OrderStateMachine.standard();
    private static final List<Action> USER_ACTIONS = List.of(Action.TAKE_SELL, Action.TAKE_BUY, Action.ADD_INVOICE,
            Action.FIAT_SENT, Action.RELEASE, Action.CANCEL, Action.DISPUTE, Action.RATE_USER, Action.TRADE_PUBKEY,
            Action.ADD_BOND_INVOICE);
    private static final List<RequestFacts> FACTS = List.of(RequestFacts.DEFAULT,
            RequestFacts.DEFAULT.withInvoice(true), RequestFacts.DEFAULT.withNextTradeGiven(true));
    private static final List<Role> ADMIN_ROLES = List.of(Role.SOLVER_READ_WRITE, Role.ASSIGNED_SOLVER_READ_WRITE,
            Role.NODE_ADMIN, Role.SOLVER_READ, Role.ASSIGNED_SOLVER_READ);

    private final Party me;
    private final boolean maker;
    private OrderState state;
    private final Deque<Expected> expected = new ArrayDeque<>();

    private record Expected(Action action, PayloadShape shape) {}

    /**
     * @param state the order as currently known
     * @param me this user's party
     * @param maker whether this user made the order
     */
    public StatusTracker(OrderState state, Party me, boolean maker) {
        this.state = state;
        this.me = me;
        this.maker = maker;
    }

    /** The tracked order. */
    public OrderState state() {
        return state;
    }

    /** Replaces the tracked order (restore, resync) and forgets expected notifications. */
    public void reset(OrderState s) {
        state = s;
        expected.clear();
    }

    /** The role this user has in a request it sends now. */
    public Role myRole() {
        return maker || state.context().takerAssigned() ? (me == Party.BUYER ? Role.BUYER : Role.SELLER)
                : Role.OTHER_USER;
    }

    /** What the state machine predicts for {@code action} sent by this user now. */
    public Transition predict(Action action, RequestFacts facts) {
        try {
            return SM.apply(state, new Trigger.User(action, myRole(), facts));
        } catch (NostrException e) {
            return new Transition.Ignored("client.role-absent", network.mostro.protocol.state.IgnoreReason.NOT_ROUTED);
        }
    }

    /**
     * Explains {@code m} and updates the status.
     *
     * @param m a message Mostro sent to this user about the order
     * @param myRequest the action of this user's request {@code m} answers, or null
     * @return the transition applied, if a new one was
     */
    public Optional<Transition.Allowed> onMessage(Message m, Action myRequest) {
        PayloadShape shape = shapeOf(m);
        for (java.util.Iterator<Expected> it = expected.iterator(); it.hasNext();) {
            Expected e = it.next();
            if (e.action() == m.action() && compatible(e.shape(), shape)) {
                // consume it and everything before it (those notifications were not sent, or got lost)
                while (expected.peekFirst() != e) {
                    expected.pollFirst();
                }
                expected.pollFirst();
                return Optional.empty();
            }
        }
        OrderStatus hinted = statusHint(m);
        Optional<Transition.Allowed> direct = explain(state, m, shape, hinted, myRequest);
        if (direct.isPresent()) {
            return direct;
        }
        // Mostro never tells this user about some transitions (a scheduler retrying the buyer's payout after a
        // failure, PAYOUT_RETRY_DUE). A message one trigger cannot explain may follow one such silent event: try
        // each system event that is allowed now, keeps the status and notifies this user of nothing, then explain
        // the message from the state it leaves.
        for (SystemEvent e : SystemEvent.values()) {
            Transition tr;
            try {
                tr = SM.apply(state, new Trigger.Event(e, RequestFacts.DEFAULT));
            } catch (NostrException ex) {
                continue;
            }
            if (!(tr instanceof Transition.Allowed silent) || silent.nextStatus() != state.status()
                    || silent.next().equals(state) || notifiesMe(silent, null)) {
                continue;
            }
            Optional<Transition.Allowed> chained = explain(silent.next(), m, shape, hinted, myRequest);
            if (chained.isPresent()) {
                return chained;
            }
        }
        if (hinted != null && rank(hinted) > rank(state.status())) {
            // unexplained: trust Mostro's snapshot and rebuild the facts that status implies
            state = restoredState(state.kind(), hinted, StatusTracker.orderOf(m.payload()), state.context());
            expected.clear();
        }
        return Optional.empty();
    }

    /**
     * Explains {@code m} with one trigger applied to {@code from}; on success the tracked state becomes the
     * transition's next state and its later notifications to this user are expected.
     */
    private Optional<Transition.Allowed> explain(OrderState from, Message m, PayloadShape shape, OrderStatus hinted,
            Action myRequest) {
        for (Trigger t : candidates(myRequest)) {
            Transition tr;
            try {
                tr = SM.apply(from, t);
            } catch (NostrException e) {
                continue;
            }
            if (!(tr instanceof Transition.Allowed a)) {
                continue;
            }
            List<Expected> mine = new ArrayList<>();
            for (var n : a.notifications()) {
                if (n.to() == myRecipient() || (n.to() == Recipient.SENDER && isMine(t))) {
                    mine.add(new Expected(n.action(), n.payload()));
                }
            }
            int idx = -1;
            for (int i = 0; i < mine.size(); i++) {
                if (mine.get(i).action() == m.action() && compatible(mine.get(i).shape(), shape)) {
                    idx = i;
                    break;
                }
            }
            if (idx < 0) {
                continue;
            }
            if (hinted != null && hinted != a.nextStatus()) {
                continue;
            }
            state = a.next();
            expected.clear();
            expected.addAll(mine.subList(idx + 1, mine.size()));
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** Whether transition {@code a}, caused by {@code t} (null: not a request), sends this user a notification. */
    private boolean notifiesMe(Transition.Allowed a, Trigger t) {
        for (var n : a.notifications()) {
            if (n.to() == myRecipient() || (n.to() == Recipient.SENDER && t != null && isMine(t))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether Mostro may still send this user a message about the order: a notification of the last transition is
     * still to come, this user may still rate its counterparty (Mostro answers {@code rate-received}), or a trigger
     * this user does not send (a Lightning or scheduler event, the counterparty, a solver) is allowed now and
     * notifies this user's party. Decided by the state machine alone.
     */
    public boolean awaitsMessages() {
        if (!expected.isEmpty()) {
            return true;
        }
        if (predict(Action.RATE_USER, RequestFacts.DEFAULT) instanceof Transition.Allowed) {
            return true;
        }
        Role mine = myRole();
        for (Trigger t : candidates(null)) {
            if (t instanceof Trigger.User u && u.role() == mine) {
                continue;
            }
            Transition tr;
            try {
                tr = SM.apply(state, t);
            } catch (NostrException e) {
                continue;
            }
            if (tr instanceof Transition.Allowed a && notifiesMe(a, null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How far along a trade a status is. An unexplained snapshot only ever moves the status forward, so a relay
     * replaying old notifications (after a restore) cannot wind a trade back.
     */
    static int rank(OrderStatus s) {
        return switch (s) {
            case PENDING, WAITING_MAKER_BOND, WAITING_TAKER_BOND, IN_PROGRESS -> 0;
            case WAITING_BUYER_INVOICE, WAITING_PAYMENT -> 1;
            case ACTIVE -> 2;
            case FIAT_SENT -> 3;
            case DISPUTE -> 4;
            case SETTLED_HOLD_INVOICE -> 5;
            default -> 6;
        };
    }

    private boolean isMine(Trigger t) {
        return t instanceof Trigger.User u && (u.role() == myRole() || u.role() == Role.OTHER_USER);
    }

    private Recipient myRecipient() {
        return me == Party.BUYER ? Recipient.BUYER : Recipient.SELLER;
    }

    private List<Trigger> candidates(Action myRequest) {
        List<Trigger> out = new ArrayList<>();
        Role mine = myRole();
        if (myRequest != null) {
            for (RequestFacts f : FACTS) {
                out.add(new Trigger.User(myRequest, mine, f));
            }
        }
        for (SystemEvent e : SystemEvent.values()) {
            out.add(new Trigger.Event(e, RequestFacts.DEFAULT));
            if (e == SystemEvent.TAKER_BOND_ACCEPTED) {
                out.add(new Trigger.Event(e, RequestFacts.DEFAULT.withInvoice(true)));
            }
        }
        Party peer = me.other();
        Role peerRole = peer == Party.BUYER ? Role.BUYER : Role.SELLER;
        for (Action a : USER_ACTIONS) {
            Role r = (a == Action.TAKE_SELL || a == Action.TAKE_BUY) ? Role.OTHER_USER : peerRole;
            for (RequestFacts f : FACTS) {
                out.add(new Trigger.User(a, r, f));
            }
        }
        for (Action a : List.of(Action.ADMIN_TAKE_DISPUTE, Action.ADMIN_SETTLE, Action.ADMIN_CANCEL)) {
            for (Role r : ADMIN_ROLES) {
                out.add(new Trigger.User(a, r, RequestFacts.DEFAULT));
            }
        }
        for (Action a : USER_ACTIONS) {
            for (RequestFacts f : FACTS) {
                out.add(new Trigger.User(a, mine, f));
            }
        }
        return out;
    }

    private static boolean compatible(PayloadShape expected, PayloadShape actual) {
        return expected == actual || expected == PayloadShape.NONE || actual == PayloadShape.NONE;
    }

    /** The daemon status a message's order snapshot carries, when it is a stored status. */
    static OrderStatus statusHint(Message m) {
        SmallOrder o = orderOf(m.payload());
        if (o == null || o.status() == null || o.status() == OrderStatus.IN_PROGRESS) {
            return null;
        }
        if (m.action() == Action.PAY_BOND_INVOICE || m.action().wireName().startsWith("bond-")
                || m.action() == Action.ADD_BOND_INVOICE) {
            return null;
        }
        return o.status();
    }

    static SmallOrder orderOf(Payload p) {
        if (p instanceof Payload.Order o) {
            return o.order();
        }
        if (p instanceof Payload.PaymentRequest pr) {
            return pr.order();
        }
        return null;
    }

    /** The payload shape of a received message, in the state machine's terms. */
    public static PayloadShape shapeOf(Message m) {
        Payload p = m.payload();
        if (p == null) {
            return PayloadShape.NONE;
        }
        if (p instanceof Payload.Order) {
            return PayloadShape.ORDER;
        }
        if (p instanceof Payload.PaymentRequest) {
            return m.action() == Action.PAY_BOND_INVOICE ? PayloadShape.BOND_INVOICE_REQUEST
                    : PayloadShape.HOLD_INVOICE_REQUEST;
        }
        if (p instanceof Payload.Peer peer) {
            return peer.pubkey().isEmpty() ? PayloadShape.REPUTATION_NOTICE : PayloadShape.PEER;
        }
        if (p instanceof Payload.Dispute d) {
            return d.solverInfo() == null ? PayloadShape.DISPUTE_ID : PayloadShape.SOLVER_DISPUTE_INFO;
        }
        if (p instanceof Payload.RatingUser) {
            return PayloadShape.RATING;
        }
        if (p instanceof Payload.PaymentFailed) {
            return PayloadShape.PAYMENT_FAILED;
        }
        if (p instanceof Payload.BondPayoutRequest) {
            return PayloadShape.BOND_PAYOUT_REQUEST;
        }
        return PayloadShape.NONE;
    }

    /** The context a restored order most likely has, from its kind and status (SPEC §8). */
    public static OrderState restoredState(OrderKind kind, OrderStatus status, SmallOrder order,
            network.mostro.protocol.state.TradeContext base) {
        var b = base.toBuilder();
        boolean taken = switch (status) {
            case PENDING, WAITING_MAKER_BOND, WAITING_TAKER_BOND, EXPIRED -> false;
            default -> true;
        };
        b.takerAssigned(taken);
        switch (status) {
            case WAITING_PAYMENT -> b.holdInvoice(network.mostro.protocol.state.HoldInvoiceState.CREATED);
            case WAITING_BUYER_INVOICE -> b.holdInvoice(kind == OrderKind.BUY
                    ? network.mostro.protocol.state.HoldInvoiceState.ACCEPTED
                    : network.mostro.protocol.state.HoldInvoiceState.NONE);
            case ACTIVE, FIAT_SENT, DISPUTE -> {
                b.holdInvoice(network.mostro.protocol.state.HoldInvoiceState.ACCEPTED).buyerInvoiceKnown(true);
            }
            case SETTLED_HOLD_INVOICE, SUCCESS -> b.holdInvoice(network.mostro.protocol.state.HoldInvoiceState.SETTLED)
                    .buyerInvoiceKnown(true);
            default -> { }
        }
        if (status == OrderStatus.DISPUTE) {
            b.dispute(network.mostro.protocol.DisputeStatus.INITIATED);
        }
        if (order != null) {
            b.range(order.isRange());
        }
        OrderStatus stored = status == OrderStatus.IN_PROGRESS ? OrderStatus.ACTIVE : status;
        return new OrderState(kind, stored, b.build());
    }
}
