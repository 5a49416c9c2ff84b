package network.mostro.protocol.codec;

import java.util.Objects;
import network.mostro.protocol.InvalidMessageException;
import network.mostro.protocol.MalformedMessageException;
import network.mostro.protocol.Message;
import network.mostro.protocol.internal.MessageReader;
import network.mostro.protocol.internal.MessageWriter;

/**
 * Converts {@link Message}s to and from JSON byte-for-byte as mostro-core 0.14 (serde_json) does (SPEC §3.4).
 *
 * <p>{@link #encode(Message)} returns the canonical serialization: the exact text a trade signature and an
 * identity proof are computed over (sign its UTF-8 bytes, and send the same text as tuple element 1). Because the
 * daemon verifies signatures over <em>its own re-serialization</em> of what it parsed, {@code encode(decode(x))} is
 * also the text the daemon checks a received signature against.
 *
 * <p>{@link #decode(String)} accepts exactly what mostro-core accepts and fails with a typed exception carrying the
 * JSON path otherwise:
 * <ul>
 *   <li>{@link MalformedMessageException} (kind MALFORMED): not JSON, trailing data, comments, an unpaired
 *       surrogate escape;</li>
 *   <li>{@link InvalidMessageException} (kind INVALID): valid JSON that is not a Mostro message — wrong shape or
 *       type, missing or duplicated member, a fraction, exponent or {@code -0} where an integer is required
 *       (SPEC §1), a string {@code request_id}, an unknown member inside an order (SmallOrder is
 *       {@code deny_unknown_fields}, SPEC §4.2), a tuple of the wrong length (a 2-element {@code payment_request},
 *       SPEC §18 #4), a bare-string {@code dispute} payload (SPEC §18 #1), a non-UUID id, or a {@link DecodeLimits}
 *       bound exceeded;</li>
 *   <li>{@link network.mostro.protocol.UnknownVariantException} (an {@code InvalidMessageException}): an action,
 *       wrapper, payload key, order status/kind or dispute initiator this SDK does not know.</li>
 * </ul>
 * Tolerated as the daemon tolerates them: unknown members of the message kind and of every payload struct other
 * than SmallOrder (they vanish on re-encoding, so such input is not canonical), absent optional members, any
 * {@code cant_do} reason string. Decoding does not run {@link Message#validate()}.
 *
 * <p>Example:
 * <pre>{@code
 * MessageCodec codec = MessageCodec.standard();
 * Message m = codec.decode(json);             // throws MalformedMessageException / InvalidMessageException
 * String canonical = codec.encode(m);         // sign sha256(canonical.getBytes(UTF_8))
 * }</pre>
 * Instances are immutable and thread-safe; share one.
 */
public final class MessageCodec {
    private static final MessageCodec STANDARD = new MessageCodec(DecodeLimits.DEFAULT);

    private final DecodeLimits limits;
    private final MessageReader reader;

    private MessageCodec(DecodeLimits limits) {
        this.limits = limits;
        this.reader = new MessageReader(limits.maxJsonChars(), limits.maxDepth(), limits.maxStringChars(),
                limits.maxListLength());
    }

    /** The shared codec with {@link DecodeLimits#DEFAULT}. */
    public static MessageCodec standard() {
        return STANDARD;
    }

    /** A codec with the same behaviour and different decode limits. */
    public MessageCodec withLimits(DecodeLimits limits) {
        return new MessageCodec(Objects.requireNonNull(limits, "limits"));
    }

    /** The decode limits of this codec. */
    public DecodeLimits limits() {
        return limits;
    }

    /**
     * Parses one Mostro message ({@code {"order":{...}}} etc., not the transport tuple around it).
     *
     * @param json the message JSON
     * @return the message
     * @throws MalformedMessageException if {@code json} is null or not JSON
     * @throws InvalidMessageException if it is JSON but not a Mostro message, or exceeds the limits
     */
    public Message decode(String json) {
        return reader.read(json);
    }

    /**
     * The canonical JSON of {@code message}: compact, members in mostro-core order, {@code id} omitted when null,
     * {@code request_id}/{@code trade_index}/{@code payload} written as {@code null}, serde_json string escaping.
     *
     * @param message the message
     * @return the JSON text (sign its UTF-8 bytes)
     * @throws NullPointerException if {@code message} is null
     */
    public String encode(Message message) {
        return MessageWriter.write(Objects.requireNonNull(message, "message"));
    }
}
