package network.mostro.protocol.transport;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.UnsupportedInputException;
import network.mostro.protocol.Message;

/**
 * A Mostro transport: how a {@link Message} travels inside a Nostr event, in both directions (SPEC §3).
 *
 * <p>{@link #wrapRequest} is the client side (client → node, signed by the trade key, proven by the identity key in
 * reputation mode); {@link #wrapReply} is the node side (node → client; Mostro never signs inner messages). Both stamp
 * the message's {@code version} to {@link #protocolVersion()}. {@link #unwrap} opens either direction and reports a
 * typed {@link UnwrapException} for each failure the daemon distinguishes.
 *
 * <pre>{@code
 * Transport t = Transport.forProtocolVersion(info.protocolVersionOrDefault());   // from the node's kind 38385
 * Event e = t.wrapRequest(message, SenderKeys.reputation(trade, identity), mostroPubkey,
 *         WrapOptions.builder().pow(PowPolicy.fromInfo(info).firstContactDifficulty()).build());
 * Inbound reply = t.unwrap(incoming, trade);
 * }</pre>
 * Implementations are stateless, immutable and thread-safe; share them.
 */
public sealed interface Transport permits V2Transport, V1Transport {

    /** Protocol v2: kind 14, NIP-44 (the default since daemon 0.18). */
    static Transport v2() {
        return V2Transport.INSTANCE;
    }

    /** Protocol v1 (deprecated): NIP-59 gift wrap, kind 1059. */
    static Transport v1() {
        return V1Transport.INSTANCE;
    }

    /**
     * The transport for a node's advertised {@code protocol_version} (SPEC §3.1).
     *
     * @throws UnsupportedInputException for versions other than 1 and 2
     */
    static Transport forProtocolVersion(int version) {
        return switch (version) {
            case 2 -> v2();
            case 1 -> v1();
            default -> throw new UnsupportedInputException("unsupported Mostro protocol version " + version);
        };
    }

    /**
     * The transport for an event kind (14 or 1059).
     *
     * @throws UnsupportedInputException for other kinds
     */
    static Transport forKind(int kind) {
        return switch (kind) {
            case V2Transport.KIND -> v2();
            case V1Transport.KIND -> v1();
            default -> throw new UnsupportedInputException("not a Mostro transport kind: " + kind);
        };
    }

    /** The outer event kind: 14 (v2) or 1059 (v1). */
    int eventKind();

    /** The protocol version stamped into messages: 2 or 1. */
    int protocolVersion();

    /**
     * Client → node: builds the event carrying {@code message} from {@code sender} to the node {@code mostro}. With
     * {@code options.pow() > 0} this blocks while mining; see {@link #wrapRequestAsync}.
     *
     * @throws InvalidInputException if an argument is null or the message is too large for NIP-44
     */
    default Event wrapRequest(Message message, SenderKeys sender, PublicKey mostro, WrapOptions options) {
        return join(wrapRequestAsync(message, sender, mostro, options));
    }

    /** As {@link #wrapRequest(Message, SenderKeys, PublicKey, WrapOptions)} with {@link WrapOptions#defaults()}. */
    default Event wrapRequest(Message message, SenderKeys sender, PublicKey mostro) {
        return wrapRequest(message, sender, mostro, WrapOptions.defaults());
    }

    /**
     * Client → node, asynchronously: the stage completes when proof of work (if any) has been mined. Everything
     * else (signing, encryption) happens before this returns.
     *
     * @throws InvalidInputException if an argument is null or the message is too large for NIP-44
     */
    CompletionStage<Event> wrapRequestAsync(Message message, SenderKeys sender, PublicKey mostro, WrapOptions options);

    /**
     * Node → client: builds the reply event from the node key to a client's trade key, with no inner signatures.
     *
     * @throws InvalidInputException if an argument is null or the message is too large for NIP-44
     */
    Event wrapReply(Message message, PrivateKey node, PublicKey recipientTradeKey, WrapOptions options);

    /** As {@link #wrapReply(Message, PrivateKey, PublicKey, WrapOptions)} with {@link WrapOptions#defaults()}. */
    default Event wrapReply(Message message, PrivateKey node, PublicKey recipientTradeKey) {
        return wrapReply(message, node, recipientTradeKey, WrapOptions.defaults());
    }

    /**
     * Opens an event addressed to {@code receiver} (the node key, or a client's trade key) and checks every inner
     * signature.
     *
     * @throws UnwrapException with the reason the event was rejected
     */
    Inbound unwrap(Event event, PrivateKey receiver, UnwrapOptions options);

    /** As {@link #unwrap(Event, PrivateKey, UnwrapOptions)} with {@link UnwrapOptions#defaults()}. */
    default Inbound unwrap(Event event, PrivateKey receiver) {
        return unwrap(event, receiver, UnwrapOptions.defaults());
    }

    private static Event join(CompletionStage<Event> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof NostrException n) {
                throw n;
            }
            throw e;
        }
    }
}
