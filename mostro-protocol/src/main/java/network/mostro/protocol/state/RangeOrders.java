package network.mostro.protocol.state;

import java.util.Optional;
import network.mostro.nostr.InvalidInputException;

/**
 * The child-order rule of range orders (SPEC §8.3) as a pure function. Stateless and thread-safe.
 *
 * <p>Example: a 10–100 range taken for 30 leaves a 10–70 range; taken for 90 leaves a fixed order of 10; taken for
 * 95 leaves nothing.
 */
public final class RangeOrders {
    private RangeOrders() {}

    /**
     * The shape of a child order. The child also gets a new id, status {@code pending}, {@code amount 0},
     * {@code range_parent_id}, the maker's next trade key and index, and the parent's {@code created_at} /
     * {@code expires_at}.
     */
    public sealed interface Child permits Range, Fixed {}

    /**
     * A range child: {@code fiat_amount 0}, {@code min_amount = min}, {@code max_amount = max}.
     *
     * @param min the parent's minimum
     * @param max the new maximum ({@code > min})
     */
    public record Range(long min, long max) implements Child {}

    /**
     * A fixed child: {@code fiat_amount = fiatAmount}, {@code min_amount}/{@code max_amount} null.
     *
     * @param fiatAmount the remainder, equal to the parent's minimum
     */
    public record Fixed(long fiatAmount) implements Child {}

    /**
     * The child left after a slice of {@code takenFiat} was released: with {@code newMax = max − takenFiat},
     * {@code newMax > min} → a range, {@code newMax == min} → a fixed order, {@code newMax < min} → none. (The child
     * is created only if the maker gave {@code next_trade}; see {@link TradeContext#rangeRemainder()}.)
     *
     * @throws InvalidInputException unless {@code 0 <= min < max} and {@code min <= takenFiat <= max}
     */
    public static Optional<Child> childAfter(long min, long max, long takenFiat) {
        if (min < 0 || min >= max) {
            throw new InvalidInputException("range order needs 0 <= min < max");
        }
        if (takenFiat < min || takenFiat > max) {
            throw new InvalidInputException("taken fiat amount outside [min, max]");
        }
        long newMax = max - takenFiat;
        if (newMax > min) {
            return Optional.of(new Range(min, newMax));
        }
        if (newMax == min) {
            return Optional.of(new Fixed(newMax));
        }
        return Optional.empty();
    }

    /** Whether {@link #childAfter} yields a child (the value for {@link TradeContext#rangeRemainder()}). */
    public static boolean hasRemainder(long min, long max, long takenFiat) {
        return childAfter(min, max, takenFiat).isPresent();
    }
}
