package network.mostro.protocol.event;

import java.util.Objects;
import network.mostro.nostr.InvalidInputException;

/**
 * A published Mostro event that cannot be read: wrong kind, a required tag missing, or a known tag with a malformed
 * value. {@link #tag()} names the offending tag ({@code "kind"} or {@code "content"} for those members). Kind
 * {@link network.mostro.nostr.NostrException.Kind#INVALID}. Immutable and thread-safe.
 */
public final class EventParseException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String tag;

    /**
     * @param tag the offending tag name
     * @param message what is wrong
     */
    public EventParseException(String tag, String message) {
        super(Objects.requireNonNull(tag, "tag") + ": " + message);
        this.tag = tag;
    }

    /** The offending tag name. */
    public String tag() {
        return tag;
    }
}
