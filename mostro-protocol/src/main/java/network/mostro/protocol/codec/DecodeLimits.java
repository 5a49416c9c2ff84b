package network.mostro.protocol.codec;

/**
 * Bounds applied by {@link MessageCodec#decode(String)} to untrusted input; exceeding one is an
 * {@link network.mostro.protocol.InvalidMessageException}. Immutable and thread-safe.
 *
 * @param maxJsonChars longest accepted message text in UTF-16 chars (default 131,072; a NIP-44 v2 plaintext, which
 *     holds the whole tuple, is at most 65,535 bytes)
 * @param maxDepth deepest nesting of objects and arrays (default 32; real messages nest at most 7 deep)
 * @param maxStringChars longest string value (default 65,536; Cashu tokens can be long)
 * @param maxListLength most elements in one list ({@code ids}, {@code orders}, restore lists, Cashu signatures)
 *     (default 1,000)
 */
public record DecodeLimits(int maxJsonChars, int maxDepth, int maxStringChars, int maxListLength) {
    /** The defaults documented on each component. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(131_072, 32, 65_536, 1_000);

    /** @throws IllegalArgumentException if a limit is not positive or {@code maxDepth} is below 8 */
    public DecodeLimits {
        if (maxJsonChars <= 0 || maxStringChars <= 0 || maxListLength <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxDepth < 8) {
            throw new IllegalArgumentException("maxDepth must be at least 8 (valid messages nest up to 7 deep)");
        }
    }

    /** A copy with {@code maxJsonChars} replaced. */
    public DecodeLimits withMaxJsonChars(int value) {
        return new DecodeLimits(value, maxDepth, maxStringChars, maxListLength);
    }

    /** A copy with {@code maxDepth} replaced. */
    public DecodeLimits withMaxDepth(int value) {
        return new DecodeLimits(maxJsonChars, value, maxStringChars, maxListLength);
    }

    /** A copy with {@code maxStringChars} replaced. */
    public DecodeLimits withMaxStringChars(int value) {
        return new DecodeLimits(maxJsonChars, maxDepth, value, maxListLength);
    }

    /** A copy with {@code maxListLength} replaced. */
    public DecodeLimits withMaxListLength(int value) {
        return new DecodeLimits(maxJsonChars, maxDepth, maxStringChars, value);
    }
}
