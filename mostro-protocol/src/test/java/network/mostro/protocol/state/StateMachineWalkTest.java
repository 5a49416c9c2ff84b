package network.mostro.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import network.mostro.protocol.Action;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random walks over the state machine, checking invariants at every step:
 * <ul>
 *   <li>no transition out of a terminal status (an accepted trigger there keeps the status);</li>
 *   <li>refusals and silences change nothing and are deterministic;</li>
 *   <li>the buyer is never paid ({@code PAY_BUYER}) unless the escrow was settled earlier on the path, the escrow is
 *       settled at most once and only while held;</li>
 *   <li>every status on the path is terminal or waits on a named party ({@link OrderStateMachine#waitingOn}), and
 *       from every non-terminal state some trigger makes progress;</li>
 *   <li>published {@code s} matches {@link PublishedBucket#forTransition}; notifications only go to parties that
 *       exist; the context stays consistent with the status.</li>
 * </ul>
 */
class StateMachineWalkTest {
    static final OrderStateMachine SM = OrderStateMachine.standard();
    static final int STEPS_PER_SEED = 4000;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    static final List<Action> FOCUS = List.of(Action.TAKE_SELL, Action.TAKE_BUY, Action.ADD_INVOICE, Action.FIAT_SENT,
            Action.RELEASE, Action.CANCEL, Action.DISPUTE, Action.ADMIN_TAKE_DISPUTE, Action.ADMIN_SETTLE,
            Action.ADMIN_CANCEL, Action.RATE_USER, Action.ADD_BOND_INVOICE, Action.TRADE_PUBKEY);

    static RequestFacts randomFacts(Random r) {
        return new RequestFacts(r.nextBoolean(), r.nextInt(10) > 0, r.nextInt(10) > 0, r.nextInt(10) > 0,
                r.nextInt(15) == 0, r.nextInt(15) == 0, r.nextBoolean(), r.nextInt(8) > 0, r.nextInt(10) == 0,
                r.nextInt(6) == 0, r.nextInt(6) == 0);
    }

    static TradeContext randomStart(Random r) {
        boolean range = r.nextBoolean();
        return TradeContext.builder()
                .bondPolicy(BondPolicy.values()[r.nextInt(BondPolicy.values().length)])
                .slashOnWaitingTimeout(r.nextBoolean())
                .range(range).market(range || r.nextBoolean()).rangeRemainder(range && r.nextBoolean())
                .buyerInvoiceKnown(false)
                .build();
    }

    static Trigger randomTrigger(Random r, OrderState s) {
        if (r.nextInt(3) == 0) {
            return new Trigger.Event(SystemEvent.values()[r.nextInt(SystemEvent.values().length)], randomFacts(r));
        }
        Action a = r.nextInt(4) == 0 ? Action.values()[r.nextInt(Action.values().length)]
                : FOCUS.get(r.nextInt(FOCUS.size()));
        List<Role> present = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role.isPresentIn(s)) {
                present.add(role);
            }
        }
        return new Trigger.User(a, present.get(r.nextInt(present.size())), randomFacts(r));
    }

    static List<Trigger> allTriggers(OrderState st) {
        List<Trigger> all = new ArrayList<>();
        for (RequestFacts f : List.of(RequestFacts.DEFAULT, RequestFacts.DEFAULT.withInvoice(true))) {
            for (SystemEvent e : SystemEvent.values()) {
                all.add(new Trigger.Event(e, f));
            }
            for (Action a : Action.values()) {
                for (Role role : Role.values()) {
                    if (role.isPresentIn(st)) {
                        all.add(new Trigger.User(a, role, f));
                    }
                }
            }
        }
        return all;
    }

    /**
     * Whether the status can change within a few accepted steps (any action by any present role with simple facts,
     * or any event), following only accepted triggers that keep the status (a solver taking a dispute, the first
     * cooperative cancel, a new payout invoice…).
     */
    static boolean canProgress(OrderState start, Map<OrderState, Boolean> memo) {
        return memo.computeIfAbsent(start, s0 -> {
            List<OrderState> frontier = List.of(s0);
            Set<OrderState> seen = new java.util.HashSet<>(frontier);
            for (int depth = 0; depth < 4 && !frontier.isEmpty(); depth++) {
                List<OrderState> next = new ArrayList<>();
                for (OrderState st : frontier) {
                    for (Trigger t : allTriggers(st)) {
                        if (SM.apply(st, t) instanceof Transition.Allowed a) {
                            if (a.nextStatus() != st.status()) {
                                return true;
                            }
                            if (seen.add(a.next())) {
                                next.add(a.next());
                            }
                        }
                    }
                }
                frontier = next;
            }
            return false;
        });
    }

    static final Set<OrderStatus> HELD_STATUSES = EnumSet.of(OrderStatus.ACTIVE, OrderStatus.FIAT_SENT);

    @ParameterizedTest
    @MethodSource("seeds")
    void invariantsHoldOnRandomWalks(long seed) {
        Set<OrderStatus> visited = walk(seed);
        assertThat(visited).as("seed %d reaches the main statuses", seed)
                .contains(OrderStatus.PENDING, OrderStatus.ACTIVE, OrderStatus.CANCELED);
    }

    /** Together, a few walks reach every status the daemon assigns. */
    @org.junit.jupiter.api.Test
    void walksReachEveryAssignedStatus() {
        Set<OrderStatus> visited = EnumSet.noneOf(OrderStatus.class);
        for (long seed = 101; seed <= 104; seed++) {
            visited.addAll(walk(seed));
        }
        Set<OrderStatus> expected = EnumSet.allOf(OrderStatus.class);
        expected.removeAll(EnumSet.of(OrderStatus.SETTLED_BY_ADMIN, OrderStatus.COMPLETED_BY_ADMIN,
                OrderStatus.IN_PROGRESS));
        assertThat(visited).containsAll(expected);
    }

    static Set<OrderStatus> walk(long seed) {
        Random r = new Random(seed);
        Map<OrderState, Boolean> memo = new HashMap<>();
        Map<OrderState, List<Trigger>> accepted = new HashMap<>();
        int steps = 0;
        int paths = 0;
        int allowed = 0;
        Set<OrderStatus> visited = EnumSet.noneOf(OrderStatus.class);
        while (steps < STEPS_PER_SEED) {
            paths++;
            OrderKind kind = r.nextBoolean() ? OrderKind.SELL : OrderKind.BUY;
            Transition.Allowed created = SM.create(kind, randomStart(r));
            OrderState s = created.next();
            boolean settled = false;
            int settles = 0;
            int afterTerminal = 0;
            for (int i = 0; i < 300 && afterTerminal < 6; i++, steps++) {
                visited.add(s.status());
                boolean terminal = OrderStateMachine.isTerminal(s.status());
                WaitingOn waiting = OrderStateMachine.waitingOn(s.status(), kind);
                assertThat(terminal || waiting != WaitingOn.NONE)
                        .as("seed %d: %s is neither terminal nor waiting on anyone", seed, s).isTrue();
                assertThat(terminal == (waiting == WaitingOn.NONE)).isTrue();
                if (!terminal) {
                    assertThat(canProgress(s, memo)).as("seed %d: stuck in %s", seed, s).isTrue();
                }
                if (HELD_STATUSES.contains(s.status())) {
                    assertThat(s.context().holdInvoice())
                            .isIn(HoldInvoiceState.ACCEPTED, HoldInvoiceState.CANCELED);
                }
                if (s.status() == OrderStatus.SETTLED_HOLD_INVOICE || s.status() == OrderStatus.SUCCESS) {
                    assertThat(settled).as("seed %d: %s without a settled escrow", seed, s.status()).isTrue();
                }
                if (terminal) {
                    afterTerminal++;
                }

                Trigger t;
                if (r.nextBoolean()) {
                    List<Trigger> options = accepted.computeIfAbsent(s, st -> allTriggers(st).stream()
                            .filter(x -> SM.apply(st, x) instanceof Transition.Allowed).toList());
                    t = options.isEmpty() ? randomTrigger(r, s) : options.get(r.nextInt(options.size()));
                } else {
                    t = randomTrigger(r, s);
                }
                Transition tr = SM.apply(s, t);
                assertThat(SM.apply(s, t)).as("deterministic").isEqualTo(tr);
                if (!(tr instanceof Transition.Allowed a)) {
                    continue; // refusals and silences carry no state: the walk stays where it is
                }
                allowed++;
                if (terminal) {
                    assertThat(a.nextStatus()).as("seed %d: left terminal %s via %s", seed, s.status(), t)
                            .isEqualTo(s.status());
                }
                for (LightningEffect e : a.lightning()) {
                    if (e == LightningEffect.SETTLE_HOLD_INVOICE) {
                        assertThat(s.context().holdInvoice()).isEqualTo(HoldInvoiceState.ACCEPTED);
                        settled = true;
                        settles++;
                    }
                    if (e == LightningEffect.PAY_BUYER) {
                        assertThat(settled).as("seed %d: buyer paid before settle via %s in %s", seed, t, s).isTrue();
                    }
                }
                assertThat(settles).isLessThanOrEqualTo(1);
                boolean republish = a.rule().equals("cancel.4");
                assertThat(a.published()).isEqualTo(
                        PublishedBucket.forTransition(kind, s.status(), a.nextStatus(), republish));
                for (Notification n : a.notifications()) {
                    if (n.to() == Recipient.BUYER || n.to() == Recipient.SELLER) {
                        Role role = n.to() == Recipient.BUYER ? Role.BUYER : Role.SELLER;
                        assertThat(role.isPresentIn(s) || role.isPresentIn(a.next()))
                                .as("seed %d: %s notified but absent in %s", seed, n, s).isTrue();
                    }
                }
                assertThat(a.next().kind()).isEqualTo(kind);
                assertThat(a.next().context().takerBonds()).isGreaterThanOrEqualTo(0);
                s = a.next();
            }
            assertThat(OrderStateMachine.isTerminal(s.status())
                    || OrderStateMachine.waitingOn(s.status(), kind) != WaitingOn.NONE).isTrue();
        }
        assertThat(paths).isGreaterThan(5);
        assertThat(allowed).isGreaterThan(STEPS_PER_SEED / 10);
        System.out.printf("walk seed %d: %d steps, %d paths, %d accepted, statuses visited %s%n", seed, steps, paths,
                allowed, visited);
        return visited;
    }
}
