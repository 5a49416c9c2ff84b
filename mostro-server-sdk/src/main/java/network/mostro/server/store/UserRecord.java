package network.mostro.server.store;

import network.mostro.nostr.InvalidInputException;

/**
 * A user as the node knows it, keyed by identity key (reputation mode only): the last trade index and the rating
 * aggregates of SPEC §12.2. Immutable and thread-safe.
 *
 * @param identityPubkey the identity key, hex
 * @param lastTradeIndex the highest trade index accepted from this identity (SPEC §2.3)
 * @param totalReviews number of ratings received
 * @param totalRating the running rating aggregate (mostro-core's formula, a display value, not money)
 * @param lastRating the last vote received (0 if none)
 * @param minRating the lowest vote received (0 if none)
 * @param maxRating the highest vote received (0 if none)
 * @param createdAt when the node first saw the identity, unix seconds
 */
public record UserRecord(String identityPubkey, long lastTradeIndex, long totalReviews, double totalRating,
        int lastRating, int minRating, int maxRating, long createdAt) {
    /** @throws InvalidInputException if the key is null, a number is negative or {@code totalRating} is not finite */
    public UserRecord {
        if (identityPubkey == null) {
            throw new InvalidInputException("user record: null identity");
        }
        if (lastTradeIndex < 0 || totalReviews < 0 || lastRating < 0 || minRating < 0 || maxRating < 0) {
            throw new InvalidInputException("user record: negative number");
        }
        if (!Double.isFinite(totalRating)) {
            // a JDBC store cannot round-trip NaN/infinity (SQLite stores NaN as NULL)
            throw new InvalidInputException("user record: totalRating must be finite");
        }
    }

    /** A new user with no trades and no ratings. */
    public static UserRecord first(String identityPubkey, long createdAt) {
        return new UserRecord(identityPubkey, 0, 0, 0.0, 0, 0, 0, createdAt);
    }
}
