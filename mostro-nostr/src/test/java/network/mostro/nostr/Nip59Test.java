package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NIP-59 gift wrap: Mostro's v1 vectors (seal signer ≠ rumor author), round trips and every rejection path. */
class Nip59Test {
    private static final JsonNode GIFTWRAP = TestVectors.load("mostro-transport-v1-giftwrap.vectors.json");
    /** The Mostro node key of the vectors: NIP-06 test vector 2. */
    private static final JsonNode NIP06 = TestVectors.load("nip06.vectors.json");
    private static final byte[] ZERO32 = new byte[32];

    private static PrivateKey mostroKey() {
        JsonNode v = NIP06.get("vectors").get(1);
        PrivateKey k = PrivateKey.fromHex(v.get("private_key_hex").asText());
        assertThat(k.publicKey().toHex()).isEqualTo(v.get("public_key_hex").asText());
        return k;
    }

    static Stream<Arguments> giftWrapCases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : TestVectors.array(GIFTWRAP.get("cases"), 1)) {
            out.add(Arguments.of(Named.of(c.get("name").asText(), c)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("giftWrapCases")
    void unwrapsTheV1VectorWithTheMostroKey(JsonNode c) {
        PrivateKey mostro = mostroKey();
        assertThat(mostro.publicKey().toHex()).isEqualTo(c.get("receiver_public_key").asText());
        Event wrap = Event.fromJson(TestVectors.compact(c.get("gift_wrap")));
        assertThat(wrap.verify()).isTrue();

        Nip59.Unwrapped u = Nip59.unwrap(wrap, mostro);

        JsonNode r = c.get("rumor");
        assertThat(u.rumor().id()).isEqualTo(r.get("id").asText());
        assertThat(u.rumor().pubkey().toHex()).isEqualTo(r.get("pubkey").asText()).isEqualTo(c.get("trade_public_key").asText());
        assertThat(u.rumor().createdAt()).isEqualTo(r.get("created_at").asLong());
        assertThat(u.rumor().kind()).isEqualTo(r.get("kind").asInt()).isEqualTo(1);
        assertThat(u.rumor().tags()).isEmpty();
        assertThat(u.rumor().content()).isEqualTo(r.get("content").asText());
        assertThat(u.rumor().toJson()).isEqualTo(c.get("rumor_json").asText());

        assertThat(u.seal().toJson()).isEqualTo(c.get("seal_json").asText());
        assertThat(u.seal().kind()).isEqualTo(13);
        assertThat(u.sealSigner().toHex()).isEqualTo(c.get("identity_public_key").asText());
        assertThat(u.rumorAuthor().toHex()).isEqualTo(c.get("trade_public_key").asText());
        assertThat(u.authorMatchesSealSigner()).isFalse();
        assertThat(u.wrap()).isEqualTo(wrap);
        assertThat(u.wrap().pubkey())
                .isEqualTo(PrivateKey.fromHex(c.get("ephemeral_private_key").asText()).publicKey());

        // The rumor content is [message, trade_sig]; the trade signature covers sha256(message_json).
        String messageJson = c.get("message_json").asText();
        JsonNode tuple = readTree(u.rumor().content());
        assertThat(TestVectors.compact(tuple.get(0))).isEqualTo(messageJson);
        byte[] digest = Schnorr.sha256(messageJson.getBytes(StandardCharsets.UTF_8));
        assertThat(u.rumorAuthor().verify(digest, Hex.decode(tuple.get(1).asText()))).isTrue();

        assertThatThrownBy(() -> Nip59.unwrapStrict(wrap, mostro)).isInstanceOf(CryptoException.class);
        Nip44.ConversationKeyCache cache = new Nip44.ConversationKeyCache(4);
        assertThat(Nip59.unwrap(wrap, mostro, cache)).isEqualTo(u);
        assertThat(Nip59.unwrap(wrap, mostro, cache)).isEqualTo(u);
        assertThat(cache.size()).as("only the seal signer's key is cached").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("giftWrapCases")
    void recreatesTheV1VectorByteForByte(JsonNode c) {
        PrivateKey trade = PrivateKey.fromHex(c.get("trade_private_key").asText());
        PrivateKey identity = PrivateKey.fromHex(c.get("identity_private_key").asText());
        PrivateKey ephemeral = PrivateKey.fromHex(c.get("ephemeral_private_key").asText());
        assertThat(trade.publicKey().toHex()).isEqualTo(c.get("trade_public_key").asText());
        assertThat(identity.publicKey().toHex()).isEqualTo(c.get("identity_public_key").asText());
        PublicKey receiver = PublicKey.fromHex(c.get("receiver_public_key").asText());
        JsonNode r = c.get("rumor");
        UnsignedEvent rumor = new UnsignedEvent(trade.publicKey(), r.get("created_at").asLong(), r.get("kind").asInt(),
                List.of(), r.get("content").asText());
        assertThat(rumor.toJson()).isEqualTo(c.get("rumor_json").asText());

        Nip59.WrapOptions options = Nip59.WrapOptions.builder()
                .ephemeralKey(ephemeral)
                .sealCreatedAt(c.get("seal").get("created_at").asLong())
                .wrapCreatedAt(c.get("gift_wrap").get("created_at").asLong())
                .sealNonce(Hex.decode(c.get("seal_nip44_nonce").asText()))
                .wrapNonce(Hex.decode(c.get("wrap_nip44_nonce").asText()))
                .sealAuxRand(ZERO32)
                .wrapAuxRand(ZERO32)
                .build();
        Event seal = Nip59.seal(rumor, identity, receiver, options);
        assertThat(seal.toJson()).isEqualTo(c.get("seal_json").asText());
        Event wrap = Nip59.wrap(rumor, identity, receiver, List.of(), options);
        assertThat(wrap.toJson()).isEqualTo(TestVectors.compact(c.get("gift_wrap")));
        assertThat(wrap.id()).isEqualTo(c.get("gift_wrap").get("id").asText());
        assertThat(wrap.sig()).isEqualTo(c.get("gift_wrap").get("sig").asText());
    }

    private static JsonNode readTree(String json) {
        try {
            return TestVectors.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- round trips

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 12).mapToObj(i -> Arguments.of(Named.of("seed " + i, (long) i)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void roundTripWithRandomizedTimestamps(long seed) {
        Random random = new Random(seed);
        PrivateKey sender = PrivateKey.generate(random);
        PrivateKey receiver = PrivateKey.generate(random);
        long now = 1_760_000_000L + random.nextInt(1_000_000);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        UnsignedEvent rumor = UnsignedEvent.builder(14).content("hello " + seed + " \u26a1")
                .tag("p", receiver.publicKey().toHex()).createdAt(now).build(sender.publicKey());
        List<Tag> extra = List.of(Tag.of("expiration", Long.toString(now + 3600)));
        Event wrap = Nip59.wrap(rumor, sender, receiver.publicKey(), extra,
                Nip59.WrapOptions.builder().clock(clock).random(random).build());

        assertThat(wrap.kind()).isEqualTo(Nip59.GIFT_WRAP_KIND);
        assertThat(wrap.tags()).containsExactly(Tag.of("p", receiver.publicKey().toHex()), extra.get(0));
        assertThat(wrap.pubkey()).isNotEqualTo(sender.publicKey()).isNotEqualTo(receiver.publicKey());
        assertThat(wrap.createdAt()).isBetween(now - Nip59.MAX_TIMESTAMP_TWEAK_SECONDS, now);
        assertThat(wrap.verify()).isTrue();

        Nip59.Unwrapped u = Nip59.unwrapStrict(wrap, receiver);
        assertThat(u.rumor()).isEqualTo(rumor);
        assertThat(u.authorMatchesSealSigner()).isTrue();
        assertThat(u.sealSigner()).isEqualTo(sender.publicKey());
        assertThat(u.seal().tags()).isEmpty();
        assertThat(u.seal().createdAt()).isBetween(now - Nip59.MAX_TIMESTAMP_TWEAK_SECONDS, now);
        assertThat(u.rumor().createdAt()).as("the rumor keeps its real time").isEqualTo(now);

        PrivateKey stranger = PrivateKey.generate(random);
        assertThatThrownBy(() -> Nip59.unwrap(wrap, stranger)).as("not addressed to me")
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void defaultsUseFreshEphemeralKeysAndRecentTimestamps() {
        PrivateKey sender = PrivateKey.generate(new Random(1));
        PrivateKey receiver = PrivateKey.generate(new Random(2));
        UnsignedEvent rumor = UnsignedEvent.builder(1).content("x").build(sender.publicKey());
        Event w1 = Nip59.wrap(rumor, sender, receiver.publicKey());
        Event w2 = Nip59.wrap(rumor, sender, receiver.publicKey(), List.of());
        assertThat(w1.pubkey()).isNotEqualTo(w2.pubkey());
        long now = System.currentTimeMillis() / 1000;
        assertThat(w1.createdAt()).isBetween(now - Nip59.MAX_TIMESTAMP_TWEAK_SECONDS - 5, now + 5);
        assertThat(Nip59.unwrap(w1, receiver).rumor()).isEqualTo(Nip59.unwrap(w2, receiver).rumor()).isEqualTo(rumor);
    }

    // ---------------------------------------------------------------- rejection paths

    private static final PrivateKey SENDER = PrivateKey.generate(new Random(11));
    private static final PrivateKey RECEIVER = PrivateKey.generate(new Random(12));
    private static final PrivateKey EPHEMERAL = PrivateKey.generate(new Random(13));

    private static Event signedSeal(List<Tag> tags, int kind, String plaintextContent) {
        byte[] key = Nip44.conversationKey(SENDER, RECEIVER.publicKey());
        return new UnsignedEvent(SENDER.publicKey(), 1_700_000_000L, kind, tags, Nip44.encrypt(plaintextContent, key))
                .sign(SENDER, ZERO32);
    }

    private static Event wrapAround(Event seal) {
        return Nip59.giftWrapTemplate(seal, EPHEMERAL, RECEIVER.publicKey(), List.of(), 1_700_000_000L, new byte[32])
                .sign(EPHEMERAL, ZERO32);
    }

    private static Event wrapAroundRaw(String sealJson) {
        byte[] key = Nip44.conversationKey(EPHEMERAL, RECEIVER.publicKey());
        return new UnsignedEvent(EPHEMERAL.publicKey(), 1_700_000_000L, 1059,
                List.of(Tag.of("p", RECEIVER.publicKey().toHex())), Nip44.encrypt(sealJson, key)).sign(EPHEMERAL, ZERO32);
    }

    private static final String RUMOR_JSON =
            new UnsignedEvent(SENDER.publicKey(), 1_700_000_000L, 1, List.of(), "hi").toJson();

    @Test
    void handBuiltLayersUnwrap() {
        Nip59.Unwrapped u = Nip59.unwrap(wrapAround(signedSeal(List.of(), 13, RUMOR_JSON)), RECEIVER);
        assertThat(u.rumor().content()).isEqualTo("hi");
        // A rumor without an id member is accepted (the id is computed).
        String noId = "{\"pubkey\":\"" + SENDER.publicKey().toHex()
                + "\",\"created_at\":1,\"kind\":1,\"tags\":[],\"content\":\"x\"}";
        assertThat(Nip59.unwrap(wrapAround(signedSeal(List.of(), 13, noId)), RECEIVER).rumor().content()).isEqualTo("x");
    }

    @Test
    void outerEventMustBeAVerifiedKind1059() {
        Event good = wrapAround(signedSeal(List.of(), 13, RUMOR_JSON));
        Event kind1 = new UnsignedEvent(EPHEMERAL.publicKey(), 1, 1, good.tags(), good.content()).sign(EPHEMERAL, ZERO32);
        assertThatThrownBy(() -> Nip59.unwrap(kind1, RECEIVER)).isInstanceOf(InvalidInputException.class);
        char last = good.sig().charAt(127);
        Event badSig = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), good.content(),
                good.sig().substring(0, 127) + (last == '0' ? '1' : '0'));
        assertThatThrownBy(() -> Nip59.unwrap(badSig, RECEIVER)).isInstanceOf(CryptoException.class);
        Event badId = new Event(good.id(), good.pubkey(), good.createdAt() + 1, good.kind(), good.tags(), good.content(),
                good.sig());
        assertThatThrownBy(() -> Nip59.unwrap(badId, RECEIVER)).isInstanceOf(CryptoException.class);
        Event notNip44 = new UnsignedEvent(EPHEMERAL.publicKey(), 1, 1059, good.tags(), "not a payload")
                .sign(EPHEMERAL, ZERO32);
        assertThatThrownBy(() -> Nip59.unwrap(notNip44, RECEIVER)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Nip59.unwrap(null, RECEIVER)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip59.unwrap(good, null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void sealMustBeAnUntaggedVerifiedKind13() {
        assertThatThrownBy(() -> Nip59.unwrap(wrapAround(signedSeal(List.of(Tag.of("p", "x")), 13, RUMOR_JSON)), RECEIVER))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tags");
        assertThatThrownBy(() -> Nip59.unwrap(wrapAround(signedSeal(List.of(), 14, RUMOR_JSON)), RECEIVER))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("seal");
        Event seal = signedSeal(List.of(), 13, RUMOR_JSON);
        Event forged = new Event(seal.id(), seal.pubkey(), seal.createdAt(), seal.kind(), seal.tags(), seal.content(),
                wrapAround(seal).sig());
        assertThatThrownBy(() -> Nip59.unwrap(wrapAround(forged), RECEIVER)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Nip59.unwrap(wrapAroundRaw("not json"), RECEIVER))
                .isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Nip59.unwrap(wrapAroundRaw("{\"kind\":13}"), RECEIVER))
                .isInstanceOf(InvalidInputException.class);
        // A seal encrypted to somebody else.
        byte[] otherKey = Nip44.conversationKey(SENDER, EPHEMERAL.publicKey());
        Event misaddressed = new UnsignedEvent(SENDER.publicKey(), 1, 13, List.of(), Nip44.encrypt(RUMOR_JSON, otherKey))
                .sign(SENDER, ZERO32);
        assertThatThrownBy(() -> Nip59.unwrap(wrapAround(misaddressed), RECEIVER)).isInstanceOf(CryptoException.class);
    }

    @Test
    void rumorMustBeUnsignedWithAMatchingId() {
        Event signed = new UnsignedEvent(SENDER.publicKey(), 1, 1, List.of(), "hi").sign(SENDER, ZERO32);
        assertThatThrownBy(() -> Nip59.unwrap(wrapAround(signedSeal(List.of(), 13, signed.toJson())), RECEIVER))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sig");
        String wrongId = RUMOR_JSON.replace("\"content\":\"hi\"", "\"content\":\"ho\"");
        assertThatThrownBy(() -> Nip59.unwrap(wrapAround(signedSeal(List.of(), 13, wrongId)), RECEIVER))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> Nip59.unwrap(wrapAround(signedSeal(List.of(), 13, "[1,2]")), RECEIVER))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip59.unwrap(wrapAround(signedSeal(List.of(), 13, "{")), RECEIVER))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void optionsAndArgumentsAreValidated() {
        assertThatThrownBy(() -> Nip59.WrapOptions.builder().sealNonce(new byte[31]))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip59.WrapOptions.builder().wrapAuxRand(null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip59.WrapOptions.builder().wrapCreatedAt(-1))
                .isInstanceOf(InvalidInputException.class);
        UnsignedEvent rumor = UnsignedEvent.builder(1).content("x").build(SENDER.publicKey());
        assertThatThrownBy(() -> Nip59.wrap(rumor, SENDER, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip59.wrap(null, SENDER, RECEIVER.publicKey()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip59.giftWrapTemplate(signedSeal(List.of(), 13, RUMOR_JSON), EPHEMERAL,
                RECEIVER.publicKey(), List.of(), 1, new byte[3])).isInstanceOf(InvalidInputException.class);
        assertThat(Nip59.WrapOptions.builder().ephemeralKey(EPHEMERAL).build().toString())
                .doesNotContain(EPHEMERAL.toHex());
    }

    @Test
    void sealConversationKeyCanComeFromACache() {
        Nip44.ConversationKeyCache cache = new Nip44.ConversationKeyCache(4);
        UnsignedEvent rumor = UnsignedEvent.builder(1).content("cached").build(SENDER.publicKey());
        Nip59.WrapOptions options = Nip59.WrapOptions.builder().conversationKeyCache(cache).build();
        Event w1 = Nip59.wrap(rumor, SENDER, RECEIVER.publicKey(), List.of(), options);
        Event w2 = Nip59.wrap(rumor, SENDER, RECEIVER.publicKey(), List.of(), options);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(Nip59.unwrap(w1, RECEIVER).rumor()).isEqualTo(Nip59.unwrap(w2, RECEIVER).rumor()).isEqualTo(rumor);
    }
}
