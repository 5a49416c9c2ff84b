package network.mostro.client;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import network.mostro.nostr.PublicKey;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.event.FiatAmount;
import network.mostro.protocol.event.OrderEventStatus;
import network.mostro.protocol.event.OrderRating;

/**
 * One order of a node's public order book: the newest revision of its kind-38383 event (SPEC §12.1). Immutable and
 * thread-safe.
 *
 * @param orderId the order id ({@code d})
 * @param node the node that published it
 * @param kind buy or sell
 * @param status the public status bucket ({@code s})
 * @param fiatCode {@code f}
 * @param amountSats {@code amt}: 0 for a market-price order not yet taken
 * @param fiatAmount {@code fa}: a single amount or a range
 * @param paymentMethods {@code pm}
 * @param premium {@code premium} percent (market orders)
 * @param rating the maker's reputation at publication, or null
 * @param expiresAt {@code expires_at} (Unix seconds), or null
 * @param expiration NIP-40 {@code expiration} (Unix seconds), or null
 * @param network {@code network}, or null
 * @param createdAt {@code created_at} of the revision
 * @param eventId id of the revision
 */
public record OrderBookEntry(UUID orderId, PublicKey node, OrderKind kind, OrderEventStatus status, String fiatCode,
        long amountSats, FiatAmount fiatAmount, List<String> paymentMethods, long premium, OrderRating rating,
        Long expiresAt, Long expiration, String network, long createdAt, String eventId) {
    public OrderBookEntry {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fiatCode, "fiatCode");
        Objects.requireNonNull(fiatAmount, "fiatAmount");
        paymentMethods = List.copyOf(paymentMethods);
        Objects.requireNonNull(eventId, "eventId");
    }

    /** Whether the order is a range order (take with a fiat amount inside the range). */
    public boolean isRange() {
        return fiatAmount.isRange();
    }

    /** Whether the sats are fixed at take time from the market price. */
    public boolean isMarketPrice() {
        return amountSats == 0;
    }

    /** Whether the order has expired at {@code nowSeconds} ({@code expires_at} or NIP-40 {@code expiration}). */
    public boolean isExpiredAt(long nowSeconds) {
        return (expiresAt != null && expiresAt > 0 && expiresAt <= nowSeconds)
                || (expiration != null && expiration <= nowSeconds);
    }
}
