package network.mostro.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import org.junit.jupiter.api.Test;

/** SPEC §6.1: which statuses publish which {@code s}. */
class PublishedBucketTest {

    static Optional<OrderStatus> sell(OrderStatus s) {
        return PublishedBucket.onEntry(OrderKind.SELL, s);
    }

    static Optional<OrderStatus> buy(OrderStatus s) {
        return PublishedBucket.onEntry(OrderKind.BUY, s);
    }

    @Test
    void spec61Table() {
        assertThat(sell(OrderStatus.PENDING)).contains(OrderStatus.PENDING);
        assertThat(sell(OrderStatus.WAITING_MAKER_BOND)).isEmpty();
        assertThat(buy(OrderStatus.WAITING_TAKER_BOND)).contains(OrderStatus.PENDING);
        assertThat(sell(OrderStatus.WAITING_BUYER_INVOICE)).contains(OrderStatus.IN_PROGRESS);
        assertThat(buy(OrderStatus.WAITING_BUYER_INVOICE)).isEmpty();
        assertThat(buy(OrderStatus.WAITING_PAYMENT)).contains(OrderStatus.IN_PROGRESS);
        assertThat(sell(OrderStatus.WAITING_PAYMENT)).as("sell taken with invoice stays pending").isEmpty();
        for (OrderStatus s : new OrderStatus[] {OrderStatus.ACTIVE, OrderStatus.FIAT_SENT, OrderStatus.DISPUTE,
                OrderStatus.SETTLED_HOLD_INVOICE, OrderStatus.SETTLED_BY_ADMIN, OrderStatus.IN_PROGRESS}) {
            assertThat(sell(s)).isEmpty();
            assertThat(buy(s)).isEmpty();
        }
        assertThat(buy(OrderStatus.SUCCESS)).contains(OrderStatus.SUCCESS);
        for (OrderStatus s : new OrderStatus[] {OrderStatus.CANCELED, OrderStatus.COOPERATIVELY_CANCELED,
                OrderStatus.CANCELED_BY_ADMIN, OrderStatus.EXPIRED}) {
            assertThat(sell(s)).contains(OrderStatus.CANCELED);
        }
        assertThat(sell(OrderStatus.COMPLETED_BY_ADMIN)).contains(OrderStatus.COMPLETED_BY_ADMIN);
    }

    @Test
    void transitionsAndVisibleSequence() {
        assertThat(PublishedBucket.forTransition(OrderKind.SELL, OrderStatus.WAITING_MAKER_BOND, OrderStatus.EXPIRED,
                false)).isEmpty();
        assertThat(PublishedBucket.forTransition(OrderKind.SELL, OrderStatus.PENDING, OrderStatus.EXPIRED, false))
                .contains(OrderStatus.CANCELED);
        assertThat(PublishedBucket.forTransition(OrderKind.BUY, OrderStatus.PENDING, OrderStatus.WAITING_TAKER_BOND,
                false)).isEmpty();
        assertThat(PublishedBucket.forTransition(OrderKind.BUY, OrderStatus.PENDING, OrderStatus.PENDING, true))
                .contains(OrderStatus.PENDING);
        assertThat(PublishedBucket.forTransition(OrderKind.BUY, OrderStatus.ACTIVE, OrderStatus.ACTIVE, false))
                .isEmpty();
        // §6.1: pending, in-progress, pending (taker timeout), then success
        Optional<OrderStatus> visible = Optional.empty();
        visible = PublishedBucket.visibleAfter(visible, Optional.of(OrderStatus.PENDING));
        visible = PublishedBucket.visibleAfter(visible, Optional.of(OrderStatus.IN_PROGRESS));
        visible = PublishedBucket.visibleAfter(visible, Optional.empty());
        assertThat(visible).contains(OrderStatus.IN_PROGRESS);
        assertThatThrownBy(() -> PublishedBucket.onEntry(null, OrderStatus.PENDING))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void sellWithInvoiceStaysPendingUntilSuccess() {
        OrderStateMachine sm = OrderStateMachine.standard();
        Transition.Allowed t = sm.create(OrderKind.SELL, TradeContext.initial(BondPolicy.NONE));
        Optional<OrderStatus> visible = t.published();
        OrderState s = t.next();
        Trigger[] path = {new Trigger.User(network.mostro.protocol.Action.TAKE_SELL, Role.OTHER_USER,
                RequestFacts.DEFAULT.withInvoice(true)), Trigger.event(SystemEvent.HOLD_INVOICE_ACCEPTED),
                Trigger.user(network.mostro.protocol.Action.FIAT_SENT, Role.BUYER),
                Trigger.user(network.mostro.protocol.Action.RELEASE, Role.SELLER)};
        for (Trigger tr : path) {
            Transition.Allowed a = (Transition.Allowed) sm.apply(s, tr);
            visible = PublishedBucket.visibleAfter(visible, a.published());
            assertThat(visible).contains(OrderStatus.PENDING);
            s = a.next();
        }
        Transition.Allowed done = (Transition.Allowed) sm.apply(s, Trigger.event(SystemEvent.PAYOUT_SUCCEEDED));
        assertThat(PublishedBucket.visibleAfter(visible, done.published())).contains(OrderStatus.SUCCESS);
    }
}
