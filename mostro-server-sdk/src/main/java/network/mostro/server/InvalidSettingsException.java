package network.mostro.server;

import java.util.List;
import java.util.stream.Collectors;
import network.mostro.nostr.InvalidInputException;

/**
 * One or more {@link NodeSettings} values are outside the range the daemon accepts. {@link #problems()} lists every
 * bad value, each named with the daemon's setting name (e.g. {@code dev_fee_percentage}); {@link #setting()} is the
 * first of them. Immutable and thread-safe.
 */
public final class InvalidSettingsException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * One bad setting.
     *
     * @param setting the daemon's name of the setting
     * @param message what is wrong with its value
     */
    public record Problem(String setting, String message) implements java.io.Serializable {
        /** {@code setting: message}. */
        @Override
        public String toString() {
            return setting + ": " + message;
        }
    }

    @SuppressWarnings("serial") // List.copyOf gives a serializable list of serializable records
    private final List<Problem> problems;

    /**
     * One bad setting.
     *
     * @param setting the daemon's name of the offending setting
     * @param message what is wrong
     */
    public InvalidSettingsException(String setting, String message) {
        this(List.of(new Problem(setting, message)));
    }

    /**
     * Several bad settings, in the order they were found.
     *
     * @param problems at least one problem
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public InvalidSettingsException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<Problem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSettingsException needs at least one problem");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    /** The daemon's name of the (first) offending setting. */
    public String setting() {
        return problems.get(0).setting();
    }

    /** Every bad setting, in the order they were found; never empty. */
    public List<Problem> problems() {
        return problems;
    }
}
