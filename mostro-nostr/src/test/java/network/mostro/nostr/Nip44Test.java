package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import network.mostro.nostr.Nip44.LengthPrefix;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.Nip44Cipher;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry of the official NIP-44 v2 vectors (paulmillr/nip44) and of the extended-length vectors of the 2026
 * revision, plus round-trip, tamper and malformed-input tests.
 */
class Nip44Test {
    private static final JsonNode V2 = TestVectors.load("nip44.vectors.json").get("v2");
    private static final JsonNode EXTENDED = TestVectors.load("nip44-extended-length.vectors.json");

    private static Stream<Arguments> named(List<JsonNode> nodes, java.util.function.Function<JsonNode, String> name) {
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(Arguments.of(Named.of("#" + i + " " + name.apply(nodes.get(i)), nodes.get(i))));
        }
        return out.stream();
    }

    private static String shortHex(JsonNode n, String field) {
        return field + "=" + n.get(field).asText().substring(0, 8) + "…";
    }

    private static String sha256Hex(byte[] b) {
        return Hex.encode(Schnorr.sha256(b));
    }

    // ---------------------------------------------------------------- valid vectors

    static Stream<Arguments> validConversationKeys() {
        return named(TestVectors.array(V2.get("valid").get("get_conversation_key"), 35),
                n -> shortHex(n, "sec1") + " " + shortHex(n, "pub2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validConversationKeys")
    void validGetConversationKey(JsonNode v) {
        PrivateKey sec1 = PrivateKey.fromHex(v.get("sec1").asText());
        PublicKey pub2 = PublicKey.fromHex(v.get("pub2").asText());
        assertThat(Hex.encode(Nip44.conversationKey(sec1, pub2))).isEqualTo(v.get("conversation_key").asText());
    }

    static Stream<Arguments> messageKeys() {
        return named(TestVectors.array(V2.get("valid").get("get_message_keys").get("keys"), 32),
                n -> shortHex(n, "nonce"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageKeys")
    void validGetMessageKeys(JsonNode v) {
        byte[] conv = Hex.decode(V2.get("valid").get("get_message_keys").get("conversation_key").asText());
        byte[] keys = Nip44Cipher.messageKeys(conv, Hex.decode(v.get("nonce").asText()));
        assertThat(Hex.encode(Arrays.copyOfRange(keys, 0, 32))).isEqualTo(v.get("chacha_key").asText());
        assertThat(Hex.encode(Arrays.copyOfRange(keys, 32, 44))).isEqualTo(v.get("chacha_nonce").asText());
        assertThat(Hex.encode(Arrays.copyOfRange(keys, 44, 76))).isEqualTo(v.get("hmac_key").asText());
    }

    static Stream<Arguments> paddedLengths() {
        return named(TestVectors.array(V2.get("valid").get("calc_padded_len"), 24),
                n -> n.get(0).asLong() + " -> " + n.get(1).asLong());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paddedLengths")
    void validCalcPaddedLen(JsonNode v) {
        assertThat(Nip44.paddedLength(v.get(0).asLong())).isEqualTo(v.get(1).asLong());
    }

    static Stream<Arguments> encryptDecrypt() {
        return named(TestVectors.array(V2.get("valid").get("encrypt_decrypt"), 10),
                n -> "plaintext=" + abbreviate(n.get("plaintext").asText()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…(" + s.length() + " chars)";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptDecrypt")
    void validEncryptDecrypt(JsonNode v) {
        PrivateKey sec1 = PrivateKey.fromHex(v.get("sec1").asText());
        PrivateKey sec2 = PrivateKey.fromHex(v.get("sec2").asText());
        String convHex = v.get("conversation_key").asText();
        byte[] conv = Nip44.conversationKey(sec1, sec2.publicKey());
        assertThat(Hex.encode(conv)).isEqualTo(convHex);
        assertThat(Hex.encode(Nip44.conversationKey(sec2, sec1.publicKey()))).as("symmetric").isEqualTo(convHex);

        String plaintext = v.get("plaintext").asText();
        String payload = v.get("payload").asText();
        byte[] nonce = Hex.decode(v.get("nonce").asText());
        assertThat(Nip44.encrypt(plaintext, conv, nonce)).isEqualTo(payload);
        assertThat(Nip44.encrypt(plaintext, conv, nonce, LengthPrefix.U16_ONLY)).isEqualTo(payload);
        assertThat(Nip44.decrypt(payload, conv)).isEqualTo(plaintext);
        assertThat(Nip44.decrypt(payload, conv, LengthPrefix.U16_ONLY)).isEqualTo(plaintext);
        assertThat(Nip44.decrypt(payload, sec2, sec1.publicKey())).isEqualTo(plaintext);
    }

    static Stream<Arguments> longMessages() {
        return named(TestVectors.array(V2.get("valid").get("encrypt_decrypt_long_msg"), 3),
                n -> "pattern=" + n.get("pattern").asText() + " x" + n.get("repeat").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longMessages")
    void validEncryptDecryptLongMsg(JsonNode v) {
        byte[] conv = Hex.decode(v.get("conversation_key").asText());
        byte[] nonce = Hex.decode(v.get("nonce").asText());
        String plaintext = v.get("pattern").asText().repeat(v.get("repeat").asInt());
        assertThat(sha256Hex(plaintext.getBytes(StandardCharsets.UTF_8))).isEqualTo(v.get("plaintext_sha256").asText());
        String payload = Nip44.encrypt(plaintext, conv, nonce);
        assertThat(sha256Hex(payload.getBytes(StandardCharsets.US_ASCII))).isEqualTo(v.get("payload_sha256").asText());
        assertThat(Nip44.decrypt(payload, conv)).isEqualTo(plaintext);
        assertThat(Nip44.decrypt(payload, conv, LengthPrefix.U16_ONLY)).isEqualTo(plaintext);
    }

    // ---------------------------------------------------------------- invalid vectors

    static Stream<Arguments> invalidMessageLengths() {
        return named(TestVectors.array(V2.get("invalid").get("encrypt_msg_lengths"), 4), n -> n.asInt() + " bytes");
    }

    /**
     * The official file (checksum pinned in 44.md) predates the 2026 extended prefix and lists 0, 65536, 100000
     * and 10000000 as invalid. 0 is invalid under every revision; the others are invalid for the original u16
     * prefix (which {@link LengthPrefix#U16_ONLY} implements) and valid, with the six-byte prefix, under the
     * current text of NIP-44 (nostr-protocol/nips#2455 tracks the conflict).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMessageLengths")
    void invalidEncryptMsgLengths(JsonNode v) {
        int len = v.asInt();
        byte[] conv = new byte[32];
        conv[31] = 1;
        byte[] nonce = new byte[32];
        String plaintext = "a".repeat(len);
        assertThatThrownBy(() -> Nip44.encrypt(plaintext, conv, nonce, LengthPrefix.U16_ONLY))
                .isInstanceOf(InvalidInputException.class);
        if (len == 0) {
            assertThatThrownBy(() -> Nip44.encrypt(plaintext, conv, nonce)).isInstanceOf(InvalidInputException.class);
            return;
        }
        assertThat(len).isGreaterThanOrEqualTo(65_536);
        String payload = Nip44.encrypt(plaintext, conv, nonce);
        byte[] raw = Base64.getDecoder().decode(payload);
        assertThat(raw.length).as("version + nonce + 6-byte prefix + padding + mac")
                .isEqualTo(1 + 32 + 6 + Nip44.paddedLength(len) + 32);
        assertThat(Nip44.decrypt(payload, conv)).isEqualTo(plaintext);
        assertThatThrownBy(() -> Nip44.decrypt(payload, conv, LengthPrefix.U16_ONLY))
                .isInstanceOf(MalformedInputException.class);
    }

    static Stream<Arguments> invalidConversationKeys() {
        return named(TestVectors.array(V2.get("invalid").get("get_conversation_key"), 8), n -> n.get("note").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConversationKeys")
    void invalidGetConversationKey(JsonNode v) {
        assertThatThrownBy(() -> Nip44.conversationKey(
                PrivateKey.fromHex(v.get("sec1").asText()), PublicKey.fromHex(v.get("pub2").asText())))
                .isInstanceOf(CryptoException.class);
    }

    static Stream<Arguments> invalidDecrypts() {
        return named(TestVectors.array(V2.get("invalid").get("decrypt"), 12), n -> n.get("note").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDecrypts")
    void invalidDecrypt(JsonNode v) {
        String note = v.get("note").asText();
        Class<? extends NostrException> expected;
        if (note.startsWith("unknown encryption version")) {
            expected = UnsupportedInputException.class;
        } else if (note.equals("invalid base64") || note.startsWith("invalid payload length")) {
            expected = MalformedInputException.class;
        } else if (note.equals("invalid MAC") || note.equals("invalid padding")) {
            expected = CryptoException.class;
        } else {
            throw new AssertionError("unmapped vector note: " + note);
        }
        byte[] conv = Hex.decode(v.get("conversation_key").asText());
        String payload = v.get("payload").asText();
        assertThatThrownBy(() -> Nip44.decrypt(payload, conv)).isInstanceOf(expected);
        assertThatThrownBy(() -> Nip44.decrypt(payload, conv, LengthPrefix.U16_ONLY)).isInstanceOf(expected);
    }

    // ---------------------------------------------------------------- extended length prefix (2026 revision)

    static Stream<Arguments> extendedVectors() {
        return named(TestVectors.array(EXTENDED.get("vectors"), 3),
                n -> n.get("plaintext_len").asInt() + " bytes, " + n.get("prefix").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extendedVectors")
    void extendedLengthPrefix(JsonNode v) {
        byte[] conv = Hex.decode(EXTENDED.get("conversation_key").asText());
        byte[] nonce = Hex.decode(EXTENDED.get("nonce").asText());
        int len = v.get("plaintext_len").asInt();
        String plaintext = "a".repeat(len);
        assertThat(sha256Hex(plaintext.getBytes(StandardCharsets.UTF_8))).isEqualTo(v.get("plaintext_sha256").asText());
        assertThat(Nip44.paddedLength(len)).isEqualTo(v.get("padded_len").asLong());

        String payload = Nip44.encrypt(plaintext, conv, nonce);
        assertThat(sha256Hex(payload.getBytes(StandardCharsets.US_ASCII))).isEqualTo(v.get("payload_sha256").asText());
        int prefix = v.get("prefix").asText().startsWith("u16") ? 2 : 6;
        assertThat(prefix).isEqualTo(len < 65_536 ? 2 : 6);
        assertThat(Base64.getDecoder().decode(payload)).hasSize(1 + 32 + prefix + v.get("padded_len").asInt() + 32);
        assertThat(Nip44.decrypt(payload, conv)).isEqualTo(plaintext);
        if (prefix == 6) {
            assertThatThrownBy(() -> Nip44.decrypt(payload, conv, LengthPrefix.U16_ONLY))
                    .isInstanceOf(MalformedInputException.class);
        }
    }

    // ---------------------------------------------------------------- hand-built payloads

    /** Builds a payload around arbitrary padded bytes, independently of the production code (BC primitives). */
    private static String craft(byte[] conv, byte[] nonce, byte[] padded) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(conv));
        byte[] okm = new byte[96];
        byte[] prev = new byte[0];
        for (int i = 0; i < 3; i++) {
            hmac.update(prev, 0, prev.length);
            hmac.update(nonce, 0, 32);
            hmac.update((byte) (i + 1));
            hmac.doFinal(okm, i * 32);
            prev = Arrays.copyOfRange(okm, i * 32, i * 32 + 32);
        }
        ChaCha7539Engine chacha = new ChaCha7539Engine();
        chacha.init(true, new ParametersWithIV(new KeyParameter(okm, 0, 32), Arrays.copyOfRange(okm, 32, 44)));
        byte[] ct = new byte[padded.length];
        chacha.processBytes(padded, 0, padded.length, ct, 0);
        hmac.init(new KeyParameter(okm, 44, 32));
        hmac.update(nonce, 0, 32);
        hmac.update(ct, 0, ct.length);
        byte[] mac = new byte[32];
        hmac.doFinal(mac, 0);
        byte[] out = new byte[1 + 32 + ct.length + 32];
        out[0] = 2;
        System.arraycopy(nonce, 0, out, 1, 32);
        System.arraycopy(ct, 0, out, 33, ct.length);
        System.arraycopy(mac, 0, out, 33 + ct.length, 32);
        return Base64.getEncoder().encodeToString(out);
    }

    private static final byte[] KEY = Hex.decode("c41c775356fd92eadc63ff5a0dc1da211b268cbea22316767095b2871ea1412d");
    private static final byte[] NONCE = new byte[32];

    @Test
    void craftedPayloadMatchesProductionEncryption() {
        byte[] padded = new byte[34];
        padded[1] = 1;
        padded[2] = 'a';
        String crafted = craft(KEY, NONCE, padded);
        assertThat(crafted).isEqualTo(Nip44.encrypt("a", KEY, NONCE));
        assertThat(Nip44.decrypt(crafted, KEY)).isEqualTo("a");
    }

    @Test
    void extendedPrefixForAShortPlaintextIsInvalidPadding() {
        byte[] padded = new byte[6 + 32];
        padded[5] = 1; // 00 00 00 00 00 01: extended form of length 1 (non-canonical)
        padded[6] = 'a';
        assertThatThrownBy(() -> Nip44.decrypt(craft(KEY, NONCE, padded), KEY)).isInstanceOf(CryptoException.class);
    }

    @Test
    void zeroLengthAndWrongPaddingAreInvalidPadding() {
        assertThatThrownBy(() -> Nip44.decrypt(craft(KEY, NONCE, new byte[34]), KEY))
                .as("length 0").isInstanceOf(CryptoException.class);
        byte[] tooLong = new byte[2 + 64];
        tooLong[1] = 1;
        assertThatThrownBy(() -> Nip44.decrypt(craft(KEY, NONCE, tooLong), KEY))
                .as("64 bytes of padding for 1 byte").isInstanceOf(CryptoException.class);
        byte[] overLength = new byte[34];
        overLength[1] = 33;
        assertThatThrownBy(() -> Nip44.decrypt(craft(KEY, NONCE, overLength), KEY))
                .as("declared length beyond the buffer").isInstanceOf(CryptoException.class);
    }

    @Test
    void extendedPrefixIsRejectedInU16Mode() {
        byte[] padded = new byte[6 + 65_536];
        padded[3] = 1; // 00 00 00 01 00 00 = 65536
        Arrays.fill(padded, 6, padded.length, (byte) 'b');
        String payload = craft(KEY, NONCE, padded);
        assertThat(Nip44.decrypt(payload, KEY)).isEqualTo("b".repeat(65_536));
        assertThat(payload).isEqualTo(Nip44.encrypt("b".repeat(65_536), KEY, NONCE));
        assertThatThrownBy(() -> Nip44.decrypt(payload, KEY, LengthPrefix.U16_ONLY))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void plaintextThatIsNotUtf8IsMalformed() {
        byte[] padded = new byte[34];
        padded[1] = 2;
        padded[2] = (byte) 0xc3;
        padded[3] = 0x28;
        assertThatThrownBy(() -> Nip44.decrypt(craft(KEY, NONCE, padded), KEY))
                .isInstanceOf(MalformedInputException.class);
        // A genuine U+FFFD survives the strict check.
        assertThat(Nip44.decrypt(Nip44.encrypt("x\uFFFDy", KEY), KEY)).isEqualTo("x\uFFFDy");
    }

    // ---------------------------------------------------------------- round trips and tampering

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> Arguments.of(Named.of("seed " + i, (long) i)));
    }

    private static String randomText(Random r, int maxChars) {
        int n = 1 + r.nextInt(maxChars);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
                case 1 -> sb.append((char) (0xa0 + r.nextInt(0x700)));
                case 2 -> sb.append((char) (0x3000 + r.nextInt(0x5000)));
                default -> sb.appendCodePoint(0x1f300 + r.nextInt(0x300));
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void roundTripAndTamper(long seed) {
        Random r = new Random(seed);
        PrivateKey a = PrivateKey.generate(r);
        PrivateKey b = PrivateKey.generate(r);
        byte[] conv = Nip44.conversationKey(a, b.publicKey());
        assertThat(Nip44.conversationKey(b, a.publicKey())).isEqualTo(conv);
        String text = randomText(r, seed % 5 == 0 ? 3000 : 300);
        byte[] nonce = new byte[32];
        r.nextBytes(nonce);
        String payload = Nip44.encrypt(text, conv, nonce);
        assertThat(Nip44.decrypt(payload, conv)).isEqualTo(text);
        assertThat(Nip44.encrypt(text, conv, nonce, LengthPrefix.U16_ONLY)).isEqualTo(payload);

        byte[] raw = Base64.getDecoder().decode(payload);
        int len = raw.length;
        int[] positions = {1 + r.nextInt(32), 33 + r.nextInt(len - 65), len - 32 + r.nextInt(32)};
        String[] where = {"nonce", "ciphertext", "mac"};
        for (int i = 0; i < positions.length; i++) {
            byte[] t = raw.clone();
            t[positions[i]] ^= (byte) (1 << r.nextInt(8));
            String tampered = Base64.getEncoder().encodeToString(t);
            assertThatThrownBy(() -> Nip44.decrypt(tampered, conv)).as(where[i]).isInstanceOf(CryptoException.class);
        }
        byte[] version = raw.clone();
        version[0] = 1;
        assertThatThrownBy(() -> Nip44.decrypt(Base64.getEncoder().encodeToString(version), conv))
                .isInstanceOf(UnsupportedInputException.class);
        byte[] otherKey = conv.clone();
        otherKey[r.nextInt(32)] ^= 1;
        assertThatThrownBy(() -> Nip44.decrypt(payload, otherKey)).isInstanceOf(CryptoException.class);
        byte[] truncated = Arrays.copyOf(raw, len - 1);
        assertThatThrownBy(() -> Nip44.decrypt(Base64.getEncoder().encodeToString(truncated), conv))
                .isInstanceOf(NostrException.class);
    }

    @Test
    void randomNoncesDiffer() {
        String p1 = Nip44.encrypt("same", KEY);
        String p2 = Nip44.encrypt("same", KEY);
        assertThat(p1).isNotEqualTo(p2);
        assertThat(Nip44.decrypt(p1, KEY)).isEqualTo(Nip44.decrypt(p2, KEY)).isEqualTo("same");
    }

    @Test
    void keyBasedConvenienceMethods() {
        PrivateKey a = PrivateKey.generate(new Random(7));
        PrivateKey b = PrivateKey.generate(new Random(8));
        assertThat(Nip44.decrypt(Nip44.encrypt("hi", a, b.publicKey()), b, a.publicKey())).isEqualTo("hi");
    }

    @Test
    void badArgumentsAreTyped() {
        assertThatThrownBy(() -> Nip44.encrypt("", KEY, NONCE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.encrypt(null, KEY, NONCE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.encrypt("a", new byte[31], NONCE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.encrypt("a", null, NONCE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.encrypt("a", KEY, new byte[12])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.encrypt("a\uD800b", KEY, NONCE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.encrypt("a\uDC00", KEY, NONCE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.decrypt(null, KEY)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Nip44.decrypt("#", KEY)).isInstanceOf(UnsupportedInputException.class);
        assertThatThrownBy(() -> Nip44.decrypt("A".repeat(131), KEY)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Nip44.decrypt("A".repeat(133), KEY)).as("not a multiple of 4")
                .isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Nip44.decrypt("Ag" + "=".repeat(130), KEY)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Nip44.decrypt("\u0444".repeat(132), KEY)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Nip44.decrypt(Nip44.encrypt("a", KEY), new byte[5]))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.paddedLength(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.paddedLength(1L << 32)).isInstanceOf(InvalidInputException.class);
        assertThat(Nip44.paddedLength(0xFFFF_FFFFL)).isEqualTo(0x1_0000_0000L);
        assertThatThrownBy(() -> Nip44Cipher.messageKeys(KEY, new byte[31])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip44.conversationKey(null, null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void unpadded65535UsesTheU16Prefix() {
        String text = "z".repeat(65_535);
        String payload = Nip44.encrypt(text, KEY, NONCE, LengthPrefix.U16_ONLY);
        assertThat(Nip44.encrypt(text, KEY, NONCE)).isEqualTo(payload);
        assertThat(Base64.getDecoder().decode(payload)).hasSize(1 + 32 + 2 + 65_536 + 32);
    }

    // ---------------------------------------------------------------- conversation key cache

    @Test
    void cacheReturnsTheSameKeysAndStaysBounded() {
        Nip44.ConversationKeyCache cache = new Nip44.ConversationKeyCache(32);
        Random r = new Random(99);
        PrivateKey me = PrivateKey.generate(r);
        List<PublicKey> peers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            peers.add(PrivateKey.generate(r).publicKey());
        }
        for (PublicKey peer : peers) {
            byte[] expected = Nip44.conversationKey(me, peer);
            assertThat(cache.conversationKey(me, peer)).isEqualTo(expected);
            byte[] again = cache.conversationKey(me, peer);
            assertThat(again).isEqualTo(expected);
            again[0] ^= 1; // callers get copies
            assertThat(cache.conversationKey(me, peer)).isEqualTo(expected);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(cache.maxEntries() + 15).isGreaterThan(0);
        cache.clear();
        assertThat(cache.size()).isZero();
        assertThat(cache.toString()).doesNotContain(me.toHex());

        Nip44.ConversationKeyCache one = new Nip44.ConversationKeyCache(1);
        one.conversationKey(me, peers.get(0));
        one.conversationKey(me, peers.get(1));
        assertThat(one.size()).isEqualTo(1);
        assertThatThrownBy(() -> new Nip44.ConversationKeyCache(0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void cacheIsSafeUnderConcurrentUse() throws Exception {
        Nip44.ConversationKeyCache cache = new Nip44.ConversationKeyCache(8);
        Random r = new Random(5);
        PrivateKey me = PrivateKey.generate(r);
        List<PublicKey> peers = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            PublicKey p = PrivateKey.generate(r).publicKey();
            peers.add(p);
            expected.add(Nip44.conversationKey(me, p));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int k = (i * 7 + offset) % peers.size();
                        if (!Arrays.equals(cache.conversationKey(me, peers.get(k)), expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(8 + 15);
    }
}
