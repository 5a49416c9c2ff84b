package network.mostro.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import org.junit.jupiter.api.Test;

/** §14 bonds, §13 solver permissions, and the order in which §7.2 preconditions are checked. */
class BondsAndDisputesTest {
    static final OrderStateMachine SM = OrderStateMachine.standard();

    static Transition.Allowed ok(OrderState s, Trigger t) {
        Transition tr = SM.apply(s, t);
        assertThat(tr).as("%s on %s", t, s).isInstanceOf(Transition.Allowed.class);
        return (Transition.Allowed) tr;
    }

    static CantDoReason refused(OrderState s, Trigger t) {
        Transition tr = SM.apply(s, t);
        assertThat(tr).as("%s on %s", t, s).isInstanceOf(Transition.Refused.class);
        return ((Transition.Refused) tr).reason();
    }

    @Test
    void makerBondGatesPublication() {
        Transition.Allowed created = SM.create(OrderKind.BUY, TradeContext.initial(BondPolicy.MAKE));
        assertThat(created.nextStatus()).isEqualTo(OrderStatus.WAITING_MAKER_BOND);
        assertThat(created.published()).isEmpty();
        assertThat(created.notifications()).containsExactly(new Notification(Recipient.BUYER,
                Action.PAY_BOND_INVOICE, PayloadShape.BOND_INVOICE_REQUEST, AmountVariant.BOND_AMOUNT));
        assertThat(SM.apply(created.next(), Trigger.user(Action.TAKE_BUY, Role.OTHER_USER)))
                .isEqualTo(new Transition.Refused("take-buy.3", CantDoReason.INVALID_ORDER_STATUS));
        Transition.Allowed expired = ok(created.next(), Trigger.event(SystemEvent.PENDING_EXPIRED));
        assertThat(expired.published()).isEmpty();
        assertThat(expired.notifications()).isEmpty();
        Transition.Allowed paid = ok(created.next(), Trigger.event(SystemEvent.MAKER_BOND_ACCEPTED));
        assertThat(paid.nextStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(paid.published()).contains(OrderStatus.PENDING);
        assertThat(paid.next().context().makerBondLocked()).isTrue();
        Transition.Allowed cancel = ok(paid.next(), Trigger.user(Action.CANCEL, Role.BUYER));
        assertThat(cancel.lightning()).containsExactly(LightningEffect.RELEASE_MAKER_BOND);
    }

    @Test
    void takerBondRaceFirstAcceptedWins() {
        OrderState pending = SM.create(OrderKind.SELL, TradeContext.initial(BondPolicy.TAKE)).next();
        Transition.Allowed first = ok(pending, Trigger.user(Action.TAKE_SELL, Role.OTHER_USER));
        assertThat(first.nextStatus()).isEqualTo(OrderStatus.WAITING_TAKER_BOND);
        assertThat(first.published()).isEmpty();
        assertThat(first.lightning()).containsExactly(LightningEffect.CREATE_TAKER_BOND_INVOICE);
        Transition.Allowed again = ok(first.next(), Trigger.user(Action.TAKE_SELL, Role.BONDED_TAKER));
        assertThat(again.next()).isEqualTo(first.next());
        assertThat(again.notifications()).extracting(Notification::action).containsExactly(Action.PAY_BOND_INVOICE);
        Transition.Allowed second = ok(first.next(), Trigger.user(Action.TAKE_SELL, Role.OTHER_USER));
        assertThat(second.next().context().takerBonds()).isEqualTo(2);
        Transition.Allowed won = ok(second.next(), new Trigger.Event(SystemEvent.TAKER_BOND_ACCEPTED,
                RequestFacts.DEFAULT.withInvoice(true)));
        assertThat(won.nextStatus()).isEqualTo(OrderStatus.WAITING_PAYMENT);
        assertThat(won.notifications()).extracting(Notification::to, Notification::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Recipient.OTHER_BONDED_TAKERS, Action.CANCELED),
                org.assertj.core.groups.Tuple.tuple(Recipient.SELLER, Action.PAY_INVOICE),
                org.assertj.core.groups.Tuple.tuple(Recipient.BUYER, Action.WAITING_SELLER_TO_PAY));
        assertThat(won.lightning()).containsExactly(LightningEffect.RELEASE_OTHER_TAKER_BONDS,
                LightningEffect.CREATE_HOLD_INVOICE);
        assertThat(won.next().context().takerBondLocked()).isTrue();
        assertThat(won.next().context().takerBonds()).isZero();
        // release returns the locked taker bond
        OrderState active = ok(won.next(), Trigger.event(SystemEvent.HOLD_INVOICE_ACCEPTED)).next();
        OrderState fiat = ok(active, Trigger.user(Action.FIAT_SENT, Role.BUYER)).next();
        assertThat(ok(fiat, Trigger.user(Action.RELEASE, Role.SELLER)).lightning()).containsExactly(
                LightningEffect.SETTLE_HOLD_INVOICE, LightningEffect.RELEASE_TAKER_BOND, LightningEffect.PAY_BUYER);
    }

    @Test
    void bondedTakerWithdrawal() {
        OrderState pending = SM.create(OrderKind.BUY, TradeContext.initial(BondPolicy.TAKE)).next();
        OrderState one = ok(pending, Trigger.user(Action.TAKE_BUY, Role.OTHER_USER)).next();
        OrderState two = ok(one, Trigger.user(Action.TAKE_BUY, Role.OTHER_USER)).next();
        Transition.Allowed leaveOne = ok(two, Trigger.user(Action.CANCEL, Role.BONDED_TAKER));
        assertThat(leaveOne.next()).isEqualTo(one);
        assertThat(leaveOne.notifications()).containsExactly(Notification.of(Recipient.SENDER, Action.CANCELED,
                PayloadShape.NONE));
        Transition.Allowed leaveLast = ok(one, Trigger.user(Action.CANCEL, Role.BONDED_TAKER));
        assertThat(leaveLast.nextStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(leaveLast.published()).contains(OrderStatus.PENDING);
        assertThat(leaveLast.notifications()).extracting(Notification::action)
                .containsExactly(Action.CANCELED, Action.NEW_ORDER);
        assertThat(refused(two, Trigger.user(Action.CANCEL, Role.OTHER_USER))).isEqualTo(CantDoReason.IS_NOT_YOUR_ORDER);
        Transition.Allowed makerCancel = ok(two, Trigger.user(Action.CANCEL, Role.BUYER));
        assertThat(makerCancel.notifications()).extracting(Notification::to)
                .containsExactly(Recipient.BUYER, Recipient.ALL_BONDED_TAKERS);
        assertThat(makerCancel.lightning()).containsExactly(LightningEffect.RELEASE_ALL_TAKER_BONDS);
    }

    @Test
    void waitingTimeoutSlashesTheLatePartyAndPaysTheShare() {
        TradeContext c = TradeContext.builder().bondPolicy(BondPolicy.BOTH).slashOnWaitingTimeout(true).build();
        OrderState pending = ok(SM.create(OrderKind.BUY, c).next(), Trigger.event(SystemEvent.MAKER_BOND_ACCEPTED))
                .next();
        OrderState wtb = ok(pending, Trigger.user(Action.TAKE_BUY, Role.OTHER_USER)).next();
        OrderState wp = ok(wtb, Trigger.event(SystemEvent.TAKER_BOND_ACCEPTED)).next();
        // the seller (taker) never pays: taker at fault, slashed, order back to pending, share owed to the buyer
        Transition.Allowed t = ok(wp, Trigger.event(SystemEvent.WAITING_TIMEOUT));
        assertThat(t.nextStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(t.notifications()).containsExactly(
                Notification.of(Recipient.SELLER, Action.CANCELED, PayloadShape.NONE),
                new Notification(Recipient.BUYER, Action.NEW_ORDER, PayloadShape.ORDER, AmountVariant.ORDER_AMOUNT),
                new Notification(Recipient.SELLER, Action.BOND_SLASHED, PayloadShape.ORDER,
                        AmountVariant.SLASHED_BOND));
        assertThat(t.lightning()).containsExactly(LightningEffect.CANCEL_HOLD_INVOICE, LightningEffect.SLASH_TAKER_BOND);
        assertThat(t.next().context().makerBondLocked()).isTrue();
        assertThat(t.next().context().bondPayoutTo()).contains(Party.BUYER);
        OrderState owed = t.next();
        Transition.Allowed ask = ok(owed, Trigger.event(SystemEvent.BOND_PAYOUT_REQUEST_DUE));
        assertThat(ask.notifications()).containsExactly(new Notification(Recipient.BUYER, Action.ADD_BOND_INVOICE,
                PayloadShape.BOND_PAYOUT_REQUEST, AmountVariant.BOND_SHARE));
        assertThat(refused(owed, new Trigger.User(Action.ADD_BOND_INVOICE, Role.BUYER,
                RequestFacts.DEFAULT.withInvoiceValid(false)))).isEqualTo(CantDoReason.INVALID_INVOICE);
        Transition.Allowed claim = ok(owed, Trigger.user(Action.ADD_BOND_INVOICE, Role.BUYER));
        assertThat(claim.lightning()).containsExactly(LightningEffect.PAY_BOND_SHARE);
        assertThat(refused(claim.next(), Trigger.user(Action.ADD_BOND_INVOICE, Role.BUYER)))
                .isEqualTo(CantDoReason.NOT_ALLOWED_BY_STATUS);
        assertThat(ok(claim.next(), Trigger.event(SystemEvent.BOND_PAYOUT_SUCCEEDED)).notifications())
                .extracting(Notification::action).containsExactly(Action.BOND_PAYOUT_COMPLETED);
    }

    @Test
    void timeoutWithoutSlashReleases() {
        TradeContext c = TradeContext.builder().bondPolicy(BondPolicy.TAKE).build();
        OrderState wtb = ok(SM.create(OrderKind.SELL, c).next(), Trigger.user(Action.TAKE_SELL, Role.OTHER_USER))
                .next();
        OrderState wbi = ok(wtb, Trigger.event(SystemEvent.TAKER_BOND_ACCEPTED)).next();
        Transition.Allowed t = ok(wbi, Trigger.event(SystemEvent.WAITING_TIMEOUT));
        assertThat(t.lightning()).containsExactly(LightningEffect.RELEASE_TAKER_BOND);
        assertThat(t.notifications()).extracting(Notification::action).containsExactly(Action.CANCELED,
                Action.NEW_ORDER);
    }

    OrderState dispute(DisputeAssignee assignee, BondPolicy policy) {
        TradeContext.Builder b = TradeContext.builder().bondPolicy(policy).takerAssigned(true)
                .buyerInvoiceKnown(true).holdInvoice(HoldInvoiceState.ACCEPTED)
                .makerBondLocked(policy.makerBond()).takerBondLocked(policy.takerBond())
                .dispute(assignee == DisputeAssignee.NONE ? DisputeStatus.INITIATED : DisputeStatus.IN_PROGRESS)
                .disputeAssignee(assignee);
        return new OrderState(OrderKind.SELL, OrderStatus.DISPUTE, b.build());
    }

    @Test
    void solverPermissions() {
        OrderState initiated = dispute(DisputeAssignee.NONE, BondPolicy.NONE);
        for (Role r : List.of(Role.SOLVER_READ, Role.SOLVER_READ_WRITE, Role.NODE_ADMIN)) {
            assertThat(ok(initiated, Trigger.user(Action.ADMIN_TAKE_DISPUTE, r)).disputeChange())
                    .contains(DisputeStatus.IN_PROGRESS);
        }
        assertThat(refused(initiated, Trigger.user(Action.ADMIN_TAKE_DISPUTE, Role.BUYER)))
                .isEqualTo(CantDoReason.INVALID_PUBKEY);
        assertThat(refused(initiated, Trigger.user(Action.ADMIN_SETTLE, Role.NODE_ADMIN)))
                .as("the node key must take the dispute first").isEqualTo(CantDoReason.IS_NOT_YOUR_DISPUTE);

        OrderState readOnly = dispute(DisputeAssignee.READ_SOLVER, BondPolicy.NONE);
        assertThat(refused(readOnly, Trigger.user(Action.ADMIN_SETTLE, Role.ASSIGNED_SOLVER_READ)))
                .isEqualTo(CantDoReason.NOT_AUTHORIZED);
        assertThat(refused(readOnly, Trigger.user(Action.ADMIN_TAKE_DISPUTE, Role.SOLVER_READ)))
                .isEqualTo(CantDoReason.INVALID_PUBKEY);
        OrderState takenOver = ok(readOnly, Trigger.user(Action.ADMIN_TAKE_DISPUTE, Role.SOLVER_READ_WRITE)).next();
        assertThat(takenOver.context().disputeAssignee()).isEqualTo(DisputeAssignee.READ_WRITE_SOLVER);
        assertThat(ok(takenOver, Trigger.user(Action.ADMIN_CANCEL, Role.ASSIGNED_SOLVER_READ_WRITE)).nextStatus())
                .isEqualTo(OrderStatus.CANCELED_BY_ADMIN);

        OrderState rw = dispute(DisputeAssignee.READ_WRITE_SOLVER, BondPolicy.NONE);
        assertThat(refused(rw, Trigger.user(Action.ADMIN_TAKE_DISPUTE, Role.SOLVER_READ_WRITE)))
                .isEqualTo(CantDoReason.INVALID_PUBKEY);
        OrderState admin = ok(rw, Trigger.user(Action.ADMIN_TAKE_DISPUTE, Role.NODE_ADMIN)).next();
        assertThat(refused(admin, Trigger.user(Action.ADMIN_SETTLE, Role.SOLVER_READ_WRITE)))
                .isEqualTo(CantDoReason.DISPUTE_TAKEN_BY_ADMIN);
        assertThat(ok(admin, Trigger.user(Action.ADMIN_SETTLE, Role.NODE_ADMIN)).nextStatus())
                .isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
    }

    @Test
    void adminSettleAfterCooperativeCancelAndStatusReasons() {
        OrderState rw = dispute(DisputeAssignee.READ_WRITE_SOLVER, BondPolicy.NONE);
        OrderState first = ok(rw, Trigger.user(Action.CANCEL, Role.SELLER)).next();
        OrderState coop = ok(first, Trigger.user(Action.CANCEL, Role.BUYER)).next();
        assertThat(coop.context().dispute()).contains(DisputeStatus.SELLER_REFUNDED);
        Transition.Allowed ack = ok(coop, Trigger.user(Action.ADMIN_SETTLE, Role.ASSIGNED_SOLVER_READ_WRITE));
        assertThat(ack.next()).isEqualTo(coop);
        assertThat(ack.notifications()).containsExactly(Notification.of(Recipient.SENDER,
                Action.COOPERATIVE_CANCEL_ACCEPTED, PayloadShape.NONE));
        assertThat(refused(coop, Trigger.user(Action.ADMIN_CANCEL, Role.ASSIGNED_SOLVER_READ_WRITE)))
                .isEqualTo(CantDoReason.NOT_ALLOWED_BY_STATUS);
        OrderState settledOrder = coop.withStatus(OrderStatus.SUCCESS);
        assertThat(refused(settledOrder, Trigger.user(Action.ADMIN_SETTLE, Role.ASSIGNED_SOLVER_READ_WRITE)))
                .isEqualTo(CantDoReason.INVALID_ORDER_STATUS);
    }

    @Test
    void bondResolution() {
        OrderState rw = dispute(DisputeAssignee.READ_WRITE_SOLVER, BondPolicy.TAKE);
        Trigger slashSeller = new Trigger.User(Action.ADMIN_SETTLE, Role.ASSIGNED_SOLVER_READ_WRITE,
                RequestFacts.DEFAULT.withSlash(false, true));
        assertThat(refused(rw, slashSeller)).as("the sell maker has no bond").isEqualTo(CantDoReason.INVALID_PAYLOAD);
        Trigger slashBuyer = new Trigger.User(Action.ADMIN_SETTLE, Role.ASSIGNED_SOLVER_READ_WRITE,
                RequestFacts.DEFAULT.withSlash(true, false));
        Transition.Allowed a = ok(rw, slashBuyer);
        assertThat(a.lightning()).containsExactly(LightningEffect.SETTLE_HOLD_INVOICE,
                LightningEffect.SLASH_TAKER_BOND, LightningEffect.PAY_BUYER);
        assertThat(a.notifications()).extracting(Notification::action).containsExactly(Action.ADMIN_SETTLED,
                Action.ADMIN_SETTLED, Action.ADMIN_SETTLED, Action.BOND_SLASHED);
        assertThat(a.next().context().bondPayoutTo()).contains(Party.SELLER);
        assertThat(ok(rw, Trigger.user(Action.ADMIN_CANCEL, Role.ASSIGNED_SOLVER_READ_WRITE)).lightning())
                .containsExactly(LightningEffect.CANCEL_HOLD_INVOICE, LightningEffect.RELEASE_TAKER_BOND);
    }

    @Test
    void takePreconditionsInDaemonOrder() {
        OrderState active = dispute(DisputeAssignee.NONE, BondPolicy.NONE).withStatus(OrderStatus.ACTIVE);
        RequestFacts everythingWrong = new RequestFacts(true, false, false, false, true, true, false, true, false,
                false, false);
        TradeContext rangeMarket = TradeContext.builder().range(true).market(true).build();
        OrderState pendingSell = new OrderState(OrderKind.SELL, OrderStatus.PENDING, rangeMarket);
        Trigger.User take = new Trigger.User(Action.TAKE_SELL, Role.OTHER_USER, everythingWrong);
        assertThat(refused(pendingSell, take)).isEqualTo(CantDoReason.PENDING_ORDER_EXISTS);
        RequestFacts f = everythingWrong.withSenderHasPendingTrade(false);
        assertThat(refused(pendingSell.withStatus(OrderStatus.PENDING), new Trigger.User(Action.TAKE_BUY,
                Role.OTHER_USER, f))).isEqualTo(CantDoReason.INVALID_ORDER_KIND);
        assertThat(refused(active, take.with(f))).isEqualTo(CantDoReason.INVALID_ORDER_STATUS);
        assertThat(refused(pendingSell, take.with(f))).isEqualTo(CantDoReason.INVALID_ORDER_STATUS);
        f = f.withPastExpiry(false);
        assertThat(refused(pendingSell, new Trigger.User(Action.TAKE_SELL, Role.SELLER, f)))
                .isEqualTo(CantDoReason.INVALID_PUBKEY);
        assertThat(refused(pendingSell, take.with(f))).isEqualTo(CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
        f = f.withAmountInRange(true);
        assertThat(refused(pendingSell, take.with(f))).isEqualTo(CantDoReason.PRICE_TOO_STALE);
        f = f.withPriceFresh(true);
        assertThat(refused(pendingSell, take.with(f))).isEqualTo(CantDoReason.INVALID_INVOICE);
        assertThat(ok(pendingSell, take.with(f.withInvoiceValid(true))).nextStatus())
                .isEqualTo(OrderStatus.WAITING_PAYMENT);
    }

    @Test
    void rateUser() {
        OrderState success = new OrderState(OrderKind.SELL, OrderStatus.SUCCESS,
                TradeContext.builder().takerAssigned(true).holdInvoice(HoldInvoiceState.SETTLED).build());
        Transition.Allowed rated = ok(success, Trigger.user(Action.RATE_USER, Role.BUYER));
        assertThat(rated.notifications()).containsExactly(Notification.of(Recipient.BUYER, Action.RATE_RECEIVED,
                PayloadShape.RATING));
        assertThat(SM.apply(rated.next(), Trigger.user(Action.RATE_USER, Role.BUYER)))
                .isInstanceOf(Transition.Ignored.class);
        assertThat(SM.apply(success, Trigger.user(Action.RATE_USER, Role.OTHER_USER)))
                .isEqualTo(new Transition.Ignored("rate-user.3", IgnoreReason.NO_OP));
        OrderState shi = success.withStatus(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(refused(shi, Trigger.user(Action.RATE_USER, Role.BUYER))).isEqualTo(CantDoReason.INVALID_ORDER_STATUS);
        assertThat(ok(shi, Trigger.user(Action.RATE_USER, Role.SELLER)).nextStatus())
                .isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
    }

    @Test
    void routerLevelOutcomes() {
        OrderState pending = SM.create(OrderKind.SELL, TradeContext.initial(BondPolicy.NONE)).next();
        assertThat(refused(pending, Trigger.user(Action.PAY_INVOICE, Role.SELLER))).isEqualTo(CantDoReason.INVALID_ACTION);
        assertThat(SM.apply(pending, Trigger.user(Action.SEND_DM, Role.SELLER)))
                .isEqualTo(new Transition.Ignored("router.not-routed", IgnoreReason.NOT_ROUTED));
        assertThat(SM.apply(pending, Trigger.user(Action.ORDERS, Role.SELLER)))
                .isInstanceOf(Transition.Ignored.class);
    }
}
