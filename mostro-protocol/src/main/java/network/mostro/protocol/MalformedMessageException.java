package network.mostro.protocol;

import java.util.Objects;
import network.mostro.nostr.MalformedInputException;

/**
 * The text is not JSON at all (or not JSON serde_json would read: comments, trailing data, an unpaired UTF-16
 * surrogate, a bad escape), so it cannot be a Mostro message. Kind {@link network.mostro.nostr.NostrException.Kind#MALFORMED}.
 *
 * <p>{@link #path()} is the JSON path of the innermost member the reader had entered when the syntax broke, for
 * example {@code $.order.payload}; it is {@code $} when nothing could be read. Immutable and thread-safe.
 */
public class MalformedMessageException extends MalformedInputException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path JSON path where reading stopped ({@code $} for the document)
     * @param message what was wrong; never includes secret material
     */
    public MalformedMessageException(String path, String message) {
        super(Objects.requireNonNull(path, "path") + ": " + message);
        this.path = path;
    }

    /**
     * @param path JSON path where reading stopped
     * @param message what was wrong
     * @param cause diagnostic cause (never part of the API contract)
     */
    public MalformedMessageException(String path, String message, Throwable cause) {
        super(Objects.requireNonNull(path, "path") + ": " + message, cause);
        this.path = path;
    }

    /** JSON path of the offending location, such as {@code $.order.payload.order}. */
    public String path() {
        return path;
    }
}
