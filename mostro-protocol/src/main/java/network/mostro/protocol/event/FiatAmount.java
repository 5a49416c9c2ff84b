package network.mostro.protocol.event;

import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Tag;
import network.mostro.protocol.internal.RustDisplay;

/**
 * The {@code fa} tag: one fiat amount, or a range {@code [min, max]} while a range order is pending. Immutable and
 * thread-safe.
 *
 * @param amount the fiat amount, or the range minimum
 * @param max the range maximum, or null for a single amount
 */
public record FiatAmount(long amount, Long max) {
    /** A single amount. */
    public static FiatAmount of(long amount) {
        return new FiatAmount(amount, null);
    }

    /** A range. */
    public static FiatAmount range(long min, long max) {
        if (max < min) {
            throw new InvalidInputException("range maximum below minimum");
        }
        return new FiatAmount(min, max);
    }

    /** Whether this is a range. */
    public boolean isRange() {
        return max != null;
    }

    /** The {@code fa} tag. */
    public Tag toTag() {
        return max == null
                ? Tag.of("fa", RustDisplay.i64(amount))
                : Tag.of("fa", RustDisplay.i64(amount), RustDisplay.i64(max));
    }

    static FiatAmount parse(Tag t) {
        if (t == null) {
            throw new EventParseException("fa", "required tag missing");
        }
        if (t.size() == 2) {
            return of(TagReader.toLong("fa", t.get(1)));
        }
        if (t.size() == 3) {
            long min = TagReader.toLong("fa", t.get(1));
            long max = TagReader.toLong("fa", t.get(2));
            if (max < min) {
                throw new EventParseException("fa", "range maximum below minimum");
            }
            return new FiatAmount(min, max);
        }
        throw new EventParseException("fa", "expected one amount or a min and a max");
    }
}
