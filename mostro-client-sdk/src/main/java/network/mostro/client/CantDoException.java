package network.mostro.client;

import java.util.Optional;
import java.util.UUID;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;

/**
 * Mostro refused a request with a {@code cant-do} message (SPEC §5.5). The refusal is data: branch on
 * {@link #reason()}. Newer daemons add reasons; an unknown one is kept as {@link #wireReason()} with an empty
 * {@link #reason()}. Immutable and thread-safe.
 */
public final class CantDoException extends NostrException {
    private static final long serialVersionUID = 1L;

    private final transient Action request;
    private final String wireReason;
    private final UUID orderId;

    /**
     * @param request the action that was refused
     * @param wireReason the reason as sent (snake_case), or null when Mostro gave none
     * @param orderId the order the request was about, or null
     */
    public CantDoException(Action request, String wireReason, UUID orderId) {
        super(Kind.INVALID, "Mostro refused " + (request == null ? "the request" : request.wireName())
                + (orderId == null ? "" : " for order " + orderId) + ": cant-do "
                + (wireReason == null ? "(no reason)" : wireReason));
        this.request = request;
        this.wireReason = wireReason;
        this.orderId = orderId;
    }

    /** The refused action. */
    public Action request() {
        return request;
    }

    /** The reason, when it is one this SDK knows. */
    public Optional<CantDoReason> reason() {
        return CantDoReason.fromWire(wireReason);
    }

    /** The reason exactly as sent, or null. */
    public String wireReason() {
        return wireReason;
    }

    /** The order concerned, if any. */
    public Optional<UUID> orderId() {
        return Optional.ofNullable(orderId);
    }
}
