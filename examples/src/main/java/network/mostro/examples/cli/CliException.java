package network.mostro.examples.cli;

/**
 * A usage or configuration problem found by the CLI itself (exit code {@link MostroCli#EXIT_USAGE}). Immutable and
 * thread-safe.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
