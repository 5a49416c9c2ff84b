package network.mostro.protocol.transport;

import network.mostro.nostr.Nip44;
import network.mostro.protocol.codec.DecodeLimits;

/**
 * How a transport opens an inbound event. Immutable and thread-safe.
 *
 * @param verifyEvent whether to verify the outer event's id and signature (default true); a node that already ran
 *     {@code event.verify()} (SPEC §3.6 step 3) may skip it
 * @param conversationKeyCache optional cache of conversation keys per peer (v2: per trade key; v1: per seal signer)
 * @param limits decode limits for the message inside the tuple
 */
public record UnwrapOptions(boolean verifyEvent, Nip44.ConversationKeyCache conversationKeyCache, DecodeLimits limits) {
    private static final UnwrapOptions DEFAULTS = new UnwrapOptions(true, null, DecodeLimits.DEFAULT);

    public UnwrapOptions {
        if (limits == null) {
            limits = DecodeLimits.DEFAULT;
        }
    }

    /** Verify the event, no cache, default limits. */
    public static UnwrapOptions defaults() {
        return DEFAULTS;
    }

    /** A copy using {@code cache}. */
    public UnwrapOptions withConversationKeyCache(Nip44.ConversationKeyCache cache) {
        return new UnwrapOptions(verifyEvent, cache, limits);
    }

    /** A copy that trusts the caller to have verified the event already. */
    public UnwrapOptions withoutEventVerification() {
        return new UnwrapOptions(false, conversationKeyCache, limits);
    }
}
