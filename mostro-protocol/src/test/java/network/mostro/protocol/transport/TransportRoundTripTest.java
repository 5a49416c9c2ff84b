package network.mostro.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip13;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Schnorr;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.internal.Hex;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.codec.MessageCodec;
import network.mostro.protocol.transport.UnwrapException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransportRoundTripTest {
    static final Random RANDOM = new Random(20260924);
    static final PrivateKey NODE = PrivateKey.generate(RANDOM);
    static final PrivateKey TRADE = PrivateKey.generate(RANDOM);
    static final PrivateKey IDENTITY = PrivateKey.generate(RANDOM);
    static final PrivateKey OTHER = PrivateKey.generate(RANDOM);
    static final UUID ORDER = UUID.fromString("ede61c96-4c13-4519-bf3a-dcf7f1e9d842");

    static Message takeSell() {
        return Message.builder(Action.TAKE_SELL).id(ORDER).requestId(1001L).tradeIndex(7L).build();
    }

    static Stream<Arguments> transportsAndModes() {
        return Stream.of(
                Arguments.of(Transport.v2(), SenderKeys.reputation(TRADE, IDENTITY)),
                Arguments.of(Transport.v2(), SenderKeys.fullPrivacy(TRADE)),
                Arguments.of(Transport.v1(), SenderKeys.reputation(TRADE, IDENTITY)),
                Arguments.of(Transport.v1(), SenderKeys.fullPrivacy(TRADE)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndModes")
    void requestRoundTrip(Transport t, SenderKeys keys) {
        Event e = t.wrapRequest(takeSell(), keys, NODE.publicKey());
        assertThat(e.kind()).isEqualTo(t.eventKind());
        assertThat(e.verify()).isTrue();
        assertThat(e.tagValues("p")).containsExactly(NODE.publicKey().toHex());
        if (t == Transport.v2()) {
            assertThat(e.pubkey()).isEqualTo(TRADE.publicKey());
            assertThat(e.tags().stream().map(Tag::name)).containsExactly("p", "expiration");
        } else {
            assertThat(e.pubkey()).isNotIn(TRADE.publicKey(), IDENTITY.publicKey());
        }
        Inbound in = t.unwrap(e, NODE);
        assertThat(in.message().version()).isEqualTo(t.protocolVersion());
        assertThat(in.message()).isEqualTo(takeSell().toBuilder().version(t.protocolVersion()).build());
        assertThat(in.messageJson()).isEqualTo(MessageCodec.standard().encode(in.message()));
        assertThat(in.senderTradeKey()).isEqualTo(TRADE.publicKey());
        assertThat(in.mode()).isEqualTo(keys.mode());
        assertThat(in.tradeSigned()).isEqualTo(keys.mode() == PrivacyMode.REPUTATION);
        assertThat(in.identityKey()).isEqualTo(keys.identityKey() == null ? TRADE.publicKey() : IDENTITY.publicKey());
        assertThat(in.identityWithoutTradeSignature()).isFalse();
        assertThat(in.eventId()).isEqualTo(e.id());
        assertThat(Math.abs(in.createdAt() - System.currentTimeMillis() / 1000)).isLessThan(5);
        // Only the node can open it.
        assertThatThrownBy(() -> t.unwrap(e, OTHER)).isInstanceOfSatisfying(UnwrapException.class,
                x -> assertThat(x.reason()).isEqualTo(Reason.NOT_ADDRESSED_TO_ME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndModes")
    void replyRoundTrip(Transport t, SenderKeys ignored) {
        Message notice = Message.builder(Action.WAITING_SELLER_TO_PAY).id(ORDER).requestId(1001L).build();
        Event e = t.wrapReply(notice, NODE, TRADE.publicKey());
        assertThat(e.verify()).isTrue();
        assertThat(e.tagValues("p")).containsExactly(TRADE.publicKey().toHex());
        Inbound in = t.unwrap(e, TRADE);
        assertThat(in.message().version()).isEqualTo(t.protocolVersion());
        assertThat(in.message().action()).isEqualTo(Action.WAITING_SELLER_TO_PAY);
        assertThat(in.senderTradeKey()).isEqualTo(NODE.publicKey());
        assertThat(in.identityKey()).isEqualTo(NODE.publicKey());
        assertThat(in.tradeSigned()).isFalse();
        String tuple = t == Transport.v2()
                ? Nip44.decrypt(e.content(), Nip44.conversationKey(TRADE, NODE.publicKey()))
                : null;
        if (tuple != null) {
            assertThat(tuple).isEqualTo("[" + in.messageJson() + ",null,null]");
            assertThat(e.pubkey()).isEqualTo(NODE.publicKey());
        }
    }

    @Test
    void v1ReplyRumorAndSealComeFromTheNode() {
        Event e = Transport.v1().wrapReply(takeSell(), NODE, TRADE.publicKey());
        var u = network.mostro.nostr.Nip59.unwrap(e, TRADE);
        assertThat(u.sealSigner()).isEqualTo(NODE.publicKey());
        assertThat(u.rumorAuthor()).isEqualTo(NODE.publicKey());
        assertThat(u.rumor().kind()).isEqualTo(1);
        assertThat(u.rumor().content()).endsWith(",null]").startsWith("[{\"order\":{\"version\":1,");
    }

    @Test
    void v1ReputationSealIsSignedByIdentityAndRumorByTradeKey() {
        Event e = Transport.v1().wrapRequest(takeSell(), SenderKeys.reputation(TRADE, IDENTITY), NODE.publicKey());
        var u = network.mostro.nostr.Nip59.unwrap(e, NODE);
        assertThat(u.sealSigner()).isEqualTo(IDENTITY.publicKey());
        assertThat(u.rumorAuthor()).isEqualTo(TRADE.publicKey());
        assertThat(u.rumor().tags()).isEmpty();
        // Standard NIP-59 rejects Mostro's v1 variant.
        assertThatThrownBy(() -> network.mostro.nostr.Nip59.unwrapStrict(e, NODE)).isInstanceOf(NostrException.class);
    }

    @Test
    void identityProofCopiedIntoAnotherKeysEventFails() {
        Event original = Transport.v2().wrapRequest(takeSell(), SenderKeys.reputation(TRADE, IDENTITY),
                NODE.publicKey());
        String tuple = Nip44.decrypt(original.content(), Nip44.conversationKey(NODE, TRADE.publicKey()));
        // The attacker re-signs the message with its own trade key but reuses the victim's identity proof.
        String json = MessageCodec.standard().encode(takeSell());
        String attackerSig = sign(OTHER, json);
        String forged = tuple.replaceFirst("\\},\"[0-9a-f]{128}\",\\[", "},\"" + attackerSig + "\",[");
        assertThat(forged).isNotEqualTo(tuple);
        Event e = kind14(OTHER, forged);
        assertThatThrownBy(() -> Transport.v2().unwrap(e, NODE)).isInstanceOfSatisfying(UnwrapException.class,
                x -> {
                    assertThat(x.reason()).isEqualTo(Reason.BAD_IDENTITY_PROOF);
                    assertThat(x.kind()).isEqualTo(NostrException.Kind.CRYPTO);
                });
        // The untouched event passes.
        assertThat(Transport.v2().unwrap(original, NODE).identityKey()).isEqualTo(IDENTITY.publicKey());
    }

    @Test
    void signatureOverNonCanonicalJsonFails() {
        String canonical = MessageCodec.standard().encode(takeSell());
        // Same message, members in a different order: it parses to the same Message but its bytes differ.
        String reordered = "{\"order\":{\"action\":\"take-sell\",\"version\":2,\"request_id\":1001,\"trade_index\":7,"
                + "\"id\":\"" + ORDER + "\",\"payload\":null}}";
        assertThat(MessageCodec.standard().decode(reordered)).isEqualTo(MessageCodec.standard().decode(canonical));
        String tuple = "[" + reordered + ",\"" + sign(TRADE, reordered) + "\",null]";
        assertThatThrownBy(() -> Transport.v2().unwrap(kind14(TRADE, tuple), NODE))
                .isInstanceOfSatisfying(UnwrapException.class,
                        x -> assertThat(x.reason()).isEqualTo(Reason.BAD_TRADE_SIGNATURE));
        // Signed over the canonical bytes, the same non-canonical text is accepted (the daemon re-serializes).
        String good = "[" + reordered + ",\"" + sign(TRADE, canonical) + "\",null]";
        Inbound in = Transport.v2().unwrap(kind14(TRADE, good), NODE);
        assertThat(in.messageJson()).isEqualTo(canonical);
        assertThat(in.tradeSigned()).isTrue();
        assertThat(in.mode()).isEqualTo(PrivacyMode.FULL_PRIVACY);
    }

    @Test
    void proofWithoutTradeSignatureIsFlagged() {
        String json = MessageCodec.standard().encode(takeSell());
        String proof = sign(IDENTITY, "mostro-transport-v2-identity:" + TRADE.publicKey().toHex() + ":" + json);
        String tuple = "[" + json + ",null,[\"" + IDENTITY.publicKey().toHex() + "\",\"" + proof + "\"]]";
        Inbound in = Transport.v2().unwrap(kind14(TRADE, tuple), NODE);
        assertThat(in.identityKey()).isEqualTo(IDENTITY.publicKey());
        assertThat(in.identityWithoutTradeSignature()).isTrue();
    }

    static Stream<Arguments> badTuples() {
        String json = MessageCodec.standard().encode(takeSell());
        return Stream.of(
                Arguments.of("not json", Reason.MALFORMED_TUPLE),
                Arguments.of("{}", Reason.MALFORMED_TUPLE),
                Arguments.of("[]", Reason.MALFORMED_TUPLE),
                Arguments.of("[" + json + "]", Reason.MALFORMED_TUPLE),
                Arguments.of("[" + json + ",null]", Reason.MALFORMED_TUPLE),
                Arguments.of("[" + json + ",null,null,null]", Reason.MALFORMED_TUPLE),
                Arguments.of("[" + json + ",\"abc\",null]", Reason.MALFORMED_TUPLE),
                Arguments.of("[" + json + ",42,null]", Reason.MALFORMED_TUPLE),
                Arguments.of("[" + json + ",null,[\"ab\"]]", Reason.MALFORMED_TUPLE),
                Arguments.of("[" + json + ",null,\"x\"]", Reason.MALFORMED_TUPLE),
                Arguments.of("[" + json + ",null,null] trailing", Reason.MALFORMED_TUPLE),
                Arguments.of("[{\"order\":{\"version\":2,", Reason.MALFORMED_TUPLE),
                Arguments.of("[{\"order\":{\"version\":2,\"request_id\":null,\"trade_index\":null,"
                        + "\"action\":\"no-such-action\",\"payload\":null}},null,null]", Reason.UNPARSEABLE_MESSAGE),
                Arguments.of("[{\"order\":{\"version\":2,\"request_id\":\"1\",\"trade_index\":null,"
                        + "\"action\":\"fiat-sent\",\"payload\":null}},null,null]", Reason.UNPARSEABLE_MESSAGE),
                Arguments.of("[42,null,null]", Reason.UNPARSEABLE_MESSAGE),
                Arguments.of("[" + json + ",\"" + "0".repeat(128) + "\",null]", Reason.BAD_TRADE_SIGNATURE),
                Arguments.of("[" + json + ",null,[\"" + "f".repeat(64) + "\",\"" + "0".repeat(128) + "\"]]",
                        Reason.BAD_IDENTITY_PROOF),
                Arguments.of("[" + json + ",null,[\"" + IDENTITY.publicKey().toHex() + "\",\"" + "0".repeat(128)
                        + "\"]]", Reason.BAD_IDENTITY_PROOF));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badTuples")
    void badV2ContentIsTyped(String tuple, Reason expected) {
        Event e = kind14(TRADE, tuple);
        assertThatThrownBy(() -> Transport.v2().unwrap(e, NODE)).isInstanceOfSatisfying(UnwrapException.class,
                x -> {
                    assertThat(x.reason()).isEqualTo(expected);
                    assertThat(x.kind()).isEqualTo(expected.kind());
                });
    }

    @Test
    void wrongKindAndBrokenSignatureAreTyped() {
        Event v2 = Transport.v2().wrapRequest(takeSell(), SenderKeys.fullPrivacy(TRADE), NODE.publicKey());
        assertThatThrownBy(() -> Transport.v1().unwrap(v2, NODE)).isInstanceOfSatisfying(UnwrapException.class,
                x -> assertThat(x.reason()).isEqualTo(Reason.WRONG_KIND));
        String badSig = (v2.sig().charAt(0) == '0' ? "1" : "0") + v2.sig().substring(1);
        Event forged = new Event(v2.id(), v2.pubkey(), v2.createdAt(), v2.kind(), v2.tags(), v2.content(), badSig);
        assertThatThrownBy(() -> Transport.v2().unwrap(forged, NODE)).isInstanceOfSatisfying(UnwrapException.class,
                x -> assertThat(x.reason()).isEqualTo(Reason.INVALID_EVENT));
        // A node that verified already may skip the check.
        assertThat(Transport.v2().unwrap(v2, NODE, UnwrapOptions.defaults().withoutEventVerification()).message()
                .action()).isEqualTo(Action.TAKE_SELL);
        Event v1 = Transport.v1().wrapRequest(takeSell(), SenderKeys.fullPrivacy(TRADE), NODE.publicKey());
        assertThatThrownBy(() -> Transport.v2().unwrap(v1, NODE)).isInstanceOfSatisfying(UnwrapException.class,
                x -> assertThat(x.reason()).isEqualTo(Reason.WRONG_KIND));
        assertThatThrownBy(() -> Transport.v1().unwrap(v1, OTHER)).isInstanceOfSatisfying(UnwrapException.class,
                x -> assertThat(x.reason()).isEqualTo(Reason.NOT_ADDRESSED_TO_ME));
    }

    @Test
    void v1BadSealAndBadRumorTupleAreTyped() {
        // A seal whose signature is broken.
        Event goodSeal = network.mostro.nostr.Nip59.seal(rumor(TRADE, "[" + MessageCodec.standard().encode(takeSell())
                + ",null]"), TRADE, NODE.publicKey(), network.mostro.nostr.Nip59.WrapOptions.defaults());
        String badSig = (goodSeal.sig().charAt(0) == '0' ? "1" : "0") + goodSeal.sig().substring(1);
        Event badSeal = new Event(goodSeal.id(), goodSeal.pubkey(), goodSeal.createdAt(), 13, goodSeal.tags(),
                goodSeal.content(), badSig);
        Event wrapBadSeal = giftWrap(badSeal);
        assertThatThrownBy(() -> Transport.v1().unwrap(wrapBadSeal, NODE)).isInstanceOfSatisfying(
                UnwrapException.class, x -> assertThat(x.reason()).isEqualTo(Reason.INVALID_SEAL));
        // A rumor whose content is a v2 (3-element) tuple.
        Event seal3 = network.mostro.nostr.Nip59.seal(rumor(TRADE, "[" + MessageCodec.standard().encode(takeSell())
                + ",null,null]"), TRADE, NODE.publicKey(), network.mostro.nostr.Nip59.WrapOptions.defaults());
        assertThatThrownBy(() -> Transport.v1().unwrap(giftWrap(seal3), NODE)).isInstanceOfSatisfying(
                UnwrapException.class, x -> assertThat(x.reason()).isEqualTo(Reason.MALFORMED_TUPLE));
        // A trade signature by a key other than the rumor author.
        String json = MessageCodec.standard().encode(takeSell().toBuilder().version(1).build());
        Event sealSig = network.mostro.nostr.Nip59.seal(rumor(TRADE, "[" + json + ",\"" + sign(OTHER, json) + "\"]"),
                IDENTITY, NODE.publicKey(), network.mostro.nostr.Nip59.WrapOptions.defaults());
        assertThatThrownBy(() -> Transport.v1().unwrap(giftWrap(sealSig), NODE)).isInstanceOfSatisfying(
                UnwrapException.class, x -> assertThat(x.reason()).isEqualTo(Reason.BAD_TRADE_SIGNATURE));
        // Identity seal without a trade signature is flagged (the daemon drops it, SPEC §3.6 step 7).
        Event sealNoSig = network.mostro.nostr.Nip59.seal(rumor(TRADE, "[" + json + ",null]"), IDENTITY,
                NODE.publicKey(), network.mostro.nostr.Nip59.WrapOptions.defaults());
        assertThat(Transport.v1().unwrap(giftWrap(sealNoSig), NODE).identityWithoutTradeSignature()).isTrue();
    }

    @Test
    void powIsMinedOnTheOuterEventAndStillUnwraps() {
        WrapOptions pow = WrapOptions.builder().pow(10).miner(Nip13.Miner.builder().threads(1).build()).build();
        for (Transport t : List.of(Transport.v2(), Transport.v1())) {
            Event e = t.wrapRequestAsync(takeSell(), SenderKeys.reputation(TRADE, IDENTITY), NODE.publicKey(), pow)
                    .toCompletableFuture().join();
            assertThat(Nip13.difficulty(e)).isGreaterThanOrEqualTo(10);
            assertThat(e.tags().get(e.tags().size() - 1).name()).isEqualTo("nonce");
            assertThat(new PowPolicy(10, 10).accepts(e, KnownKeys.none())).isTrue();
            assertThat(t.unwrap(e, NODE).tradeSigned()).isTrue();
        }
    }

    @Test
    void transportSelection() {
        assertThat(Transport.forProtocolVersion(2)).isSameAs(Transport.v2());
        assertThat(Transport.forProtocolVersion(1)).isSameAs(Transport.v1());
        assertThat(Transport.forKind(14)).isSameAs(Transport.v2());
        assertThat(Transport.forKind(1059)).isSameAs(Transport.v1());
        assertThatThrownBy(() -> Transport.forProtocolVersion(3)).isInstanceOf(NostrException.class);
        assertThatThrownBy(() -> Transport.forKind(4)).isInstanceOf(NostrException.class);
        assertThatThrownBy(() -> SenderKeys.reputation(TRADE, TRADE)).isInstanceOf(NostrException.class);
        assertThat(SenderKeys.reputation(TRADE, IDENTITY).toString()).doesNotContain(TRADE.toHex());
    }

    @Test
    void expirationOptions() {
        WrapOptions fixed = WrapOptions.builder().createdAt(1000).expiresIn(java.time.Duration.ofSeconds(60)).build();
        Event e = Transport.v2().wrapRequest(takeSell(), SenderKeys.fullPrivacy(TRADE), NODE.publicKey(), fixed);
        assertThat(e.createdAt()).isEqualTo(1000);
        assertThat(e.firstTagValue("expiration")).contains("1060");
        Event none = Transport.v2().wrapRequest(takeSell(), SenderKeys.fullPrivacy(TRADE), NODE.publicKey(),
                WrapOptions.builder().noExpiration().build());
        assertThat(none.tags().stream().map(Tag::name)).containsExactly("p");
    }

    static String sign(PrivateKey key, String text) {
        return Hex.encode(key.sign(Schnorr.sha256(text.getBytes(StandardCharsets.UTF_8))));
    }

    static Event kind14(PrivateKey author, String tuple) {
        String content = Nip44.encrypt(tuple, Nip44.conversationKey(author, NODE.publicKey()));
        return new UnsignedEvent(author.publicKey(), System.currentTimeMillis() / 1000, 14,
                List.of(Tag.of("p", NODE.publicKey().toHex())), content).sign(author);
    }

    static UnsignedEvent rumor(PrivateKey author, String content) {
        return new UnsignedEvent(author.publicKey(), System.currentTimeMillis() / 1000, 1, List.of(), content);
    }

    static Event giftWrap(Event seal) {
        PrivateKey eph = PrivateKey.generate(RANDOM);
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return network.mostro.nostr.Nip59.giftWrapTemplate(seal, eph, NODE.publicKey(), List.of(),
                System.currentTimeMillis() / 1000, nonce).sign(eph);
    }
}
