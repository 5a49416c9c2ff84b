package network.mostro.client;

import java.util.Objects;
import network.mostro.nostr.PublicKey;

/**
 * A summary of a node's public track record, computed from the events it published (SPEC §12): orders (kind 38383,
 * newest revision per order), disputes (kind 38386), user ratings (kind 38384) and how long it has been operating.
 * Helps users choose between competing Mostros. It covers only what the relays still hold (events expire under
 * NIP-40). Immutable and thread-safe.
 *
 * @param node the node
 * @param ordersSeen distinct orders seen
 * @param ordersSucceeded orders whose newest revision is {@code success}
 * @param ordersCanceled orders whose newest revision is {@code canceled} (includes expired ones)
 * @param ordersPending orders currently {@code pending}
 * @param ordersInProgress orders currently {@code in-progress}
 * @param disputes distinct disputes seen
 * @param disputesOpen disputes whose newest revision is {@code initiated} or {@code in-progress}
 * @param ratingEvents rating events seen (newest per {@code d} tag, one per rating batch entry)
 * @param averageLastRating mean of {@code last_rating} over those events, 0 when none
 * @param operatingDays whole days between the oldest event seen and now
 */
public record NodeReputation(PublicKey node, long ordersSeen, long ordersSucceeded, long ordersCanceled,
        long ordersPending, long ordersInProgress, long disputes, long disputesOpen, long ratingEvents,
        double averageLastRating, long operatingDays) {
    public NodeReputation {
        Objects.requireNonNull(node, "node");
    }

    /** Succeeded orders as a fraction of finished (succeeded + canceled) ones; 0 when none finished. */
    public double successRate() {
        long finished = ordersSucceeded + ordersCanceled;
        return finished == 0 ? 0 : (double) ordersSucceeded / finished;
    }

    /** Disputes per finished order; 0 when none finished. */
    public double disputeRate() {
        long finished = ordersSucceeded + ordersCanceled;
        return finished == 0 ? 0 : (double) disputes / finished;
    }
}
