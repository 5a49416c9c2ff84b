package network.mostro.protocol.transport;

import java.util.Arrays;
import java.util.List;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.keys.ChatKeys;

/**
 * Builds P2P and dispute chat events (SPEC §15.2, §15.3):
 * <ul>
 *   <li>inner: kind 1, signed by the sender's trade key (or the solver's key), {@code content} = the text,
 *       {@code created_at} = the real send time;</li>
 *   <li>outer: kind 14, signed by {@code K_sign}, tags exactly {@code [["p", pub(K_conv)]]}, content = NIP-44 v2 with
 *       the conversation key of ({@code K_conv}, {@code pub(K_conv)}) — self-encryption — of the inner event's JSON,
 *       {@code created_at} = the inner one.</li>
 * </ul>
 * Receive with {@link ChatReceiver}. Stateless and thread-safe.
 */
public final class Chat {
    /** Inner and outer chat kinds. */
    public static final int INNER_KIND = 1;
    /** The outer kind of the current scheme. */
    public static final int OUTER_KIND = 14;

    private Chat() {}

    /**
     * Wraps {@code text} from {@code sender} for the chat with {@code keys}. Uses {@code options}' clock or fixed
     * {@code createdAt}, its {@code nonce}, {@code tradeSigAuxRand} (inner signature) and {@code eventAuxRand}
     * (outer signature); expiration and proof-of-work settings are ignored.
     *
     * @throws InvalidInputException if an argument is null or the text is empty or too large for NIP-44
     */
    public static Event wrap(String text, PrivateKey sender, ChatKeys keys, WrapOptions options) {
        if (text == null || sender == null || keys == null || options == null) {
            throw new InvalidInputException("chat wrap needs text, the sender key, chat keys and options");
        }
        long createdAt = options.innerCreatedAt();
        Event inner = new UnsignedEvent(sender.publicKey(), createdAt, INNER_KIND, List.of(), text)
                .sign(sender, options.nonceOrRandom(options.tradeSigAuxRand));
        byte[] ck = Nip44.conversationKey(keys.conversationKey(), keys.conversationPublicKey());
        String content;
        try {
            content = Nip44.encrypt(inner.toJson(), ck, options.nonceOrRandom(options.nonce),
                    Nip44.LengthPrefix.U16_ONLY);
        } finally {
            Arrays.fill(ck, (byte) 0);
        }
        return new UnsignedEvent(keys.signingPublicKey(), createdAt, OUTER_KIND,
                List.of(Tag.of("p", keys.conversationPublicKey().toHex())), content)
                .sign(keys.signingKey(), options.nonceOrRandom(options.eventAuxRand));
    }

    /** As {@link #wrap(String, PrivateKey, ChatKeys, WrapOptions)} with {@link WrapOptions#defaults()}. */
    public static Event wrap(String text, PrivateKey sender, ChatKeys keys) {
        return wrap(text, sender, keys, WrapOptions.defaults());
    }
}
