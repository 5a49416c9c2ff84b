package network.mostro.nostr.relay;

/**
 * The machine-readable prefix of a relay's {@code OK} or {@code CLOSED} message (NIP-01), such as
 * {@code "rate-limited: slow down"}. Immutable and thread-safe.
 */
public enum RelayMessagePrefix {
    /** No prefix, or the message is empty. */
    NONE(""),
    DUPLICATE("duplicate"),
    POW("pow"),
    BLOCKED("blocked"),
    RATE_LIMITED("rate-limited"),
    INVALID("invalid"),
    RESTRICTED("restricted"),
    /** NIP-42: authenticate first (the pool retries once when it has a signer). */
    AUTH_REQUIRED("auth-required"),
    MUTE("mute"),
    ERROR("error"),
    UNSUPPORTED("unsupported"),
    /** A prefix this library does not know; see the full message. */
    UNKNOWN("");

    private final String wireName;

    RelayMessagePrefix(String wireName) {
        this.wireName = wireName;
    }

    /** The prefix as written before the colon ({@code ""} for {@link #NONE} and {@link #UNKNOWN}). */
    public String wireName() {
        return wireName;
    }

    /** Parses the prefix of a relay message: text before the first {@code ":"}; never throws. */
    public static RelayMessagePrefix of(String message) {
        if (message == null || message.isEmpty()) {
            return NONE;
        }
        int colon = message.indexOf(':');
        if (colon <= 0) {
            return NONE;
        }
        String p = message.substring(0, colon);
        for (RelayMessagePrefix v : values()) {
            if (!v.wireName.isEmpty() && v.wireName.equals(p)) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
