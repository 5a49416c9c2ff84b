package network.mostro.protocol.lightning;

import java.util.List;

/**
 * The outcome of {@link InvoiceValidator#validate}: every rule the invoice failed, in {@link InvoiceRule}
 * order (empty when it passed).
 *
 * <p>Immutable and thread-safe.
 *
 * @param failures the failed rules
 */
public record InvoiceValidation(List<InvoiceRule> failures) {
    /** Copies the list. */
    public InvoiceValidation {
        failures = List.copyOf(failures);
    }

    /** Whether no rule failed. */
    public boolean isValid() {
        return failures.isEmpty();
    }

    /** Whether {@code rule} failed. */
    public boolean failed(InvoiceRule rule) {
        return failures.contains(rule);
    }

    /**
     * Returns normally when valid.
     *
     * @throws InvoiceRejectedException listing the failures otherwise
     */
    public void requireValid() {
        if (!failures.isEmpty()) {
            throw new InvoiceRejectedException(failures);
        }
    }
}
