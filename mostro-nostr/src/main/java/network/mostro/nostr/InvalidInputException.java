package network.mostro.nostr;

/**
 * The input parsed but breaks a rule: a wrong length, a value out of range, a missing member, an id that
 * does not match its content. Kind {@link NostrException.Kind#INVALID}.
 */
public class InvalidInputException extends NostrException {
    public InvalidInputException(String message) {
        super(Kind.INVALID, message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(Kind.INVALID, message, cause);
    }
}
