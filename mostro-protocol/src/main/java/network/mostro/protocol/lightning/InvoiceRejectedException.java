package network.mostro.protocol.lightning;

import java.util.List;
import network.mostro.nostr.InvalidInputException;

/**
 * A decoded invoice failed one or more of the node's rules (SPEC §10.4); {@link #failures()} lists them all.
 * Thrown by {@link InvoiceValidation#requireValid()}. Kind {@code INVALID}.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvoiceRejectedException extends InvalidInputException {
    private final List<InvoiceRule> failures;

    InvoiceRejectedException(List<InvoiceRule> failures) {
        super("invoice rejected: " + failures);
        this.failures = List.copyOf(failures);
    }

    /** The failed rules, in {@link InvoiceRule} order; never empty. */
    public List<InvoiceRule> failures() {
        return failures;
    }
}
