package network.mostro.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.Action;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.state.RangeOrders.Fixed;
import network.mostro.protocol.state.RangeOrders.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §8.3 child-order rule, and how the state machine uses it. */
class RangeOrdersTest {

    @Test
    void threeCases() {
        assertThat(RangeOrders.childAfter(10, 100, 30)).contains(new Range(10, 70));
        assertThat(RangeOrders.childAfter(10, 100, 90)).contains(new Fixed(10));
        assertThat(RangeOrders.childAfter(10, 100, 95)).isEmpty();
        assertThat(RangeOrders.childAfter(0, 1, 1)).contains(new Fixed(0));
        assertThat(RangeOrders.hasRemainder(10, 100, 91)).isFalse();
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> RangeOrders.childAfter(10, 10, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RangeOrders.childAfter(-1, 10, 5)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RangeOrders.childAfter(10, 100, 9)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RangeOrders.childAfter(10, 100, 101)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void propertyChildKeepsMinAndShrinks(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            long min = r.nextInt(1000);
            long max = min + 1 + r.nextInt(1000);
            long taken = min + (long) r.nextInt((int) (max - min + 1));
            var child = RangeOrders.childAfter(min, max, taken);
            long newMax = max - taken;
            if (newMax < min) {
                assertThat(child).isEmpty();
            } else if (newMax == min) {
                assertThat(child).contains(new Fixed(min));
            } else {
                assertThat(child).contains(new Range(min, newMax));
                assertThat(newMax).isLessThanOrEqualTo(max);
            }
        }
    }

    @Test
    void releaseCreatesChildOnlyWithRemainderAndNextKey() {
        OrderStateMachine sm = OrderStateMachine.standard();
        for (OrderKind kind : OrderKind.values()) {
            for (boolean remainder : new boolean[] {false, true}) {
                for (boolean nextKey : new boolean[] {false, true}) {
                    TradeContext c = TradeContext.builder().range(true).market(true).rangeRemainder(remainder)
                            .takerAssigned(true).buyerInvoiceKnown(true).holdInvoice(HoldInvoiceState.ACCEPTED)
                            .build();
                    OrderState active = new OrderState(kind, network.mostro.protocol.OrderStatus.ACTIVE, c);
                    RequestFacts next = RequestFacts.DEFAULT.withNextTradeGiven(nextKey);
                    // the buy maker gives next_trade with fiat-sent, the sell maker with release
                    Transition.Allowed fiat = (Transition.Allowed) sm.apply(active,
                            new Trigger.User(Action.FIAT_SENT, Role.BUYER, kind == OrderKind.BUY ? next
                                    : RequestFacts.DEFAULT));
                    Transition.Allowed rel = (Transition.Allowed) sm.apply(fiat.next(),
                            new Trigger.User(Action.RELEASE, Role.SELLER, kind == OrderKind.SELL ? next
                                    : RequestFacts.DEFAULT));
                    boolean child = remainder && nextKey;
                    assertThat(rel.effects().contains(OrderEffect.CREATE_CHILD_ORDER)).isEqualTo(child);
                    assertThat(rel.notifications().stream().anyMatch(n -> n.to() == Recipient.MAKER_NEXT_TRADE_KEY
                            && n.action() == Action.NEW_ORDER)).isEqualTo(child);
                }
            }
        }
    }

    @Test
    void marketAmountsResetOnTakerCancel() {
        OrderStateMachine sm = OrderStateMachine.standard();
        TradeContext c = TradeContext.builder().market(true).build();
        OrderState pending = sm.create(OrderKind.SELL, c).next();
        Transition.Allowed take = (Transition.Allowed) sm.apply(pending, Trigger.user(Action.TAKE_SELL,
                Role.OTHER_USER));
        assertThat(take.effects()).contains(OrderEffect.QUOTE_MARKET_PRICE, OrderEffect.ASSIGN_TAKER);
        Transition.Allowed back = (Transition.Allowed) sm.apply(take.next(), Trigger.user(Action.CANCEL, Role.BUYER));
        assertThat(back.effects()).containsExactly(OrderEffect.RESET_TAKER);
        assertThat(back.next()).isEqualTo(pending);
        TradeContext fixed = TradeContext.initial(BondPolicy.NONE);
        Transition.Allowed fixedTake = (Transition.Allowed) sm.apply(sm.create(OrderKind.BUY, fixed).next(),
                Trigger.user(Action.TAKE_BUY, Role.OTHER_USER));
        assertThat(fixedTake.effects()).doesNotContain(OrderEffect.QUOTE_MARKET_PRICE);
    }
}
