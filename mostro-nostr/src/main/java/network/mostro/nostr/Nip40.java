package network.mostro.nostr;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * NIP-40 expiration: the {@code ["expiration", "<unix seconds>"]} tag after which relays and clients should
 * treat an event as gone (<a href="https://github.com/nostr-protocol/nips/blob/master/40.md">NIP-40</a>).
 *
 * <p>Mostro puts one on its order (kind 38383), rating, dispute and kind-14 reply events (SPEC §3.2, §12):
 * <pre>{@code
 * UnsignedEvent.builder(14).tag(Nip40.tag(Instant.now().plus(Duration.ofDays(30))))...
 * if (Nip40.isExpired(orderEvent, clock)) { ... }
 * }</pre>
 *
 * <p><b>Malformed values.</b> The value must be a plain decimal number of seconds (ASCII digits only, no sign, no
 * fraction, at most 18 digits, not beyond {@link Instant#MAX}). A tag that is present but malformed (no value, {@code "soon"}, {@code "-5"},
 * {@code "1.5e9"}) is reported as an {@link InvalidInputException} rather than read as "never expires": an event
 * should not live forever because of a typo. A caller that prefers to skip such events catches that exception.
 * Only the first {@code expiration} tag counts.
 *
 * <p>Stateless and thread-safe.
 */
public final class Nip40 {
    /** The tag name. */
    public static final String TAG = "expiration";

    private static final int MAX_DIGITS = 18;

    private Nip40() {}

    /** {@code ["expiration", "<unix seconds>"]} for {@code at} (fractions of a second are dropped). */
    public static Tag tag(Instant at) {
        return tag(at.getEpochSecond());
    }

    /**
     * {@code ["expiration", "<unixSeconds>"]}.
     *
     * @throws InvalidInputException if {@code unixSeconds} is negative
     */
    public static Tag tag(long unixSeconds) {
        if (unixSeconds < 0) {
            throw new InvalidInputException("expiration must not be negative");
        }
        return Tag.of(TAG, Long.toString(unixSeconds));
    }

    /**
     * The expiration of {@code event}, or empty when it has no {@code expiration} tag.
     *
     * @throws InvalidInputException if the first {@code expiration} tag has no value or a malformed one
     */
    public static Optional<Instant> expiration(Event event) {
        return expiration(event.tags());
    }

    /** As {@link #expiration(Event)}, for an unsigned event or rumor. */
    public static Optional<Instant> expiration(UnsignedEvent event) {
        return expiration(event.tags());
    }

    /** As {@link #expiration(Event)}, for a tag list. */
    public static Optional<Instant> expiration(List<Tag> tags) {
        for (Tag t : tags) {
            if (t.name().equals(TAG)) {
                return Optional.of(Instant.ofEpochSecond(parse(t.value())));
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code event} has an expiration that is at or before {@code now} (NIP-40: an event is expired
     * once the current time reaches the timestamp). An event without the tag never expires.
     *
     * @throws InvalidInputException if the expiration tag is malformed
     */
    public static boolean isExpired(Event event, Instant now) {
        Objects.requireNonNull(now, "now");
        return expiration(event).map(at -> !now.isBefore(at)).orElse(false);
    }

    /** As {@link #isExpired(Event, Instant)}, at {@code clock.instant()}. */
    public static boolean isExpired(Event event, Clock clock) {
        return isExpired(event, clock.instant());
    }

    private static long parse(String v) {
        if (v == null) {
            throw new InvalidInputException("expiration tag has no value");
        }
        int n = v.length();
        if (n == 0 || n > MAX_DIGITS) {
            throw new InvalidInputException("expiration must be 1 to " + MAX_DIGITS + " decimal digits");
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidInputException("expiration must be unix seconds in decimal digits");
            }
            value = value * 10 + (c - '0');
        }
        if (value > Instant.MAX.getEpochSecond()) {
            throw new InvalidInputException("expiration is beyond the largest representable instant");
        }
        return value;
    }
}
