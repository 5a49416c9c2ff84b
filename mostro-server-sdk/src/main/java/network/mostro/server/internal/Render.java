package network.mostro.server.internal;

import java.util.List;
import java.util.UUID;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.Action;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.UserInfo;
import network.mostro.protocol.event.DisputeEvent;
import network.mostro.protocol.event.FiatAmount;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.protocol.event.OrderEventStatus;
import network.mostro.protocol.event.OrderRating;
import network.mostro.protocol.event.Platform;
import network.mostro.protocol.event.RatingEvent;
import network.mostro.server.NodeSettings;
import network.mostro.server.store.DisputeRecord;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.UserRecord;

/** Builds SmallOrders and the node's public events (SPEC §7.2, §12). Stateless and thread-safe. */
final class Render {
    private static final long DAY = 86_400L;

    private Render() {}

    /** The SmallOrder a notification carries, with the amount chosen by the caller (SPEC §9.3). */
    static SmallOrder smallOrder(OrderRecord r, Action action, long amount) {
        SmallOrder.Builder b = SmallOrder.builder().id(r.id()).kind(r.kind()).status(r.status()).amount(amount)
                .fiatCode(r.fiatCode()).minAmount(r.minAmount()).maxAmount(r.maxAmount()).fiatAmount(r.fiatAmount())
                .paymentMethod(r.paymentMethod()).premium(r.premium()).createdAt(r.createdAt())
                .expiresAt(r.expiresAt());
        switch (action) {
            case ADD_INVOICE -> b.expiresAt(null);
            case BUYER_TOOK_ORDER -> b.buyerTradePubkey(r.buyerPubkey()).sellerTradePubkey(r.sellerPubkey());
            case HOLD_INVOICE_PAYMENT_ACCEPTED -> b.buyerTradePubkey(r.buyerPubkey())
                    .sellerTradePubkey(r.sellerPubkey()).buyerInvoice(r.buyerInvoice());
            case NEW_ORDER -> b.buyerInvoice(r.buyerInvoice());
            default -> { }
        }
        return b.build();
    }

    /** The SmallOrder of an {@code orders} reply: trade pubkeys, no buyer invoice. */
    static SmallOrder listed(OrderRecord r) {
        return SmallOrder.builder().id(r.id()).kind(r.kind()).status(r.status()).amount(r.amount())
                .fiatCode(r.fiatCode()).minAmount(r.minAmount()).maxAmount(r.maxAmount()).fiatAmount(r.fiatAmount())
                .paymentMethod(r.paymentMethod()).premium(r.premium()).buyerTradePubkey(r.buyerPubkey())
                .sellerTradePubkey(r.sellerPubkey()).createdAt(r.createdAt()).expiresAt(r.expiresAt()).build();
    }

    static UserInfo userInfo(UserRecord u, long now) {
        if (u == null) {
            return null;
        }
        return new UserInfo(u.totalRating(), u.totalReviews(), Math.max(0, (now - u.createdAt()) / DAY));
    }

    /** The maker's identity: the master key of the maker's side. */
    static String makerIdentity(OrderRecord r) {
        return r.kind() == network.mostro.protocol.OrderKind.SELL ? r.masterSellerPubkey() : r.masterBuyerPubkey();
    }

    static String makerTradeKey(OrderRecord r) {
        return r.kind() == network.mostro.protocol.OrderKind.SELL ? r.sellerPubkey() : r.buyerPubkey();
    }

    /** The kind-38383 event for {@code r} in bucket {@code bucket} (SPEC §12.1). */
    static UnsignedEvent orderEvent(OrderRecord r, OrderStatus bucket, long createdAt, long now, NodeSettings s,
            PublicKey node, List<String> relays, String network, UserRecord maker) {
        OrderEventStatus st = switch (bucket) {
            case PENDING -> OrderEventStatus.PENDING;
            case IN_PROGRESS -> OrderEventStatus.IN_PROGRESS;
            case SUCCESS -> OrderEventStatus.SUCCESS;
            default -> OrderEventStatus.CANCELED;
        };
        boolean pending = st == OrderEventStatus.PENDING;
        boolean range = r.minAmount() != null && r.maxAmount() != null;
        FiatAmount fa = range && pending && r.fiatAmount() == 0 ? FiatAmount.range(r.minAmount(), r.maxAmount())
                : FiatAmount.of(r.fiatAmount());
        OrderRating rating = null;
        if (pending) {
            String id = makerIdentity(r);
            boolean fullPrivacy = id == null || id.equals(makerTradeKey(r));
            rating = fullPrivacy || maker == null ? OrderRating.none()
                    : OrderRating.of(Math.max(0, (now - maker.createdAt()) / DAY), maker.totalRating(),
                            maker.totalReviews());
        }
        OrderEvent e = OrderEvent.builder().orderId(r.id().toString()).kind(r.kind()).fiatCode(r.fiatCode())
                .status(st).amount(r.amount()).fiatAmount(fa).paymentMethod(r.paymentMethod()).premium(r.premium())
                .rating(rating).source(pending ? OrderEvent.sourceOf(r.id().toString(), relays, node) : null)
                .network(network).layer("lightning").expiresAt(r.expiresAt())
                .expiration(pending && r.expiresAt() > 0 ? r.expiresAt() : now + s.orderDays() * DAY)
                .platform(Platform.mostro(s.name())).z("order").build();
        return e.toUnsignedEvent(node, createdAt);
    }

    /** The kind-38386 event (SPEC §12.4). */
    static UnsignedEvent disputeEvent(DisputeRecord d, long createdAt, long now, NodeSettings s, PublicKey node) {
        DisputeEvent e = new DisputeEvent(d.id().toString(), now + s.disputeDays() * DAY, d.status().wireName(),
                d.initiator().wireName(), d.createdAt(), Platform.mostro(s.name()), "dispute", List.of());
        return e.toUnsignedEvent(node, createdAt);
    }

    /** The kind-38384 event (SPEC §12.2): {@code d} = the rater's trade key. */
    static UnsignedEvent ratingEvent(String raterTradeKey, UserRecord rated, long now, NodeSettings s,
            PublicKey node) {
        RatingEvent e = new RatingEvent(raterTradeKey, now + s.ratingDays() * DAY, rated.totalReviews(),
                rated.totalRating(), rated.lastRating(), rated.maxRating(), rated.minRating(), "rating",
                Math.max(0, (now - rated.createdAt()) / DAY), null, List.of());
        return e.toUnsignedEvent(node, now);
    }

    /** mostro-core's {@code User::update_rating} (SPEC §12.2). */
    static UserRecord rate(UserRecord u, int vote) {
        if (u.totalReviews() == 0) {
            return new UserRecord(u.identityPubkey(), u.lastTradeIndex(), 1, vote / 2.0, vote, vote, vote,
                    u.createdAt());
        }
        long reviews = u.totalReviews() + 1;
        double total = u.totalRating() + (u.lastRating() - u.totalRating()) / reviews;
        return new UserRecord(u.identityPubkey(), u.lastTradeIndex(), reviews, total, vote,
                Math.min(u.minRating(), vote), Math.max(u.maxRating(), vote), u.createdAt());
    }

    static UUID uuid() {
        return UUID.randomUUID();
    }

    static String sign(UnsignedEvent e, PrivateKey key) {
        return e.sign(key).toJson();
    }
}
