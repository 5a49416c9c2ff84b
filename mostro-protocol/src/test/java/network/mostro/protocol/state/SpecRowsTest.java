package network.mostro.protocol.state;

import static network.mostro.protocol.state.AmountVariant.BUYER_PAYOUT;
import static network.mostro.protocol.state.AmountVariant.HOLD_INVOICE_AMOUNT;
import static network.mostro.protocol.state.AmountVariant.NONE;
import static network.mostro.protocol.state.AmountVariant.ORDER_AMOUNT;
import static network.mostro.protocol.state.Recipient.BUYER;
import static network.mostro.protocol.state.Recipient.SELLER;
import static network.mostro.protocol.state.Recipient.SENDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import network.mostro.protocol.Action;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.1 (sell) and §8.2 (buy), row by row, with the exact message lists (recipient, action, payload, amount),
 * the next status, the published {@code s} and the escrow effects. Each state is reached by driving the machine
 * from creation, so the rows also check that the canonical paths exist.
 */
class SpecRowsTest {
    static final OrderStateMachine SM = OrderStateMachine.standard();

    static Notification n(Recipient to, Action a) {
        return Notification.of(to, a, PayloadShape.NONE);
    }

    static Notification n(Recipient to, Action a, PayloadShape p, AmountVariant amt) {
        return new Notification(to, a, p, amt);
    }

    static Transition.Allowed ok(OrderState s, Trigger t) {
        Transition tr = SM.apply(s, t);
        assertThat(tr).as("%s on %s", t, s).isInstanceOf(Transition.Allowed.class);
        return (Transition.Allowed) tr;
    }

    static Transition.Allowed user(OrderState s, Action a, Role r) {
        return ok(s, Trigger.user(a, r));
    }

    static Transition.Allowed user(OrderState s, Action a, Role r, RequestFacts f) {
        return ok(s, new Trigger.User(a, r, f));
    }

    static Transition.Allowed event(OrderState s, SystemEvent e) {
        return ok(s, Trigger.event(e));
    }

    static void expect(Transition.Allowed a, OrderStatus next, Optional<OrderStatus> published,
            List<Notification> msgs, LightningEffect... ln) {
        assertThat(a.nextStatus()).isEqualTo(next);
        assertThat(a.published()).isEqualTo(published);
        assertThat(a.notifications()).containsExactlyElementsOf(msgs);
        assertThat(a.lightning()).containsExactly(ln);
    }

    static final Optional<OrderStatus> NO_EVENT = Optional.empty();

    static Optional<OrderStatus> s(OrderStatus s) {
        return Optional.of(s);
    }

    static final RequestFacts WITH_INVOICE = RequestFacts.DEFAULT.withInvoice(true);

    @Nested
    class Sell {
        final TradeContext ctx = TradeContext.initial(BondPolicy.NONE);

        OrderState row1() {
            Transition.Allowed a = SM.create(OrderKind.SELL, ctx);
            expect(a, OrderStatus.PENDING, s(OrderStatus.PENDING),
                    List.of(n(SELLER, Action.NEW_ORDER, PayloadShape.ORDER, ORDER_AMOUNT)));
            return a.next();
        }

        OrderState row2() {
            Transition.Allowed a = user(row1(), Action.TAKE_SELL, Role.OTHER_USER);
            expect(a, OrderStatus.WAITING_BUYER_INVOICE, s(OrderStatus.IN_PROGRESS), List.of(
                    n(BUYER, Action.ADD_INVOICE, PayloadShape.ORDER, BUYER_PAYOUT),
                    n(SELLER, Action.WAITING_BUYER_INVOICE)));
            return a.next();
        }

        OrderState row3() {
            Transition.Allowed a = user(row1(), Action.TAKE_SELL, Role.OTHER_USER, WITH_INVOICE);
            expect(a, OrderStatus.WAITING_PAYMENT, NO_EVENT, List.of(
                    n(SELLER, Action.PAY_INVOICE, PayloadShape.HOLD_INVOICE_REQUEST, HOLD_INVOICE_AMOUNT),
                    n(BUYER, Action.WAITING_SELLER_TO_PAY)), LightningEffect.CREATE_HOLD_INVOICE);
            return a.next();
        }

        OrderState row4() {
            Transition.Allowed a = user(row2(), Action.ADD_INVOICE, Role.BUYER);
            expect(a, OrderStatus.WAITING_PAYMENT, NO_EVENT, List.of(
                    n(SELLER, Action.PAY_INVOICE, PayloadShape.REPUTATION_NOTICE, NONE),
                    n(SELLER, Action.PAY_INVOICE, PayloadShape.HOLD_INVOICE_REQUEST, HOLD_INVOICE_AMOUNT),
                    n(BUYER, Action.WAITING_SELLER_TO_PAY)), LightningEffect.CREATE_HOLD_INVOICE);
            return a.next();
        }

        OrderState row5() {
            Transition.Allowed a = event(row4(), SystemEvent.HOLD_INVOICE_ACCEPTED);
            expect(a, OrderStatus.ACTIVE, NO_EVENT, List.of(
                    n(SELLER, Action.BUYER_TOOK_ORDER, PayloadShape.ORDER, HOLD_INVOICE_AMOUNT),
                    n(BUYER, Action.HOLD_INVOICE_PAYMENT_ACCEPTED, PayloadShape.ORDER, BUYER_PAYOUT)));
            return a.next();
        }

        OrderState row6() {
            Transition.Allowed a = user(row5(), Action.FIAT_SENT, Role.BUYER);
            expect(a, OrderStatus.FIAT_SENT, NO_EVENT, List.of(
                    n(SELLER, Action.FIAT_SENT_OK, PayloadShape.PEER, NONE),
                    n(BUYER, Action.FIAT_SENT_OK, PayloadShape.PEER, NONE)));
            return a.next();
        }

        OrderState row7(OrderState from) {
            Transition.Allowed a = user(from, Action.RELEASE, Role.SELLER);
            expect(a, OrderStatus.SETTLED_HOLD_INVOICE, NO_EVENT, List.of(
                    n(BUYER, Action.RELEASED),
                    n(SELLER, Action.HOLD_INVOICE_PAYMENT_SETTLED),
                    n(SELLER, Action.RATE)), LightningEffect.SETTLE_HOLD_INVOICE, LightningEffect.PAY_BUYER);
            return a.next();
        }

        @Test
        void rows1to8HappyPathWithoutInvoice() {
            OrderState shi = row7(row6());
            expect(event(shi, SystemEvent.PAYOUT_SUCCEEDED), OrderStatus.SUCCESS, s(OrderStatus.SUCCESS),
                    List.of(n(BUYER, Action.PURCHASE_COMPLETED), n(BUYER, Action.RATE)));
        }

        @Test
        void row3ThenHoldPaidGoesActive() {
            Transition.Allowed a = event(row3(), SystemEvent.HOLD_INVOICE_ACCEPTED);
            assertThat(a.nextStatus()).isEqualTo(OrderStatus.ACTIVE);
        }

        @Test
        void row7FromDisputeSettlesTheDispute() {
            OrderState d = user(row5(), Action.DISPUTE, Role.BUYER).next();
            Transition.Allowed a = user(d, Action.RELEASE, Role.SELLER);
            assertThat(a.nextStatus()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
            assertThat(a.disputeChange()).contains(DisputeStatus.SETTLED);
        }

        @Test
        void rows9and10PayoutFailuresAndNewInvoice() {
            OrderState shi = row7(row6());
            Transition.Allowed first = event(shi, SystemEvent.PAYOUT_FAILED_FIRST);
            expect(first, OrderStatus.SETTLED_HOLD_INVOICE, NO_EVENT,
                    List.of(n(BUYER, Action.PAYMENT_FAILED, PayloadShape.PAYMENT_FAILED, NONE)));
            OrderState retry = event(first.next(), SystemEvent.PAYOUT_RETRY_DUE).next();
            Transition.Allowed again = event(retry, SystemEvent.PAYOUT_FAILED_RETRY);
            expect(again, OrderStatus.SETTLED_HOLD_INVOICE, NO_EVENT, List.of());
            retry = event(again.next(), SystemEvent.PAYOUT_RETRY_DUE).next();
            Transition.Allowed last = event(retry, SystemEvent.PAYOUT_FAILED_LAST);
            expect(last, OrderStatus.SETTLED_HOLD_INVOICE, NO_EVENT,
                    List.of(n(BUYER, Action.ADD_INVOICE, PayloadShape.ORDER, BUYER_PAYOUT)));
            assertThat(SM.apply(last.next(), Trigger.event(SystemEvent.PAYOUT_RETRY_DUE)))
                    .isInstanceOf(Transition.Ignored.class);
            Transition.Allowed row10 = user(last.next(), Action.ADD_INVOICE, Role.BUYER);
            expect(row10, OrderStatus.SETTLED_HOLD_INVOICE, NO_EVENT, List.of(n(BUYER, Action.INVOICE_UPDATED)));
            Transition.Allowed pay = event(row10.next(), SystemEvent.PAYOUT_RETRY_DUE);
            assertThat(pay.lightning()).containsExactly(LightningEffect.PAY_BUYER);
            assertThat(event(pay.next(), SystemEvent.PAYOUT_SUCCEEDED).nextStatus()).isEqualTo(OrderStatus.SUCCESS);
        }

        @Test
        void row11MakerCancelsPending() {
            expect(user(row1(), Action.CANCEL, Role.SELLER), OrderStatus.CANCELED, s(OrderStatus.CANCELED),
                    List.of(n(SELLER, Action.CANCELED)));
        }

        @Test
        void row12MakerCancelsWhileWaiting() {
            expect(user(row2(), Action.CANCEL, Role.SELLER), OrderStatus.CANCELED, s(OrderStatus.CANCELED),
                    List.of(n(SELLER, Action.CANCELED), n(BUYER, Action.CANCELED)));
            expect(user(row4(), Action.CANCEL, Role.SELLER), OrderStatus.CANCELED, s(OrderStatus.CANCELED),
                    List.of(n(SELLER, Action.CANCELED), n(BUYER, Action.CANCELED)),
                    LightningEffect.CANCEL_HOLD_INVOICE);
        }

        @Test
        void row13TakerCancelsWhileWaiting() {
            List<Notification> msgs = List.of(n(BUYER, Action.CANCELED),
                    n(SELLER, Action.NEW_ORDER, PayloadShape.ORDER, ORDER_AMOUNT));
            Transition.Allowed a = user(row2(), Action.CANCEL, Role.BUYER);
            expect(a, OrderStatus.PENDING, s(OrderStatus.PENDING), msgs);
            assertThat(a.next().context().takerAssigned()).isFalse();
            expect(user(row3(), Action.CANCEL, Role.BUYER), OrderStatus.PENDING, s(OrderStatus.PENDING), msgs,
                    LightningEffect.CANCEL_HOLD_INVOICE);
        }

        @Test
        void rows14and15Timeouts() {
            expect(event(row2(), SystemEvent.WAITING_TIMEOUT), OrderStatus.PENDING, s(OrderStatus.PENDING),
                    List.of(n(BUYER, Action.CANCELED), n(SELLER, Action.NEW_ORDER, PayloadShape.ORDER, ORDER_AMOUNT)));
            expect(event(row4(), SystemEvent.WAITING_TIMEOUT), OrderStatus.CANCELED, s(OrderStatus.CANCELED),
                    List.of(n(SELLER, Action.CANCELED), n(BUYER, Action.CANCELED)),
                    LightningEffect.CANCEL_HOLD_INVOICE);
        }

        @Test
        void row16CooperativeCancelFromEachTradeStatus() {
            OrderState active = row5();
            OrderState fiat = row6();
            OrderState dispute = user(row5(), Action.DISPUTE, Role.SELLER).next();
            for (OrderState s : List.of(active, fiat, dispute)) {
                Transition.Allowed first = user(s, Action.CANCEL, Role.BUYER);
                expect(first, s.status(), NO_EVENT, List.of(n(BUYER, Action.COOPERATIVE_CANCEL_INITIATED_BY_YOU),
                        n(SELLER, Action.COOPERATIVE_CANCEL_INITIATED_BY_PEER)));
                assertThat(SM.apply(first.next(), Trigger.user(Action.CANCEL, Role.BUYER)))
                        .isEqualTo(new Transition.Refused("cancel.10", network.mostro.protocol.CantDoReason.INVALID_PUBKEY));
                Transition.Allowed second = user(first.next(), Action.CANCEL, Role.SELLER);
                expect(second, OrderStatus.COOPERATIVELY_CANCELED, s(OrderStatus.CANCELED),
                        List.of(n(SELLER, Action.COOPERATIVE_CANCEL_ACCEPTED),
                                n(BUYER, Action.COOPERATIVE_CANCEL_ACCEPTED)),
                        LightningEffect.CANCEL_HOLD_INVOICE);
                assertThat(second.disputeChange()).isEqualTo(s == dispute
                        ? Optional.of(DisputeStatus.SELLER_REFUNDED) : Optional.empty());
            }
        }

        @Test
        void row17DisputeFromActiveAndFiatSent() {
            for (OrderState s : List.of(row5(), row6())) {
                Transition.Allowed a = user(s, Action.DISPUTE, Role.SELLER);
                expect(a, OrderStatus.DISPUTE, NO_EVENT, List.of(
                        n(SELLER, Action.DISPUTE_INITIATED_BY_YOU, PayloadShape.DISPUTE_ID, NONE),
                        n(BUYER, Action.DISPUTE_INITIATED_BY_PEER, PayloadShape.DISPUTE_ID, NONE)));
                assertThat(a.disputeChange()).contains(DisputeStatus.INITIATED);
            }
        }

        OrderState takenDispute() {
            OrderState d = user(row6(), Action.DISPUTE, Role.BUYER).next();
            Transition.Allowed took = user(d, Action.ADMIN_TAKE_DISPUTE, Role.SOLVER_READ_WRITE);
            expect(took, OrderStatus.DISPUTE, NO_EVENT, List.of(
                    n(SENDER, Action.ADMIN_TOOK_DISPUTE, PayloadShape.SOLVER_DISPUTE_INFO, NONE),
                    n(BUYER, Action.ADMIN_TOOK_DISPUTE, PayloadShape.PEER, NONE),
                    n(SELLER, Action.ADMIN_TOOK_DISPUTE, PayloadShape.PEER, NONE)));
            assertThat(took.disputeChange()).contains(DisputeStatus.IN_PROGRESS);
            return took.next();
        }

        @Test
        void row18AdminSettle() {
            Transition.Allowed a = user(takenDispute(), Action.ADMIN_SETTLE, Role.ASSIGNED_SOLVER_READ_WRITE);
            expect(a, OrderStatus.SETTLED_HOLD_INVOICE, NO_EVENT, List.of(n(SENDER, Action.ADMIN_SETTLED),
                    n(SELLER, Action.ADMIN_SETTLED), n(BUYER, Action.ADMIN_SETTLED)),
                    LightningEffect.SETTLE_HOLD_INVOICE, LightningEffect.PAY_BUYER);
            assertThat(a.disputeChange()).contains(DisputeStatus.SETTLED);
            expect(event(a.next(), SystemEvent.PAYOUT_SUCCEEDED), OrderStatus.SUCCESS, s(OrderStatus.SUCCESS),
                    List.of(n(BUYER, Action.PURCHASE_COMPLETED), n(BUYER, Action.RATE)));
        }

        @Test
        void row19AdminCancel() {
            Transition.Allowed a = user(takenDispute(), Action.ADMIN_CANCEL, Role.ASSIGNED_SOLVER_READ_WRITE);
            expect(a, OrderStatus.CANCELED_BY_ADMIN, s(OrderStatus.CANCELED), List.of(n(SENDER, Action.ADMIN_CANCELED),
                    n(SELLER, Action.ADMIN_CANCELED), n(BUYER, Action.ADMIN_CANCELED)),
                    LightningEffect.CANCEL_HOLD_INVOICE);
            assertThat(a.disputeChange()).contains(DisputeStatus.SELLER_REFUNDED);
        }

        @Test
        void row20Expiry() {
            expect(event(row1(), SystemEvent.PENDING_EXPIRED), OrderStatus.EXPIRED, s(OrderStatus.CANCELED), List.of());
        }

        @Test
        void rows21and22EscrowDeadline() {
            expect(event(row5(), SystemEvent.ESCROW_DEADLINE), OrderStatus.CANCELED, s(OrderStatus.CANCELED),
                    List.of(n(SELLER, Action.CANCELED), n(BUYER, Action.CANCELED)), LightningEffect.CANCEL_HOLD_INVOICE);
            Transition.Allowed a = event(row6(), SystemEvent.ESCROW_DEADLINE);
            expect(a, OrderStatus.DISPUTE, NO_EVENT, List.of(
                    n(BUYER, Action.DISPUTE_INITIATED_BY_YOU, PayloadShape.DISPUTE_ID, NONE),
                    n(SELLER, Action.DISPUTE_INITIATED_BY_PEER, PayloadShape.DISPUTE_ID, NONE)));
            assertThat(a.disputeChange()).contains(DisputeStatus.INITIATED);
        }
    }

    @Nested
    class Buy {
        final TradeContext ctx = TradeContext.initial(BondPolicy.NONE);
        final TradeContext withInvoice = TradeContext.builder().buyerInvoiceKnown(true).build();

        OrderState row1(TradeContext c) {
            Transition.Allowed a = SM.create(OrderKind.BUY, c);
            expect(a, OrderStatus.PENDING, s(OrderStatus.PENDING),
                    List.of(n(BUYER, Action.NEW_ORDER, PayloadShape.ORDER, ORDER_AMOUNT)));
            return a.next();
        }

        OrderState row2(TradeContext c) {
            Transition.Allowed a = user(row1(c), Action.TAKE_BUY, Role.OTHER_USER);
            expect(a, OrderStatus.WAITING_PAYMENT, s(OrderStatus.IN_PROGRESS), List.of(
                    n(SELLER, Action.PAY_INVOICE, PayloadShape.HOLD_INVOICE_REQUEST, HOLD_INVOICE_AMOUNT),
                    n(BUYER, Action.WAITING_SELLER_TO_PAY)), LightningEffect.CREATE_HOLD_INVOICE);
            return a.next();
        }

        OrderState row3() {
            Transition.Allowed a = event(row2(withInvoice), SystemEvent.HOLD_INVOICE_ACCEPTED);
            expect(a, OrderStatus.ACTIVE, NO_EVENT, List.of(
                    n(SELLER, Action.BUYER_TOOK_ORDER, PayloadShape.ORDER, HOLD_INVOICE_AMOUNT),
                    n(BUYER, Action.HOLD_INVOICE_PAYMENT_ACCEPTED, PayloadShape.ORDER, BUYER_PAYOUT)));
            return a.next();
        }

        OrderState row4() {
            Transition.Allowed a = event(row2(ctx), SystemEvent.HOLD_INVOICE_ACCEPTED);
            expect(a, OrderStatus.WAITING_BUYER_INVOICE, NO_EVENT, List.of(
                    n(BUYER, Action.ADD_INVOICE, PayloadShape.ORDER, BUYER_PAYOUT),
                    n(SELLER, Action.WAITING_BUYER_INVOICE),
                    n(BUYER, Action.ADD_INVOICE, PayloadShape.REPUTATION_NOTICE, NONE)));
            return a.next();
        }

        OrderState row5() {
            Transition.Allowed a = user(row4(), Action.ADD_INVOICE, Role.BUYER);
            expect(a, OrderStatus.ACTIVE, NO_EVENT, List.of(
                    n(SELLER, Action.BUYER_TOOK_ORDER, PayloadShape.ORDER, HOLD_INVOICE_AMOUNT),
                    n(BUYER, Action.HOLD_INVOICE_PAYMENT_ACCEPTED, PayloadShape.ORDER, BUYER_PAYOUT)));
            return a.next();
        }

        @Test
        void rows1to8AsInSell() {
            for (OrderState active : List.of(row3(), row5())) {
                OrderState fiat = user(active, Action.FIAT_SENT, Role.BUYER).next();
                Transition.Allowed rel = user(fiat, Action.RELEASE, Role.SELLER);
                expect(rel, OrderStatus.SETTLED_HOLD_INVOICE, NO_EVENT, List.of(n(BUYER, Action.RELEASED),
                        n(SELLER, Action.HOLD_INVOICE_PAYMENT_SETTLED), n(SELLER, Action.RATE)),
                        LightningEffect.SETTLE_HOLD_INVOICE, LightningEffect.PAY_BUYER);
                assertThat(event(rel.next(), SystemEvent.PAYOUT_SUCCEEDED).published()).contains(OrderStatus.SUCCESS);
            }
        }

        @Test
        void row11MakerCancelsPending() {
            expect(user(row1(ctx), Action.CANCEL, Role.BUYER), OrderStatus.CANCELED, s(OrderStatus.CANCELED),
                    List.of(n(BUYER, Action.CANCELED)));
        }

        @Test
        void row12MakerCancelsWhileWaiting() {
            List<Notification> msgs = List.of(n(BUYER, Action.CANCELED), n(SELLER, Action.CANCELED));
            expect(user(row2(ctx), Action.CANCEL, Role.BUYER), OrderStatus.CANCELED, s(OrderStatus.CANCELED), msgs,
                    LightningEffect.CANCEL_HOLD_INVOICE);
            expect(user(row4(), Action.CANCEL, Role.BUYER), OrderStatus.CANCELED, s(OrderStatus.CANCELED), msgs,
                    LightningEffect.CANCEL_HOLD_INVOICE);
        }

        @Test
        void row13TakerCancelsWhileWaiting() {
            List<Notification> msgs = List.of(n(SELLER, Action.CANCELED),
                    n(BUYER, Action.NEW_ORDER, PayloadShape.ORDER, ORDER_AMOUNT));
            expect(user(row2(ctx), Action.CANCEL, Role.SELLER), OrderStatus.PENDING, s(OrderStatus.PENDING), msgs,
                    LightningEffect.CANCEL_HOLD_INVOICE);
            Transition.Allowed a = user(row4(), Action.CANCEL, Role.SELLER);
            expect(a, OrderStatus.PENDING, s(OrderStatus.PENDING), msgs, LightningEffect.CANCEL_HOLD_INVOICE);
            assertThat(a.next().context().holdInvoice()).isEqualTo(HoldInvoiceState.NONE);
        }

        @Test
        void row14SellerNeverPaid() {
            expect(event(row2(ctx), SystemEvent.WAITING_TIMEOUT), OrderStatus.PENDING, s(OrderStatus.PENDING),
                    List.of(n(SELLER, Action.CANCELED), n(BUYER, Action.NEW_ORDER, PayloadShape.ORDER, ORDER_AMOUNT)),
                    LightningEffect.CANCEL_HOLD_INVOICE);
        }

        @Test
        void row15BuyerNeverSentInvoice() {
            expect(event(row4(), SystemEvent.WAITING_TIMEOUT), OrderStatus.CANCELED, s(OrderStatus.CANCELED),
                    List.of(n(BUYER, Action.CANCELED), n(SELLER, Action.CANCELED)), LightningEffect.CANCEL_HOLD_INVOICE);
        }

        @Test
        void rows16to22AsInSell() {
            OrderState active = row3();
            OrderState coop = user(user(active, Action.CANCEL, Role.SELLER).next(), Action.CANCEL, Role.BUYER).next();
            assertThat(coop.status()).isEqualTo(OrderStatus.COOPERATIVELY_CANCELED);
            OrderState dispute = user(active, Action.DISPUTE, Role.BUYER).next();
            OrderState taken = user(dispute, Action.ADMIN_TAKE_DISPUTE, Role.NODE_ADMIN).next();
            assertThat(user(taken, Action.ADMIN_SETTLE, Role.NODE_ADMIN).nextStatus())
                    .isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
            assertThat(user(taken, Action.ADMIN_CANCEL, Role.NODE_ADMIN).nextStatus())
                    .isEqualTo(OrderStatus.CANCELED_BY_ADMIN);
            assertThat(event(row1(ctx), SystemEvent.PENDING_EXPIRED).published()).contains(OrderStatus.CANCELED);
            assertThat(event(active, SystemEvent.ESCROW_DEADLINE).nextStatus()).isEqualTo(OrderStatus.CANCELED);
            OrderState fiat = user(active, Action.FIAT_SENT, Role.BUYER).next();
            assertThat(event(fiat, SystemEvent.ESCROW_DEADLINE).nextStatus()).isEqualTo(OrderStatus.DISPUTE);
        }
    }
}
