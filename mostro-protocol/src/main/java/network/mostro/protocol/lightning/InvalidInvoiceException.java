package network.mostro.protocol.lightning;

import java.util.Objects;
import network.mostro.nostr.InvalidInputException;

/**
 * Thrown for a well-formed BOLT #11 invoice that breaks a rule (missing payment hash or description, sub-millisatoshi amount, bad builder input). {@link #reason()} says which rule failed.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidInvoiceException extends InvalidInputException implements InvoiceFailure {
    private final Bolt11Error reason;

    InvalidInvoiceException(Bolt11Error reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Bolt11Error reason() {
        return reason;
    }
}
