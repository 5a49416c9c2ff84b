package network.mostro.client;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.SmallOrder;

/**
 * What a {@link SessionStore} keeps about one trade so the client can resume it after a restart: the trade key's
 * index (the key itself is re-derived, never stored), the tracked status and state-machine context, the latest order
 * snapshot and what Mostro told about the counterparty. Immutable and thread-safe.
 *
 * @param orderId the order id
 * @param node the node's public key (hex)
 * @param tradeIndex index of the trade key on {@code m/44'/1237'/38383'/0/<index>}
 * @param role maker or taker
 * @param kind buy or sell
 * @param status the tracked daemon status
 * @param context the state machine's trade context, component name → value (see {@code TradeContext})
 * @param order the latest order snapshot Mostro sent, or null
 * @param peerTradePubkey the counterparty's trade key (hex), or null
 * @param holdInvoice the hold invoice the seller must pay, or null
 * @param disputeId the dispute id, or null
 * @param solverPubkey the solver's key (hex) once a solver took the dispute, or null
 * @param firstUsedAt when the trade key first sent a message (Unix seconds), for first-contact proof of work
 * @param parentOrderId the range parent order when this is a child order, or null
 * @param nextTradeIndex the trade index given as {@code next_trade} for a range child, or null
 */
public record TradeRecord(UUID orderId, String node, long tradeIndex, TradeRole role, OrderKind kind,
        OrderStatus status, Map<String, String> context, SmallOrder order, String peerTradePubkey, String holdInvoice,
        UUID disputeId, String solverPubkey, long firstUsedAt, UUID parentOrderId, Long nextTradeIndex) {
    public TradeRecord {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
