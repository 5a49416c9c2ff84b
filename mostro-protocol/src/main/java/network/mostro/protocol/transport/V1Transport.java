package network.mostro.protocol.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip40;
import network.mostro.nostr.Nip59;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.Message;
import network.mostro.protocol.internal.TransportTuple;

/**
 * Protocol v1, deprecated (SPEC §3.5): Mostro's variant of the NIP-59 gift wrap.
 *
 * <ul>
 *   <li>rumor: kind 1, authored by the trade key, no tags, {@code created_at} = now, content
 *       {@code [message, trade_sig|null]};</li>
 *   <li>seal: kind 13 signed by the identity key (the trade key in full privacy), so the seal signer differs from
 *       the rumor author in reputation mode — standard NIP-59 libraries reject that; this class does not;</li>
 *   <li>gift wrap: kind 1059 signed by a fresh key, {@code ["p", receiver]} (plus {@code expiration} unless
 *       disabled), timestamps randomized up to two days into the past; proof of work is mined on it.</li>
 * </ul>
 * Node replies: rumor and seal both by the node key, content {@code [message, null]}, {@code version} 1.
 * Stateless and thread-safe; use {@link Transport#v1()}.
 */
public final class V1Transport implements Transport {
    /** The outer event kind. */
    public static final int KIND = Nip59.GIFT_WRAP_KIND;
    /** The protocol version stamped into messages. */
    public static final int VERSION = 1;
    /** The rumor kind. */
    public static final int RUMOR_KIND = 1;

    static final V1Transport INSTANCE = new V1Transport();

    private V1Transport() {}

    @Override
    public int eventKind() {
        return KIND;
    }

    @Override
    public int protocolVersion() {
        return VERSION;
    }

    @Override
    public CompletionStage<Event> wrapRequestAsync(Message message, SenderKeys sender, PublicKey mostro,
            WrapOptions options) {
        Envelopes.require(sender, "sender keys");
        Envelopes.require(mostro, "Mostro public key");
        Envelopes.require(options, "options");
        Message m = Envelopes.stamp(message, VERSION);
        String json = Envelopes.canonical(m);
        PrivateKey trade = sender.tradeKey();
        String tradeSig = sender.identityKey() == null
                ? null
                : Envelopes.sign(trade, json, options.nonceOrRandom(options.tradeSigAuxRand));
        PrivateKey sealSigner = sender.identityKey() == null ? trade : sender.identityKey();
        return build(TransportTuple.writeV1(json, tradeSig), trade.publicKey(), sealSigner, mostro, options);
    }

    @Override
    public Event wrapReply(Message message, PrivateKey node, PublicKey recipientTradeKey, WrapOptions options) {
        Envelopes.require(node, "node key");
        Envelopes.require(recipientTradeKey, "recipient trade key");
        Envelopes.require(options, "options");
        Message m = Envelopes.stamp(message, VERSION);
        String tuple = TransportTuple.writeV1(Envelopes.canonical(m), null);
        // Replies are never mined: the node's own events are not subject to PoW.
        return build(tuple, node.publicKey(), node, recipientTradeKey, options.withPow(0))
                .toCompletableFuture().join();
    }

    private static CompletionStage<Event> build(String tuple, PublicKey rumorAuthor, PrivateKey sealSigner,
            PublicKey receiver, WrapOptions options) {
        long createdAt = options.innerCreatedAt();
        UnsignedEvent rumor = new UnsignedEvent(rumorAuthor, createdAt, RUMOR_KIND, List.of(), tuple);
        Nip59.WrapOptions.Builder sealOptions = Nip59.WrapOptions.builder().clock(options.clock).random(options.random)
                .sealNonce(options.nonceOrRandom(options.nonce))
                .sealAuxRand(options.nonceOrRandom(options.sealAuxRand))
                .conversationKeyCache(options.cache);
        if (options.sealCreatedAt >= 0) {
            sealOptions.sealCreatedAt(options.sealCreatedAt);
        }
        Event seal = Nip59.seal(rumor, sealSigner, receiver, sealOptions.build());
        PrivateKey ephemeral = options.ephemeralKey != null ? options.ephemeralKey : PrivateKey.generate(options.random);
        long now = options.now();
        long wrapCreatedAt = options.wrapCreatedAt >= 0
                ? options.wrapCreatedAt
                : Math.max(0, now - options.random.nextInt((int) Nip59.MAX_TIMESTAMP_TWEAK_SECONDS + 1));
        List<Tag> extra = new ArrayList<>(1);
        long exp = options.expirationFor(createdAt);
        if (exp >= 0) {
            extra.add(Nip40.tag(exp));
        }
        UnsignedEvent template = Nip59.giftWrapTemplate(seal, ephemeral, receiver, extra, wrapCreatedAt,
                options.nonceOrRandom(options.wrapNonce));
        return Envelopes.finish(template, ephemeral, options);
    }

    @Override
    public Inbound unwrap(Event event, PrivateKey receiver, UnwrapOptions options) {
        if (event == null || receiver == null || options == null) {
            throw new InvalidInputException("unwrap needs an event, the receiver key and options");
        }
        if (event.kind() != KIND) {
            throw Envelopes.fail(UnwrapException.Reason.WRONG_KIND, "expected kind 1059, got " + event.kind());
        }
        if (options.verifyEvent() && !event.verify()) {
            throw Envelopes.fail(UnwrapException.Reason.INVALID_EVENT, "gift wrap id or signature does not verify");
        }
        // The wrap key is single-use: never cache it.
        String sealJson = Envelopes.tryDecrypt(null, receiver, event.pubkey(), event.content());
        if (sealJson == null) {
            throw Envelopes.fail(UnwrapException.Reason.NOT_ADDRESSED_TO_ME, "gift wrap does not decrypt");
        }
        Event seal;
        try {
            seal = Event.fromJson(sealJson);
        } catch (NostrException e) {
            throw new UnwrapException(UnwrapException.Reason.INVALID_SEAL, "seal is not an event", e);
        }
        if (seal.kind() != Nip59.SEAL_KIND || !seal.verify()) {
            throw Envelopes.fail(UnwrapException.Reason.INVALID_SEAL, "seal is not a correctly signed kind 13");
        }
        String rumorJson = Envelopes.tryDecrypt(options.conversationKeyCache(), receiver, seal.pubkey(),
                seal.content());
        if (rumorJson == null) {
            throw Envelopes.fail(UnwrapException.Reason.INVALID_SEAL, "seal content does not decrypt");
        }
        UnsignedEvent rumor;
        try {
            rumor = UnsignedEvent.fromJson(rumorJson);
        } catch (NostrException e) {
            throw new UnwrapException(UnwrapException.Reason.MALFORMED_TUPLE, "rumor is not an event", e);
        }
        TransportTuple.Parsed t;
        try {
            t = Envelopes.tuples(options.limits()).parse(rumor.content(), 2);
        } catch (TransportTuple.TupleException e) {
            throw Envelopes.fail(e);
        }
        String json = Envelopes.canonical(t.message());
        PublicKey sender = rumor.pubkey();
        if (t.tradeSig() != null && !Envelopes.verify(sender, json, t.tradeSig())) {
            throw Envelopes.fail(UnwrapException.Reason.BAD_TRADE_SIGNATURE,
                    "trade signature does not verify over the canonical message");
        }
        return new Inbound(t.message(), json, sender, seal.pubkey(), t.tradeSig() != null, rumor.createdAt(),
                event.id(), KIND);
    }

    @Override
    public String toString() {
        return "V1Transport[kind 1059, NIP-59 gift wrap]";
    }
}
