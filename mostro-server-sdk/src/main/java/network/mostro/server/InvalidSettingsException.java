package network.mostro.server;

import network.mostro.nostr.InvalidInputException;

/**
 * A {@link NodeSettings} value is outside the range the daemon accepts; {@link #setting()} names it with the
 * daemon's setting name (e.g. {@code dev_fee_percentage}). Immutable and thread-safe.
 */
public final class InvalidSettingsException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the daemon's name of the offending setting
     * @param message what is wrong
     */
    public InvalidSettingsException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    /** The daemon's name of the offending setting. */
    public String setting() {
        return setting;
    }
}
