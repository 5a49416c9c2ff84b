package network.mostro.protocol.lightning;

import java.util.Objects;
import network.mostro.nostr.CryptoException;

/**
 * Thrown for a BOLT #11 invoice whose signature does not verify or cannot be recovered, or whose node key is invalid. {@link #reason()} says which rule failed.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvoiceSignatureException extends CryptoException implements InvoiceFailure {
    private final Bolt11Error reason;

    InvoiceSignatureException(Bolt11Error reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Bolt11Error reason() {
        return reason;
    }
}
