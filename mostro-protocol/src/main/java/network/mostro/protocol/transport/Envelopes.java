package network.mostro.protocol.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip13;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Schnorr;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.internal.Hex;
import network.mostro.protocol.Message;
import network.mostro.protocol.codec.DecodeLimits;
import network.mostro.protocol.codec.MessageCodec;
import network.mostro.protocol.internal.TransportTuple;

/** Shared mechanics of both transports. Stateless and thread-safe; package-private. */
final class Envelopes {
    static final String IDENTITY_PREFIX = "mostro-transport-v2-identity:";
    private static final TransportTuple DEFAULT_TUPLES = create(DecodeLimits.DEFAULT);

    private Envelopes() {}

    static Message stamp(Message message, int version) {
        if (message == null) {
            throw new InvalidInputException("message is required");
        }
        return message.version() == version ? message : message.toBuilder().version(version).build();
    }

    static String canonical(Message message) {
        return MessageCodec.standard().encode(message);
    }

    static TransportTuple tuples(DecodeLimits limits) {
        return limits.equals(DecodeLimits.DEFAULT) ? DEFAULT_TUPLES : create(limits);
    }

    private static TransportTuple create(DecodeLimits l) {
        return new TransportTuple(l.maxJsonChars(), l.maxDepth(), l.maxStringChars(), l.maxListLength());
    }

    /** hex(BIP340(key, SHA256(utf8(text)))). */
    static String sign(PrivateKey key, String text, byte[] aux) {
        return Hex.encode(key.sign(Schnorr.sha256(text.getBytes(StandardCharsets.UTF_8)), aux));
    }

    static boolean verify(PublicKey key, String text, String sigHex) {
        return key.verify(Schnorr.sha256(text.getBytes(StandardCharsets.UTF_8)), Hex.decode(sigHex, 64, "signature"));
    }

    static String identityProofText(PublicKey eventAuthor, String messageJson) {
        return IDENTITY_PREFIX + eventAuthor.toHex() + ":" + messageJson;
    }

    static byte[] conversationKey(Nip44.ConversationKeyCache cache, PrivateKey own, PublicKey peer) {
        return cache != null ? cache.conversationKey(own, peer) : Nip44.conversationKey(own, peer);
    }

    static String encrypt(Nip44.ConversationKeyCache cache, PrivateKey own, PublicKey peer, String plaintext,
            byte[] nonce) {
        byte[] key = conversationKey(cache, own, peer);
        try {
            return Nip44.encrypt(plaintext, key, nonce, Nip44.LengthPrefix.U16_ONLY);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Decrypts or returns null when the payload does not decrypt with this key pair. */
    static String tryDecrypt(Nip44.ConversationKeyCache cache, PrivateKey own, PublicKey peer, String payload) {
        byte[] key = conversationKey(cache, own, peer);
        try {
            return Nip44.decrypt(payload, key);
        } catch (NostrException e) {
            return null;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Mines (if asked) and signs the template. */
    static CompletionStage<Event> finish(UnsignedEvent template, PrivateKey signer, WrapOptions options) {
        byte[] aux = options.nonceOrRandom(options.eventAuxRand);
        if (options.pow == 0) {
            return CompletableFuture.completedFuture(template.sign(signer, aux));
        }
        Nip13.Miner miner = options.miner != null ? options.miner : Nip13.Miner.defaultMiner();
        return miner.mine(template, options.pow).thenApply(mined -> mined.sign(signer, aux));
    }

    static UnwrapException fail(UnwrapException.Reason reason, String message) {
        return new UnwrapException(reason, message, null);
    }

    static UnwrapException fail(TransportTuple.TupleException e) {
        UnwrapException.Reason r = e.problem() == TransportTuple.Problem.UNPARSEABLE_MESSAGE
                ? UnwrapException.Reason.UNPARSEABLE_MESSAGE
                : UnwrapException.Reason.MALFORMED_TUPLE;
        return new UnwrapException(r, e.getMessage(), e);
    }

    static void require(Object o, String what) {
        if (o == null) {
            throw new InvalidInputException(what + " is required");
        }
    }
}
