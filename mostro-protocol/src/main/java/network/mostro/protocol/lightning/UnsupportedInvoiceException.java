package network.mostro.protocol.lightning;

import java.util.Objects;
import network.mostro.nostr.UnsupportedInputException;

/**
 * Thrown for a BOLT #11 invoice that requires a feature this SDK does not know (an unknown even feature bit;
 * BOLT #11 says the payment must fail). {@link #reason()} says which rule failed.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnsupportedInvoiceException extends UnsupportedInputException implements InvoiceFailure {
    private final Bolt11Error reason;

    UnsupportedInvoiceException(Bolt11Error reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Bolt11Error reason() {
        return reason;
    }
}
