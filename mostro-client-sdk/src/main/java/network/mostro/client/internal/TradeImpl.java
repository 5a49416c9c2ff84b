package network.mostro.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import network.mostro.client.ClientStateException;
import network.mostro.client.TradeChat;
import network.mostro.client.TradeEvent;
import network.mostro.client.TradeListener;
import network.mostro.client.TradeRecord;
import network.mostro.client.TradeRole;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.protocol.Action;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.state.OrderStateMachine;
import network.mostro.protocol.state.Party;
import network.mostro.protocol.state.RequestFacts;
import network.mostro.protocol.state.Transition;
import network.mostro.protocol.state.WaitingOn;

/**
 * The engine's {@link network.mostro.client.Trade}. Mutable state is guarded by the engine's lock; getters read
 * volatile snapshots. Thread-safe.
 */
final class TradeImpl implements network.mostro.client.Trade {
    final ClientEngine engine;
    final UUID orderId;
    final PublicKey node;
    final OrderKind kind;
    final TradeRole role;
    final Party party;
    volatile long tradeIndex;
    volatile PrivateKey key;
    final StatusTracker tracker;
    volatile OrderStatus status;
    volatile SmallOrder order;
    volatile String peer;
    volatile String holdInvoice;
    volatile UUID disputeId;
    volatile String solver;
    volatile long firstUsedAt;
    volatile UUID parentOrderId;
    volatile Long nextTradeIndex;
    volatile boolean takerLeft;
    final List<TradeEvent> events = new CopyOnWriteArrayList<>();
    final List<TradeListener> listeners = new CopyOnWriteArrayList<>();
    final List<Awaiter<?>> awaiters = new ArrayList<>();
    volatile TradeChatImpl peerChat;
    volatile TradeChatImpl disputeChat;

    record Awaiter<T extends TradeEvent>(Class<T> type, CompletableFuture<T> future) {}

    TradeImpl(ClientEngine engine, UUID orderId, PublicKey node, OrderKind kind, TradeRole role, long tradeIndex,
            PrivateKey key, StatusTracker tracker) {
        this.engine = engine;
        this.orderId = orderId;
        this.node = node;
        this.kind = kind;
        this.role = role;
        this.party = role == TradeRole.MAKER ? Party.maker(kind) : Party.taker(kind);
        this.tradeIndex = tradeIndex;
        this.key = key;
        this.tracker = tracker;
        this.status = tracker.state().status();
    }

    TradeRecord record() {
        return new TradeRecord(orderId, node.toHex(), tradeIndex, role, kind, status,
                ContextCodec.encode(tracker.state().context()), order, peer, holdInvoice, disputeId, solver,
                firstUsedAt, parentOrderId, nextTradeIndex);
    }

    @Override
    public UUID orderId() {
        return orderId;
    }

    @Override
    public PublicKey node() {
        return node;
    }

    @Override
    public OrderKind kind() {
        return kind;
    }

    @Override
    public TradeRole role() {
        return role;
    }

    @Override
    public Party party() {
        return party;
    }

    @Override
    public OrderStatus status() {
        return status;
    }

    @Override
    public WaitingOn waitingOn() {
        return OrderStateMachine.waitingOn(status, kind);
    }

    @Override
    public boolean isFinished() {
        return OrderStateMachine.isTerminal(status)
                || (party == Party.SELLER && status == OrderStatus.SETTLED_HOLD_INVOICE);
    }

    /**
     * Whether Mostro may still send this trade's key a message (the state machine decides, {@link
     * StatusTracker#awaitsMessages}): always while the trade is not finished, and after that while this user may
     * still rate (or a bond share is owed to it). The engine keeps the key's subscription open as long as this holds.
     */
    boolean awaitsMessages() {
        return !isFinished() || tracker.awaitsMessages();
    }

    @Override
    public Optional<SmallOrder> order() {
        return Optional.ofNullable(order);
    }

    @Override
    public long tradeIndex() {
        return tradeIndex;
    }

    @Override
    public PublicKey tradePublicKey() {
        return key.publicKey();
    }

    @Override
    public Optional<String> counterpartyTradePubkey() {
        return Optional.ofNullable(peer);
    }

    @Override
    public long amountSats() {
        SmallOrder o = order;
        return o == null ? 0 : o.amount();
    }

    @Override
    public Optional<String> holdInvoice() {
        return Optional.ofNullable(holdInvoice);
    }

    @Override
    public Optional<UUID> disputeId() {
        return Optional.ofNullable(disputeId);
    }

    @Override
    public Optional<String> solverPubkey() {
        return Optional.ofNullable(solver);
    }

    @Override
    public List<TradeEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public Transition predict(Action action) {
        synchronized (engine.lock) {
            return tracker.predict(action, RequestFacts.DEFAULT);
        }
    }

    @Override
    public <T extends TradeEvent> CompletionStage<T> awaitEvent(Class<T> type) {
        CompletableFuture<T> f = new CompletableFuture<>();
        synchronized (engine.lock) {
            for (TradeEvent e : events) {
                if (type.isInstance(e)) {
                    f.complete(type.cast(e));
                    return f;
                }
            }
            awaiters.add(new Awaiter<>(type, f));
        }
        return f;
    }

    /** Completes awaiters for {@code e}; called under the engine lock, completions run on the callback executor. */
    @SuppressWarnings("unchecked")
    void offerToAwaiters(TradeEvent e) {
        for (var it = awaiters.iterator(); it.hasNext();) {
            Awaiter<?> a = it.next();
            if (a.type().isInstance(e)) {
                it.remove();
                CompletableFuture<TradeEvent> f = (CompletableFuture<TradeEvent>) a.future();
                engine.callbacks.execute(() -> f.complete(e));
            }
        }
    }

    @Override
    public void addListener(TradeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(TradeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletionStage<TradeEvent> addInvoice(String invoiceOrAddress) {
        if (invoiceOrAddress == null || invoiceOrAddress.isBlank()) {
            throw new ClientStateException("invoice is required");
        }
        return engine.tradeRequest(this, Action.ADD_INVOICE, new Payload.PaymentRequest(null, invoiceOrAddress, null));
    }

    @Override
    public CompletionStage<TradeEvent> fiatSent() {
        return engine.tradeRequest(this, Action.FIAT_SENT, null);
    }

    @Override
    public CompletionStage<TradeEvent> release() {
        return engine.tradeRequest(this, Action.RELEASE, null);
    }

    @Override
    public CompletionStage<TradeEvent> cancel() {
        return engine.tradeRequest(this, Action.CANCEL, null);
    }

    @Override
    public CompletionStage<TradeEvent> dispute() {
        return engine.tradeRequest(this, Action.DISPUTE, null);
    }

    @Override
    public CompletionStage<TradeEvent> rate(int rating) {
        if (rating < 1 || rating > 5) {
            throw new ClientStateException("rating must be 1..5 (Mostro drops other values silently)");
        }
        return engine.tradeRequest(this, Action.RATE_USER, new Payload.RatingUser(rating));
    }

    @Override
    public CompletionStage<TradeEvent> rotateTradeKey() {
        return engine.rotateTradeKey(this);
    }

    @Override
    public CompletionStage<SmallOrder> refresh() {
        return engine.refresh(this);
    }

    @Override
    public TradeChat chat() {
        TradeChatImpl c = peerChat;
        if (c == null) {
            throw new ClientStateException("Mostro has not named the counterparty of " + orderId + " yet");
        }
        return c;
    }

    @Override
    public TradeChat disputeChat() {
        TradeChatImpl c = disputeChat;
        if (c == null) {
            throw new ClientStateException("no solver has taken a dispute on " + orderId);
        }
        return c;
    }

    @Override
    public String toString() {
        return "Trade[" + orderId + ", " + role + " " + party + ", " + status.wireName() + "]";
    }
}
