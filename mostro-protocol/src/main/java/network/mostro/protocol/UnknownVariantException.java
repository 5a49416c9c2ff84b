package network.mostro.protocol;

import java.util.Objects;

/**
 * A closed set of wire spellings met a value this SDK does not know: an action, wrapper, payload key, order status,
 * order kind or dispute initiator. mostro-core rejects the same messages, and the usual cause is a newer daemon,
 * so a client may log these at a low level and ignore the message (SPEC §19). Kind INVALID.
 *
 * <p>Unknown {@code cant_do} reasons are not an error (see {@link Payload.CantDo}). Immutable and thread-safe.
 */
public class UnknownVariantException extends InvalidMessageException {
    private static final long serialVersionUID = 1L;

    /** Which closed set the unknown value belongs to. */
    public enum Category {
        /** The outer wrapper key ({@link MessageType}). */
        WRAPPER,
        /** The {@code action} member ({@link Action}). */
        ACTION,
        /** The payload key ({@link PayloadType}). */
        PAYLOAD,
        /** An order {@code status} ({@link OrderStatus}). */
        ORDER_STATUS,
        /** An order {@code kind} ({@link OrderKind}). */
        ORDER_KIND,
        /** A restored dispute's {@code initiator} ({@link DisputeInitiator}). */
        DISPUTE_INITIATOR
    }

    private final Category category;
    private final String value;

    /**
     * @param path JSON path of the member holding (or named by) the unknown value
     * @param category which set of spellings was consulted
     * @param value the unknown spelling as received
     */
    public UnknownVariantException(String path, Category category, String value) {
        super(path, "unknown " + category.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " \""
                + abbreviate(value) + "\"");
        this.category = Objects.requireNonNull(category, "category");
        this.value = Objects.requireNonNull(value, "value");
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    /** Which closed set the value was looked up in. */
    public Category category() {
        return category;
    }

    /** The unknown spelling exactly as received. */
    public String value() {
        return value;
    }
}
