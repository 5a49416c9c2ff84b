package network.mostro.nostr;

/**
 * The input uses a version, algorithm or feature this SDK does not implement (for example a NIP-44
 * version other than 2). Kind {@link NostrException.Kind#UNSUPPORTED}.
 */
public class UnsupportedInputException extends NostrException {
    public UnsupportedInputException(String message) {
        super(Kind.UNSUPPORTED, message);
    }
}
