package network.mostro.nostr;

/**
 * A network or relay failure: a connection could not be made or was lost, a relay pool was used after
 * {@code close()}. Kind {@link NostrException.Kind#TRANSPORT}, so {@link #isRetryable()} is true.
 *
 * <p>Immutable and thread-safe.
 */
public class TransportException extends NostrException {
    public TransportException(String message) {
        super(Kind.TRANSPORT, message);
    }

    public TransportException(String message, Throwable cause) {
        super(Kind.TRANSPORT, message, cause);
    }
}
