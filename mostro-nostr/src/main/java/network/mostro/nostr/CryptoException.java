package network.mostro.nostr;

/**
 * A cryptographic check failed: a MAC or signature does not verify, a point is not on the curve, a
 * private key is out of range. Kind {@link NostrException.Kind#CRYPTO}.
 */
public class CryptoException extends NostrException {
    public CryptoException(String message) {
        super(Kind.CRYPTO, message);
    }

    public CryptoException(String message, Throwable cause) {
        super(Kind.CRYPTO, message, cause);
    }
}
