package network.mostro.protocol;

import java.util.List;

/**
 * The outcome of a structural check: every problem found, empty when valid. Immutable and thread-safe.
 *
 * @param problems human-readable problems, in the order found
 */
public record ValidationResult(List<String> problems) {
    private static final ValidationResult OK = new ValidationResult(List.of());

    /** @throws NullPointerException if the list or an element is null */
    public ValidationResult {
        problems = List.copyOf(problems);
    }

    /** The result with no problems. */
    public static ValidationResult ok() {
        return OK;
    }

    /** Whether no problem was found. */
    public boolean isValid() {
        return problems.isEmpty();
    }
}
