package network.mostro.nostr;

/**
 * Bounds applied when parsing untrusted event JSON. Immutable and thread-safe.
 *
 * @param maxJsonChars longest accepted JSON text (default 512 KiB of characters)
 * @param maxContentChars longest {@code content} (default 256 Ki characters)
 * @param maxTags most tags per event (default 2,000)
 * @param maxTagValues most elements in one tag (default 100)
 * @param maxTagValueChars longest tag element (default 8 Ki characters)
 */
public record EventLimits(int maxJsonChars, int maxContentChars, int maxTags, int maxTagValues, int maxTagValueChars) {
    /** The defaults documented on each component. */
    public static final EventLimits DEFAULT = new EventLimits(512 * 1024, 256 * 1024, 2_000, 100, 8 * 1024);

    public EventLimits {
        if (maxJsonChars <= 0 || maxContentChars <= 0 || maxTags < 0 || maxTagValues <= 0 || maxTagValueChars <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
