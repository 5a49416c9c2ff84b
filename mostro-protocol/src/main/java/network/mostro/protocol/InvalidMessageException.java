package network.mostro.protocol;

import java.util.Objects;
import network.mostro.nostr.InvalidInputException;

/**
 * The text is valid JSON but not a Mostro message mostro-core would accept: a missing or duplicated member, a
 * wrong type, a fraction where an integer is required, an unknown member inside an order, a tuple of the wrong
 * length, a value out of range, or a decode limit exceeded. Also thrown by {@link Message#requireValid()}.
 * Kind {@link network.mostro.nostr.NostrException.Kind#INVALID}.
 *
 * <p>{@link #path()} names the offending member, for example {@code $.order.payload.order.amount} (object members
 * are joined with {@code .} even when they contain a hyphen, array elements use {@code [i]}). Immutable and
 * thread-safe.
 */
public class InvalidMessageException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path JSON path of the offending member ({@code $} for the whole message)
     * @param message what was wrong
     */
    public InvalidMessageException(String path, String message) {
        super(Objects.requireNonNull(path, "path") + ": " + message);
        this.path = path;
    }

    /**
     * @param path JSON path of the offending member
     * @param message what was wrong
     * @param cause diagnostic cause (never part of the API contract)
     */
    public InvalidMessageException(String path, String message, Throwable cause) {
        super(Objects.requireNonNull(path, "path") + ": " + message, cause);
        this.path = path;
    }

    /** JSON path of the offending member, such as {@code $.order.payload.order.amount}. */
    public String path() {
        return path;
    }
}
