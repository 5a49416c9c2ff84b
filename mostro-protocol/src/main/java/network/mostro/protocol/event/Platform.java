package network.mostro.protocol.event;

import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Tag;

/**
 * The NIP-69 {@code y} tag: the platform ({@code "mostro"}) and, when the node has a {@code name} setting, the
 * instance name ({@code ["y", "mostro", "<name>"]}). Immutable and thread-safe.
 *
 * @param name the platform, {@code "mostro"} for Mostro nodes
 * @param instanceName the instance name, or null
 */
public record Platform(String name, String instanceName) {
    /** Mostro's platform name. */
    public static final String MOSTRO = "mostro";

    public Platform {
        if (name == null) {
            throw new InvalidInputException("platform name is required");
        }
    }

    /** {@code ["y", "mostro"]}, or with the instance name when not null. */
    public static Platform mostro(String instanceName) {
        return new Platform(MOSTRO, instanceName);
    }

    /** The {@code y} tag. */
    public Tag toTag() {
        return instanceName == null ? Tag.of("y", name) : Tag.of("y", name, instanceName);
    }
}
