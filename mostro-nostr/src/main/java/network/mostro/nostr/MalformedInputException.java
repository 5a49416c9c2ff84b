package network.mostro.nostr;

/**
 * The input could not be parsed at all: not JSON, not hex, a bad bech32 checksum, a truncated payload.
 * Kind {@link NostrException.Kind#MALFORMED}.
 */
public class MalformedInputException extends NostrException {
    public MalformedInputException(String message) {
        super(Kind.MALFORMED, message);
    }

    public MalformedInputException(String message, Throwable cause) {
        super(Kind.MALFORMED, message, cause);
    }
}
