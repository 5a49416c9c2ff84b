package network.mostro.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.Message;
import network.mostro.protocol.codec.MessageCodec;
import network.mostro.protocol.transport.Inbound;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.UnwrapOptions;
import network.mostro.protocol.transport.WrapOptions;

/**
 * Fuzzes inbound unwrapping on both transports ({@code V2Transport.unwrap}, {@code V1Transport.unwrap}).
 *
 * <p>Input: the first byte, counted from {@code 'A'} modulo 7, picks the layer the rest (UTF-8) stands for; the
 * harness builds every layer outside it honestly (encrypts with the right conversation key, signs with the right
 * key) so arbitrary bytes actually reach the layer under test:
 * <ul>
 *   <li>{@code A} a whole event JSON, unwrapped by the node key (kind 14 also by the trade key, kind 1059 by v1);</li>
 *   <li>{@code B} v2: the kind-14 content (NIP-44 payload) of an event from the trade key to the node;</li>
 *   <li>{@code C} v2: the decrypted content tuple, client to node;</li>
 *   <li>{@code D} v2: the decrypted content tuple, node to client (unwrapped by the trade key);</li>
 *   <li>{@code E} v1: the rumor content (2-element tuple), rumor by the trade key, seal by an identity key;</li>
 *   <li>{@code F} v1: the rumor JSON, sealed by the identity key and gift-wrapped;</li>
 *   <li>{@code G} v1: the seal JSON, gift-wrapped by the ephemeral key.</li>
 * </ul>
 * Keys: trade key and node key from {@code vectors/mostro-transport-v2.vectors.json} (the sender keys of its first
 * and third case), so the vector tuples verify; identity and ephemeral keys are fixed test keys.
 *
 * <p>Contract: only {@link NostrException} subclasses escape. On acceptance: the reported canonical JSON is the
 * codec's encoding of the reported message and re-decodes to it; the v2 sender is the event author; unwrapping
 * again with a conversation-key cache, and (v2) without event verification, gives an equal result; a node reply
 * carrying the message back to the sender unwraps to the same message (version stamped by the transport).
 */
class TransportFuzzTest {
    static final PrivateKey TRADE = PrivateKey.fromHex("977b9da8056e6a83a991cb31ac507b0a618fbbee355e36e107e0e348686ab833");
    static final PrivateKey NODE = PrivateKey.fromHex("c15d739894c81a2fcfd3a2df85a0d2c0dbc47a280d092799f144d73d7ae78add");
    static final PrivateKey IDENTITY = PrivateKey.fromHex("0000000000000000000000000000000000000000000000000000000000000003");
    static final PrivateKey EPHEMERAL = PrivateKey.fromHex("0000000000000000000000000000000000000000000000000000000000000005");
    private static final long CREATED_AT = 1_735_689_600L;
    private static final byte[] NONCE = filled(0x11);
    private static final byte[] AUX = new byte[32];
    private static final byte[] KEY_TRADE_NODE = Nip44.conversationKey(TRADE, NODE.publicKey());
    private static final byte[] KEY_IDENTITY_NODE = Nip44.conversationKey(IDENTITY, NODE.publicKey());
    private static final byte[] KEY_EPHEMERAL_NODE = Nip44.conversationKey(EPHEMERAL, NODE.publicKey());
    private static final MessageCodec CODEC = MessageCodec.standard();
    private static final WrapOptions REPLY = WrapOptions.builder().createdAt(CREATED_AT).nonce(NONCE).wrapNonce(NONCE)
            .allAuxRand(AUX).ephemeralKey(EPHEMERAL).sealCreatedAt(CREATED_AT).wrapCreatedAt(CREATED_AT).build();

    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "message-codec.dict")
    void unwrap(byte[] input) {
        accepts(input);
    }

    /** Runs the target: true when the input was unwrapped (and the invariants held), false on a typed rejection. */
    static boolean accepts(byte[] input) {
        if (input.length == 0) {
            return false;
        }
        int mode = Math.floorMod(input[0] - 'A', 7);
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Event event;
        try {
            event = switch (mode) {
                case 0 -> Event.fromJson(text);
                case 1 -> kind14(TRADE, NODE.publicKey(), text);
                case 2 -> kind14(TRADE, NODE.publicKey(), Nip44.encrypt(text, KEY_TRADE_NODE, NONCE));
                case 3 -> kind14(NODE, TRADE.publicKey(), Nip44.encrypt(text, KEY_TRADE_NODE, NONCE));
                case 4 -> giftWrap(seal(new UnsignedEvent(TRADE.publicKey(), CREATED_AT, 1, List.of(), text).toJson()));
                case 5 -> giftWrap(seal(text));
                default -> giftWrap(text);
            };
        } catch (NostrException notRepresentable) {
            return false; // the harness cannot build an envelope around this text (e.g. empty plaintext)
        }
        if (mode == 0) {
            return acceptsEvent(event);
        }
        PrivateKey receiver = mode == 3 ? TRADE : NODE;
        Transport transport = mode <= 3 ? Transport.v2() : Transport.v1();
        Inbound inbound;
        try {
            inbound = transport.unwrap(event, receiver, UnwrapOptions.defaults());
        } catch (NostrException expected) {
            return false;
        }
        check(transport, event, receiver, inbound);
        PrivateKey sender = mode == 3 ? NODE : mode == 6 ? null : TRADE;
        if (sender != null && sender.publicKey().equals(inbound.senderTradeKey())) {
            // The node answers the sender with the same message; the sender reads back what was sent.
            PrivateKey node = mode == 3 ? TRADE : NODE;
            Event reply = transport.wrapReply(inbound.message(), node, sender.publicKey(), REPLY);
            Inbound back = transport.unwrap(reply, sender, UnwrapOptions.defaults());
            assertThat(back.message()).isEqualTo(
                    inbound.message().toBuilder().version(transport.protocolVersion()).build());
            assertThat(back.senderTradeKey()).isEqualTo(node.publicKey());
        }
        return true;
    }

    private static boolean acceptsEvent(Event event) {
        List<Transport> transports = List.of(Transport.v2(), Transport.v1());
        for (Transport transport : transports) {
            for (PrivateKey receiver : new PrivateKey[] {NODE, TRADE}) {
                Inbound inbound;
                try {
                    inbound = transport.unwrap(event, receiver, UnwrapOptions.defaults());
                } catch (NostrException expected) {
                    continue; // try the next reading
                }
                check(transport, event, receiver, inbound);
                return true;
            }
        }
        return false;
    }

    private static void check(Transport transport, Event event, PrivateKey receiver, Inbound inbound) {
        assertThat(inbound.messageJson()).isEqualTo(CODEC.encode(inbound.message()));
        assertThat(CODEC.decode(inbound.messageJson())).isEqualTo(inbound.message());
        assertThat(inbound.eventId()).isEqualTo(event.id());
        assertThat(inbound.eventKind()).isEqualTo(event.kind()).isEqualTo(transport.eventKind());
        assertThat(inbound.mode()).isNotNull();
        if (transport.eventKind() == 14) {
            assertThat(inbound.senderTradeKey()).isEqualTo(event.pubkey());
            assertThat(inbound.createdAt()).isEqualTo(event.createdAt());
            assertThat(transport.unwrap(event, receiver, UnwrapOptions.defaults().withoutEventVerification()))
                    .isEqualTo(inbound);
        }
        assertThat(inbound.identityWithoutTradeSignature())
                .isEqualTo(!inbound.tradeSigned() && !inbound.identityKey().equals(inbound.senderTradeKey()));
        Nip44.ConversationKeyCache cache = new Nip44.ConversationKeyCache(4);
        UnwrapOptions cached = UnwrapOptions.defaults().withConversationKeyCache(cache);
        assertThat(transport.unwrap(event, receiver, cached)).isEqualTo(inbound);
        assertThat(transport.unwrap(event, receiver, cached)).as("second, cache hit").isEqualTo(inbound);
    }

    private static Event kind14(PrivateKey author, PublicKey receiver, String content) {
        List<Tag> tags = List.of(Tag.of("p", receiver.toHex()), Tag.of("expiration", "1738281600"));
        return new UnsignedEvent(author.publicKey(), CREATED_AT, 14, tags, content).sign(author, AUX);
    }

    private static String seal(String rumorJson) {
        return new UnsignedEvent(IDENTITY.publicKey(), CREATED_AT, 13, List.of(),
                Nip44.encrypt(rumorJson, KEY_IDENTITY_NODE, NONCE)).sign(IDENTITY, AUX).toJson();
    }

    private static Event giftWrap(String sealJson) {
        return new UnsignedEvent(EPHEMERAL.publicKey(), CREATED_AT, 1059, List.of(Tag.of("p", NODE.publicKey().toHex())),
                Nip44.encrypt(sealJson, KEY_EPHEMERAL_NODE, NONCE)).sign(EPHEMERAL, AUX);
    }

    private static byte[] filled(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }
}
