package network.mostro.protocol;

/**
 * A user's reputation as Mostro reports it ({@code reputation} inside a {@code peer} payload, and the
 * {@code initiator_info}/{@code counterpart_info} of {@link SolverDisputeInfo}; SPEC §5.2).
 *
 * <p>{@code rating} is the only floating-point value in Mostro messages; the codec prints it exactly as
 * serde_json does (shortest round-trip digits, {@code 5.0}, {@code 1e-7}). Immutable and thread-safe.
 *
 * @param rating weighted aggregate rating; finite
 * @param reviews number of reviews (i64)
 * @param operatingDays days since the user's first trade (u64 carried as its 64-bit pattern; values at or above
 *     2^63 read as negative, use {@link Long#toUnsignedString(long)})
 */
public record UserInfo(double rating, long reviews, long operatingDays) {
    /** @throws IllegalArgumentException if {@code rating} is NaN or infinite (serde_json would write null) */
    public UserInfo {
        if (!Double.isFinite(rating)) {
            throw new IllegalArgumentException("rating must be finite");
        }
    }
}
