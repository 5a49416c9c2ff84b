package network.mostro.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.transport.Inbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Holding and ordering a subscription's stored messages until the end of stored events. */
class OrderedBacklogTest {
    static final URI RELAY = URI.create("wss://relay.invalid");
    static final PrivateKey KEY = PrivateKey.generate();
    static final UUID ORDER = UUID.randomUUID();

    /** A sink that opens every event into a message of the action its content names, at the event's time. */
    static final class Recorder implements OrderedBacklog.Sink {
        final List<Action> applied = new ArrayList<>();
        final List<Boolean> wasOpened = new ArrayList<>();

        @Override
        public Inbound open(Event e) {
            if (e.content().equals("skip")) {
                return null;
            }
            Message m = Message.builder(Action.fromWire(e.content()).orElseThrow()).id(ORDER).build();
            return new Inbound(m, "{}", KEY.publicKey(), KEY.publicKey(), false, e.createdAt(), e.id(), 14);
        }

        @Override
        public synchronized void apply(Event e, Inbound in) {
            wasOpened.add(in != null);
            applied.add(in != null ? in.message().action() : Action.fromWire(e.content()).orElseThrow());
        }
    }

    static Event ev(Action a, long createdAt) {
        return new UnsignedEvent(KEY.publicKey(), createdAt, 14, List.of(), a.wireName()).sign(KEY);
    }

    static Event skipped(long createdAt) {
        return new UnsignedEvent(KEY.publicKey(), createdAt, 14, List.of(), "skip").sign(KEY);
    }

    static final List<Action> BUYER_FLOW = List.of(Action.WAITING_SELLER_TO_PAY,
            Action.HOLD_INVOICE_PAYMENT_ACCEPTED, Action.FIAT_SENT_OK, Action.RELEASED, Action.PURCHASE_COMPLETED,
            Action.RATE, Action.RATE_RECEIVED);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void heldMessagesAreAppliedByTimeThenActionOrderWhateverTheArrivalOrder(long seed) {
        Random r = new Random(seed);
        long t0 = 1_700_000_000L;
        List<Event> events = new ArrayList<>();
        long t = t0;
        for (Action a : BUYER_FLOW) {
            events.add(ev(a, t));
            t += r.nextInt(2); // about half the neighbours share a second
        }
        events.add(skipped(t0));
        Collections.shuffle(events, r);
        Recorder sink = new Recorder();
        OrderedBacklog b = new OrderedBacklog(sink);
        for (Event e : events) {
            b.onEvent(e, RELAY);
        }
        assertThat(sink.applied).isEmpty();
        b.onEose(RELAY);
        assertThat(sink.applied).containsExactlyElementsOf(BUYER_FLOW);
        b.onEoseComplete(Set.of()); // the second end is a no-op
        assertThat(sink.applied).hasSize(BUYER_FLOW.size());
    }

    @Test
    void timeWinsOverActionOrderAndLiveMessagesComeAsTheyArrive() {
        Recorder sink = new Recorder();
        OrderedBacklog b = new OrderedBacklog(sink);
        b.onEvent(ev(Action.RATE, 10), RELAY);
        b.onEvent(ev(Action.NEW_ORDER, 20), RELAY); // a later order on a reused key: newer, so after
        b.onEoseComplete(Set.of(RELAY));
        b.onEvent(ev(Action.FIAT_SENT_OK, 5), RELAY); // live: applied at once, unopened
        assertThat(sink.applied).containsExactly(Action.RATE, Action.NEW_ORDER, Action.FIAT_SENT_OK);
        assertThat(sink.wasOpened).containsExactly(true, true, false);
    }

    @Test
    void overflowAppliesWhatIsHeldInOrderThenGoesLive() {
        Recorder sink = new Recorder();
        OrderedBacklog b = new OrderedBacklog(sink, 3);
        b.onEvent(ev(Action.RATE, 3), RELAY);
        b.onEvent(ev(Action.FIAT_SENT_OK, 2), RELAY);
        assertThat(sink.applied).isEmpty();
        b.onEvent(ev(Action.HOLD_INVOICE_PAYMENT_ACCEPTED, 1), RELAY);
        assertThat(sink.applied).containsExactly(Action.HOLD_INVOICE_PAYMENT_ACCEPTED, Action.FIAT_SENT_OK,
                Action.RATE);
        b.onEvent(ev(Action.RATE_RECEIVED, 0), RELAY);
        b.onEose(RELAY);
        assertThat(sink.applied).endsWith(Action.RATE_RECEIVED).hasSize(4);
    }

    @Test
    void tieRanksFollowTheTradeFlow() {
        List<Action> flow = List.of(Action.NEW_ORDER, Action.PAY_INVOICE, Action.BUYER_TOOK_ORDER,
                Action.FIAT_SENT_OK, Action.DISPUTE_INITIATED_BY_PEER, Action.ADMIN_TOOK_DISPUTE, Action.ADMIN_SETTLED,
                Action.PURCHASE_COMPLETED, Action.RATE, Action.RATE_RECEIVED);
        for (int i = 1; i < flow.size(); i++) {
            assertThat(OrderedBacklog.tieRank(flow.get(i - 1))).as(flow.get(i - 1) + " before " + flow.get(i))
                    .isLessThan(OrderedBacklog.tieRank(flow.get(i)));
        }
        assertThat(OrderedBacklog.tieRank(Action.RELEASED))
                .isEqualTo(OrderedBacklog.tieRank(Action.HOLD_INVOICE_PAYMENT_SETTLED));
    }
}
