package network.mostro.client.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.SubscriptionListener;
import network.mostro.protocol.Action;
import network.mostro.protocol.transport.Inbound;

/**
 * Hands one trade-key subscription's stored messages to the engine oldest first. NIP-01 relays send stored events
 * newest first, so a client that was offline across several Mostro notifications would otherwise apply them in reverse
 * and its status tracking would stall (for example {@code fiat-sent-ok} before {@code buyer-took-order}). Messages
 * received before the first end of stored events (any relay's EOSE, or the pool's EOSE completion or timeout) are
 * opened at once and held; at that point they are applied sorted by their inner {@code created_at}, ties (same second)
 * broken by the protocol's action order ({@link #tieRank}), then by the reverse of the arrival order. Later messages
 * are applied as they come. At most {@link #MAX_HELD} are held: when that many are, they are applied in order and
 * delivery switches to live. Calls for one subscription are serialised by the pool; the engine's lock is never taken
 * while this object's monitor is held, so it is safe to use from inside {@code subscribe}. Thread-safe.
 */
final class OrderedBacklog implements SubscriptionListener {
    /** The most stored messages held for sorting. */
    static final int MAX_HELD = 10_000;

    /** The engine side: opening a message (null = skip it) and applying an opened one. */
    interface Sink {
        /** Opens {@code e} for this subscription's key, or returns null when it is to be skipped. */
        Inbound open(Event e);

        /** Applies an opened message; {@code in} is null for a live event not opened yet. */
        void apply(Event e, Inbound in);
    }

    private record Held(Event event, Inbound in, long seq) {}

    private static final Comparator<Held> ORDER = Comparator.comparingLong((Held h) -> h.in().createdAt())
            .thenComparingInt(h -> tieRank(h.in().message().action()))
            .thenComparingLong(h -> -h.seq());

    private final Sink sink;
    private final int max;
    private List<Held> held = new ArrayList<>(); // null once live, guarded by this
    private long seq;

    OrderedBacklog(Sink sink) {
        this(sink, MAX_HELD);
    }

    OrderedBacklog(Sink sink, int max) {
        this.sink = sink;
        this.max = max;
    }

    @Override
    public void onEvent(Event event, URI relay) {
        if (isLive()) {
            sink.apply(event, null);
            return;
        }
        Inbound in = sink.open(event);
        if (in == null) {
            return;
        }
        boolean overflow;
        boolean live;
        synchronized (this) {
            live = held == null;
            if (!live) {
                held.add(new Held(event, in, seq++));
            }
            overflow = !live && held.size() >= max;
        }
        if (live) {
            sink.apply(event, in); // went live while this one was being opened
        } else if (overflow) {
            flush();
        }
    }

    private synchronized boolean isLive() {
        return held == null;
    }

    @Override
    public void onEose(URI relay) {
        flush();
    }

    @Override
    public void onEoseComplete(Set<URI> timedOut) {
        flush();
    }

    /** Applies the held messages in order and switches to live delivery; idempotent. */
    void flush() {
        List<Held> batch;
        synchronized (this) {
            batch = held;
            held = null;
        }
        if (batch == null) {
            return;
        }
        batch.sort(ORDER);
        for (Held h : batch) {
            sink.apply(h.event(), h.in());
        }
    }

    /**
     * Where an action comes in a trade, for messages of the same second: the order of SPEC §8.1/§8.2 (take and
     * invoices, hold invoice accepted, fiat sent, dispute, release and settlement, payout, rating, terminal
     * cancellations). Actions outside a trade's flow rank 0 and keep their time and arrival order.
     */
    static int tieRank(Action a) {
        return switch (a) {
            case NEW_ORDER -> 0;
            case PAY_BOND_INVOICE, ADD_BOND_INVOICE, BOND_INVOICE_ACCEPTED -> 1;
            case PAY_INVOICE, WAITING_SELLER_TO_PAY, WAITING_BUYER_INVOICE, ADD_INVOICE, BUYER_INVOICE_ACCEPTED -> 2;
            case BUYER_TOOK_ORDER, HOLD_INVOICE_PAYMENT_ACCEPTED -> 3;
            case FIAT_SENT_OK -> 4;
            case COOPERATIVE_CANCEL_INITIATED_BY_YOU, COOPERATIVE_CANCEL_INITIATED_BY_PEER,
                    DISPUTE_INITIATED_BY_YOU, DISPUTE_INITIATED_BY_PEER -> 5;
            case ADMIN_TOOK_DISPUTE -> 6;
            case RELEASED, HOLD_INVOICE_PAYMENT_SETTLED, ADMIN_SETTLED -> 7;
            case PAYMENT_FAILED, INVOICE_UPDATED -> 8;
            case PURCHASE_COMPLETED -> 9;
            case RATE -> 10;
            case RATE_RECEIVED -> 11;
            case CANCELED, COOPERATIVE_CANCEL_ACCEPTED, ADMIN_CANCELED, HOLD_INVOICE_PAYMENT_CANCELED,
                    BOND_PAYOUT_COMPLETED, BOND_SLASHED -> 12;
            default -> 0;
        };
    }
}
