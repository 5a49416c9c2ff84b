package network.mostro.protocol.lightning;

import java.util.Objects;
import network.mostro.nostr.MalformedInputException;

/**
 * Thrown for not syntactically a BOLT #11 invoice (bech32, prefix, amount, field layout). {@link #reason()} says which rule failed.
 *
 * <p>Immutable and thread-safe.
 */
public final class MalformedInvoiceException extends MalformedInputException implements InvoiceFailure {
    private final Bolt11Error reason;

    MalformedInvoiceException(Bolt11Error reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Bolt11Error reason() {
        return reason;
    }
}
