package network.mostro.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.keys.ChatKeys;
import network.mostro.protocol.transport.ChatRejectedException.Reason;
import org.junit.jupiter.api.Test;

class ChatTest {
    static final Random RANDOM = new Random(15);
    static final PrivateKey ALICE = PrivateKey.generate(RANDOM);
    static final PrivateKey BOB = PrivateKey.generate(RANDOM);
    static final PrivateKey MALLORY = PrivateKey.generate(RANDOM);
    static final PrivateKey SOLVER = PrivateKey.generate(RANDOM);
    static final long NOW = 1_750_000_000L;

    final MutableClock clock = new MutableClock(NOW);
    final ChatKeys aliceKeys = ChatKeys.derive(ALICE, BOB.publicKey());
    final ChatKeys bobKeys = ChatKeys.derive(BOB, ALICE.publicKey());

    ChatReceiver receiver(ChatKeys keys) {
        return ChatReceiver.builder(keys).acceptedSenders(List.of(ALICE.publicKey(), BOB.publicKey())).clock(clock)
                .build();
    }

    WrapOptions at(long t) {
        return WrapOptions.builder().createdAt(t).build();
    }

    @Test
    void p2pRoundTripAndEventShape() {
        Event e = Chat.wrap("hola, ¿pagaste? ✓", ALICE, aliceKeys, at(NOW));
        assertThat(e.kind()).isEqualTo(14);
        assertThat(e.pubkey()).isEqualTo(aliceKeys.signingPublicKey());
        assertThat(e.tags()).containsExactly(Tag.of("p", aliceKeys.conversationPublicKey().toHex()));
        assertThat(e.createdAt()).isEqualTo(NOW);
        // Self-encryption with K_conv: anyone holding K_conv (e.g. a solver given read access) can read it.
        String innerJson = Nip44.decrypt(e.content(),
                Nip44.conversationKey(aliceKeys.conversationKey(), aliceKeys.conversationPublicKey()));
        Event inner = Event.fromJson(innerJson);
        assertThat(inner.verify()).isTrue();
        assertThat(inner.kind()).isEqualTo(1);
        assertThat(inner.pubkey()).isEqualTo(ALICE.publicKey());

        ChatMessage m = receiver(bobKeys).receive(e);
        assertThat(m.text()).isEqualTo("hola, ¿pagaste? ✓");
        assertThat(m.sender()).isEqualTo(ALICE.publicKey());
        assertThat(m.createdAt()).isEqualTo(NOW);
        assertThat(m.outerEventId()).isEqualTo(e.id());
        // Bob's reply reads on Alice's side with the same derived keys.
        Event reply = Chat.wrap("sí", BOB, bobKeys, at(NOW));
        assertThat(receiver(aliceKeys).receive(reply).sender()).isEqualTo(BOB.publicKey());
    }

    @Test
    void deterministicWithFixedRandomness() {
        WrapOptions o = WrapOptions.builder().createdAt(NOW).nonce(new byte[32]).allAuxRand(new byte[32]).build();
        assertThat(Chat.wrap("x", ALICE, aliceKeys, o).toJson()).isEqualTo(Chat.wrap("x", ALICE, aliceKeys, o).toJson());
    }

    void expectReject(ChatReceiver rx, Event e, Reason reason) {
        assertThatThrownBy(() -> rx.receive(e)).isInstanceOfSatisfying(ChatRejectedException.class,
                x -> assertThat(x.reason()).isEqualTo(reason));
    }

    /** An outer event by K_sign with arbitrary tags/content/time (valid signature). */
    Event outer(ChatKeys keys, long createdAt, List<Tag> tags, String content) {
        return new UnsignedEvent(keys.signingPublicKey(), createdAt, 14, tags, content).sign(keys.signingKey());
    }

    String encryptInner(ChatKeys keys, Event inner) {
        return Nip44.encrypt(inner.toJson(),
                Nip44.conversationKey(keys.conversationKey(), keys.conversationPublicKey()));
    }

    @Test
    void everyCheckInOrder() {
        ChatReceiver rx = receiver(bobKeys);
        List<Tag> p = List.of(Tag.of("p", bobKeys.conversationPublicKey().toHex()));
        Event good = Chat.wrap("hi", ALICE, aliceKeys, at(NOW));

        Event kind4 = new UnsignedEvent(bobKeys.signingPublicKey(), NOW, 4, p, good.content()).sign(bobKeys.signingKey());
        expectReject(rx, kind4, Reason.WRONG_KIND);
        ChatKeys otherKeys = ChatKeys.derive(ALICE, MALLORY.publicKey());
        expectReject(rx, Chat.wrap("hi", ALICE, otherKeys, at(NOW)), Reason.WRONG_AUTHOR);
        expectReject(rx, outer(bobKeys, NOW, List.of(), good.content()), Reason.BAD_P_TAG);
        expectReject(rx, outer(bobKeys, NOW, List.of(p.get(0), p.get(0)), good.content()), Reason.BAD_P_TAG);
        expectReject(rx, outer(bobKeys, NOW, List.of(Tag.of("p", ALICE.publicKey().toHex())), good.content()),
                Reason.BAD_P_TAG);
        expectReject(rx, Chat.wrap("later", ALICE, aliceKeys, at(NOW + 61)), Reason.FUTURE_TIMESTAMP);
        expectReject(rx, outer(bobKeys, NOW, p, "A".repeat(64 * 1024 + 1)), Reason.TOO_LARGE);
        String badSig = (good.sig().charAt(0) == '0' ? "1" : "0") + good.sig().substring(1);
        expectReject(rx, new Event(good.id(), good.pubkey(), good.createdAt(), 14, good.tags(), good.content(), badSig),
                Reason.BAD_OUTER_SIGNATURE);
        String foreign = Nip44.encrypt("{}", Nip44.conversationKey(MALLORY, ALICE.publicKey()));
        expectReject(rx, outer(bobKeys, NOW, p, foreign), Reason.UNDECRYPTABLE);
        String notEvent = Nip44.encrypt("{\"kind\":1}",
                Nip44.conversationKey(bobKeys.conversationKey(), bobKeys.conversationPublicKey()));
        expectReject(rx, outer(bobKeys, NOW, p, notEvent), Reason.MALFORMED_INNER);
        Event innerOk = new UnsignedEvent(ALICE.publicKey(), NOW, 1, List.of(), "hi").sign(ALICE);
        String innerBadSig = (innerOk.sig().charAt(0) == '0' ? "1" : "0") + innerOk.sig().substring(1);
        Event innerForged = new Event(innerOk.id(), innerOk.pubkey(), NOW, 1, List.of(), "hi", innerBadSig);
        expectReject(rx, outer(bobKeys, NOW, p, encryptInner(bobKeys, innerForged)), Reason.BAD_INNER_SIGNATURE);
        Event byMallory = new UnsignedEvent(MALLORY.publicKey(), NOW, 1, List.of(), "hi").sign(MALLORY);
        expectReject(rx, outer(bobKeys, NOW, p, encryptInner(bobKeys, byMallory)), Reason.UNKNOWN_INNER_AUTHOR);
        Event kind7 = new UnsignedEvent(ALICE.publicKey(), NOW, 7, List.of(), "+").sign(ALICE);
        expectReject(rx, outer(bobKeys, NOW, p, encryptInner(bobKeys, kind7)), Reason.WRONG_INNER_KIND);
        Event old = new UnsignedEvent(ALICE.publicKey(), NOW - 61, 1, List.of(), "hi").sign(ALICE);
        expectReject(rx, outer(bobKeys, NOW, p, encryptInner(bobKeys, old)), Reason.TIMESTAMP_MISMATCH);

        // Rejections did not consume the genuine event's ids.
        assertThat(rx.receive(good).text()).isEqualTo("hi");
        expectReject(rx, good, Reason.DUPLICATE_OUTER);
        // The same inner message re-wrapped in a new outer event is a duplicate too.
        String innerJson = Nip44.decrypt(good.content(),
                Nip44.conversationKey(bobKeys.conversationKey(), bobKeys.conversationPublicKey()));
        Event rewrapped = outer(bobKeys, NOW + 1, p, Nip44.encrypt(innerJson,
                Nip44.conversationKey(bobKeys.conversationKey(), bobKeys.conversationPublicKey())));
        expectReject(rx, rewrapped, Reason.DUPLICATE_INNER);
    }

    @Test
    void rateLimitPerMinute() {
        ChatReceiver rx = ChatReceiver.builder(bobKeys).acceptedSenders(List.of(ALICE.publicKey())).clock(clock)
                .maxPerMinute(3).build();
        Consumer<Integer> ok = i -> rx.receive(Chat.wrap("m" + i, ALICE, aliceKeys, at(NOW)));
        ok.accept(1);
        ok.accept(2);
        ok.accept(3);
        expectReject(rx, Chat.wrap("m4", ALICE, aliceKeys, at(NOW)), Reason.RATE_LIMITED);
        clock.advance(Duration.ofSeconds(60));
        assertThat(rx.receive(Chat.wrap("m5", ALICE, aliceKeys, at(NOW + 60))).text()).isEqualTo("m5");
    }

    @Test
    void disputeChatBetweenPartyAndSolver() {
        ChatKeys partySide = ChatKeys.derive(ALICE, SOLVER.publicKey());
        ChatKeys solverSide = ChatKeys.derive(SOLVER, ALICE.publicKey());
        assertThat(partySide).isEqualTo(solverSide);
        ChatReceiver atSolver = ChatReceiver.dispute(solverSide, ALICE.publicKey(), SOLVER.publicKey());
        ChatReceiver atParty = ChatReceiver.dispute(partySide, ALICE.publicKey(), SOLVER.publicKey());
        Event fromParty = Chat.wrap("evidence", ALICE, partySide);
        assertThat(atSolver.receive(fromParty).sender()).isEqualTo(ALICE.publicKey());
        Event fromSolver = Chat.wrap("received", SOLVER, solverSide);
        assertThat(atParty.receive(fromSolver).sender()).isEqualTo(SOLVER.publicKey());
        // The counterparty cannot inject into this dispute chat.
        Event fromBob = Chat.wrap("lies", BOB, partySide);
        assertThatThrownBy(() -> atSolver.receive(fromBob)).isInstanceOfSatisfying(ChatRejectedException.class,
                x -> assertThat(x.reason()).isEqualTo(Reason.UNKNOWN_INNER_AUTHOR));
    }

    @Test
    void legacySchemeIsReadable() {
        PrivateKey shared = LegacyChat.sharedKey(ALICE, BOB.publicKey());
        assertThat(LegacyChat.sharedKey(BOB, ALICE.publicKey())).isEqualTo(shared);
        assertThat(shared.toBytes()).isEqualTo(ChatKeys.sharedSecret(ALICE, BOB.publicKey()));
        Event inner = new UnsignedEvent(BOB.publicKey(), NOW, 1, List.of(), "old message").sign(BOB);
        PrivateKey eph = PrivateKey.generate(RANDOM);
        Event legacy = new UnsignedEvent(eph.publicKey(), NOW, 1059,
                List.of(Tag.of("p", shared.publicKey().toHex())),
                Nip44.encrypt(inner.toJson(), Nip44.conversationKey(eph, shared.publicKey()))).sign(eph);
        ChatMessage m = LegacyChat.unwrap(legacy, shared, List.of(ALICE.publicKey(), BOB.publicKey()));
        assertThat(m.text()).isEqualTo("old message");
        assertThat(m.sender()).isEqualTo(BOB.publicKey());
        assertThatThrownBy(() -> LegacyChat.unwrap(legacy, shared, List.of(ALICE.publicKey())))
                .isInstanceOfSatisfying(ChatRejectedException.class,
                        x -> assertThat(x.reason()).isEqualTo(Reason.UNKNOWN_INNER_AUTHOR));
        PrivateKey otherShared = LegacyChat.sharedKey(ALICE, MALLORY.publicKey());
        assertThatThrownBy(() -> LegacyChat.unwrap(legacy, otherShared, List.of(BOB.publicKey())))
                .isInstanceOfSatisfying(ChatRejectedException.class,
                        x -> assertThat(x.reason()).isEqualTo(Reason.BAD_P_TAG));
        Event current = Chat.wrap("new", ALICE, ChatKeys.derive(ALICE, BOB.publicKey()));
        assertThatThrownBy(() -> LegacyChat.unwrap(current, shared, List.of(ALICE.publicKey())))
                .isInstanceOfSatisfying(ChatRejectedException.class,
                        x -> assertThat(x.reason()).isEqualTo(Reason.WRONG_KIND));
    }
}
