package network.mostro.protocol.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip40;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.Message;
import network.mostro.protocol.internal.TransportTuple;

/**
 * Protocol v2 (SPEC §3.2): a signed kind-14 event whose content is the NIP-44 v2 encryption of
 * {@code [message, trade_sig|null, [identity_pk, identity_sig]|null]}, with tags {@code ["p", <receiver>]},
 * {@code ["expiration", <ts>]} and, when mined, {@code ["nonce", …]}.
 *
 * <ul>
 *   <li>{@code trade_sig = BIP340(trade_sk, SHA256(message_json))} over the canonical JSON (SPEC §3.4);</li>
 *   <li>{@code identity_sig = BIP340(identity_sk, SHA256("mostro-transport-v2-identity:" + event.pubkey_hex + ":" +
 *       message_json))}, which binds the proof to this event's author;</li>
 *   <li>full privacy: {@code [message, null, null]}; node replies are always {@code [message, null, null]}.</li>
 * </ul>
 * Stateless and thread-safe; use {@link Transport#v2()}.
 */
public final class V2Transport implements Transport {
    /** The event kind. */
    public static final int KIND = 14;
    /** The protocol version stamped into messages. */
    public static final int VERSION = 2;

    static final V2Transport INSTANCE = new V2Transport();

    private V2Transport() {}

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
        PublicKey tradePub = trade.publicKey();
        String tuple;
        if (sender.identityKey() == null) {
            tuple = TransportTuple.writeV2(json, null, null, null);
        } else {
            String tradeSig = Envelopes.sign(trade, json, options.nonceOrRandom(options.tradeSigAuxRand));
            PrivateKey identity = sender.identityKey();
            String idSig = Envelopes.sign(identity, Envelopes.identityProofText(tradePub, json),
                    options.nonceOrRandom(options.identitySigAuxRand));
            tuple = TransportTuple.writeV2(json, tradeSig, identity.publicKey().toHex(), idSig);
        }
        return Envelopes.finish(template(tuple, trade, mostro, options), trade, options);
    }

    @Override
    public Event wrapReply(Message message, PrivateKey node, PublicKey recipientTradeKey, WrapOptions options) {
        Envelopes.require(node, "node key");
        Envelopes.require(recipientTradeKey, "recipient trade key");
        Envelopes.require(options, "options");
        Message m = Envelopes.stamp(message, VERSION);
        String tuple = TransportTuple.writeV2(Envelopes.canonical(m), null, null, null);
        UnsignedEvent template = template(tuple, node, recipientTradeKey, options);
        return template.sign(node, options.nonceOrRandom(options.eventAuxRand));
    }

    /** Encrypts the tuple and builds the unsigned kind-14 event (no proof of work yet). */
    static UnsignedEvent template(String tuple, PrivateKey author, PublicKey receiver, WrapOptions options) {
        String content = Envelopes.encrypt(options.cache, author, receiver, tuple, options.nonceOrRandom(options.nonce));
        long createdAt = options.innerCreatedAt();
        List<Tag> tags = new ArrayList<>(3);
        tags.add(Tag.of("p", receiver.toHex()));
        long exp = options.expirationFor(createdAt);
        if (exp >= 0) {
            tags.add(Nip40.tag(exp));
        }
        return new UnsignedEvent(author.publicKey(), createdAt, KIND, tags, content);
    }

    @Override
    public Inbound unwrap(Event event, PrivateKey receiver, UnwrapOptions options) {
        if (event == null || receiver == null || options == null) {
            throw new InvalidInputException("unwrap needs an event, the receiver key and options");
        }
        if (event.kind() != KIND) {
            throw Envelopes.fail(UnwrapException.Reason.WRONG_KIND, "expected kind 14, got " + event.kind());
        }
        if (options.verifyEvent() && !event.verify()) {
            throw Envelopes.fail(UnwrapException.Reason.INVALID_EVENT, "event id or signature does not verify");
        }
        PublicKey author = event.pubkey();
        String plaintext = Envelopes.tryDecrypt(options.conversationKeyCache(), receiver, author, event.content());
        if (plaintext == null) {
            throw Envelopes.fail(UnwrapException.Reason.NOT_ADDRESSED_TO_ME, "content does not decrypt");
        }
        TransportTuple.Parsed t;
        try {
            t = Envelopes.tuples(options.limits()).parse(plaintext, 3);
        } catch (TransportTuple.TupleException e) {
            throw Envelopes.fail(e);
        }
        String json = Envelopes.canonical(t.message());
        if (t.tradeSig() != null && !Envelopes.verify(author, json, t.tradeSig())) {
            throw Envelopes.fail(UnwrapException.Reason.BAD_TRADE_SIGNATURE,
                    "trade signature does not verify over the canonical message");
        }
        PublicKey identity = author;
        if (t.identityPubkey() != null) {
            try {
                identity = PublicKey.fromHex(t.identityPubkey());
            } catch (NostrException e) {
                throw new UnwrapException(UnwrapException.Reason.BAD_IDENTITY_PROOF, "identity key is not a valid key", e);
            }
            if (!Envelopes.verify(identity, Envelopes.identityProofText(author, json), t.identitySig())) {
                throw Envelopes.fail(UnwrapException.Reason.BAD_IDENTITY_PROOF,
                        "identity proof does not verify for this event author");
            }
        }
        return new Inbound(t.message(), json, author, identity, t.tradeSig() != null, event.createdAt(), event.id(),
                KIND);
    }

    @Override
    public String toString() {
        return "V2Transport[kind 14, NIP-44]";
    }
}
