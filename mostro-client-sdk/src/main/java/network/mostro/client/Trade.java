package network.mostro.client;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.PublicKey;
import network.mostro.protocol.Action;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.state.Party;
import network.mostro.protocol.state.Transition;
import network.mostro.protocol.state.WaitingOn;

/**
 * One order this user made or took, with its own trade key. {@link #status()} is tracked by the protocol's order
 * state machine from the notifications Mostro sends; every notification also arrives as a typed {@link TradeEvent}.
 *
 * <p>Each action returns a stage that completes with Mostro's direct answer (matched by {@code request_id}), or fails
 * with {@link CantDoException} (a refusal) or {@link NoAnswerException} (silence within the request timeout).
 * Mostro decides; the client does not block an action its own tracking thinks is not allowed ({@link #predict} tells
 * what the state machine expects). For a taker whose take was undone (taker cancel or timeout), the order goes back
 * to the book and this trade ends with status {@link OrderStatus#CANCELED}.
 *
 * <p>Thread-safe. Listener calls are serialized on the client's callback executor.
 */
public interface Trade {
    /** The order id. */
    UUID orderId();

    /** The node trading it. */
    PublicKey node();

    /** Buy or sell (the order's kind, whoever made it). */
    OrderKind kind();

    /** Maker or taker. */
    TradeRole role();

    /** This user's side: buyer or seller. */
    Party party();

    /** The tracked daemon status. */
    OrderStatus status();

    /** Whose move it is now. */
    WaitingOn waitingOn();

    /**
     * Whether this user's part of the trade is over: the status is terminal ({@code success}, a cancellation,
     * {@code expired}, an admin resolution), or this user is the seller and the escrow is settled ({@code
     * settled-hold-invoice}: the node pays the buyer next and never tells the seller). A finished trade still accepts
     * {@link #rate} and still receives {@code rate} / {@code rate-received}; its trade key stays subscribed until
     * nothing more can arrive for it (rated or unable to rate, no bond share owed), then the subscription is closed
     * (a later request from the trade opens it again).
     */
    boolean isFinished();

    /** The latest order snapshot Mostro sent. */
    Optional<SmallOrder> order();

    /** The trade key's index. */
    long tradeIndex();

    /** The trade key (public). */
    PublicKey tradePublicKey();

    /** The counterparty's trade key, once Mostro named it. */
    Optional<String> counterpartyTradePubkey();

    /** The sats of the latest snapshot as this user sees them (SPEC §9.3), 0 until priced. */
    long amountSats();

    /** The hold invoice the seller must pay, once Mostro sent it. */
    Optional<String> holdInvoice();

    /** The dispute id, once a dispute exists. */
    Optional<UUID> disputeId();

    /** The solver's key, once a solver took the dispute. */
    Optional<String> solverPubkey();

    /** Every event so far (since this process loaded the trade), oldest first. */
    List<TradeEvent> events();

    /** What the state machine predicts if this user sent {@code action} now. */
    Transition predict(Action action);

    /**
     * The first event of {@code type}, already received or still to come. Combine with
     * {@code toCompletableFuture().orTimeout(...)} to bound the wait.
     */
    <T extends TradeEvent> CompletionStage<T> awaitEvent(Class<T> type);

    /** Registers a listener. */
    void addListener(TradeListener listener);

    /** Removes a listener. */
    void removeListener(TradeListener listener);

    /** Buyer: sends the payout invoice (bolt11, Lightning address or LNURL). */
    CompletionStage<TradeEvent> addInvoice(String invoiceOrAddress);

    /** Buyer: declares the fiat sent (a buy range maker also hands over its next trade key). */
    CompletionStage<TradeEvent> fiatSent();

    /** Seller: releases the escrow (a sell range maker also hands over its next trade key). */
    CompletionStage<TradeEvent> release();

    /** Cancels; on an active trade the first call starts a cooperative cancel and the counterparty's call ends it. */
    CompletionStage<TradeEvent> cancel();

    /** Opens a dispute. */
    CompletionStage<TradeEvent> dispute();

    /** Rates the counterparty (1–5). */
    CompletionStage<TradeEvent> rate(int rating);

    /** Maker of a pending order: moves it to a fresh trade key ({@code trade-pubkey}). */
    CompletionStage<TradeEvent> rotateTradeKey();

    /** Fetches the order from Mostro ({@code orders}) and updates the snapshot. */
    CompletionStage<SmallOrder> refresh();

    /**
     * The chat with the counterparty.
     *
     * @throws ClientStateException if Mostro has not named the counterparty yet
     */
    TradeChat chat();

    /**
     * The chat with the solver.
     *
     * @throws ClientStateException if no solver took a dispute yet
     */
    TradeChat disputeChat();
}
