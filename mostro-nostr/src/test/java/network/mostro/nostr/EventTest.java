package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import network.mostro.nostr.internal.EventSerializer;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {
    private static final PrivateKey KEY =
            PrivateKey.fromHex("977b9da8056e6a83a991cb31ac507b0a618fbbee355e36e107e0e348686ab833");
    private static final byte[] ZERO_AUX = new byte[32];

    private static Event sample() {
        return UnsignedEvent.builder(14)
                .createdAt(1_700_000_000L)
                .tag("p", "d41b22899549e1f3d335a31002cfd382174006e166d3e658e3a5eecdb6463573")
                .tag("expiration", "1702592000")
                .content("hello \"mostro\"\n\u0001/é€😀")
                .build(KEY.publicKey())
                .sign(KEY, ZERO_AUX);
    }

    @Test
    void idPreimageUsesNip01EscapingExactly() {
        byte[] pre = EventSerializer.idPreimage(KEY.publicKey().toHex(), 1, 1,
                List.of(Tag.of("t", "a\"b")), "line\nbreak\ttab\r\\ \b\f\u0000\u001f\u007f/é");
        assertThat(new String(pre, StandardCharsets.UTF_8)).isEqualTo("[0,\"" + KEY.publicKey().toHex()
                + "\",1,1,[[\"t\",\"a\\\"b\"]],\"line\\nbreak\\ttab\\r\\\\ \\b\\f\\u0000\\u001f\u007f/é\"]");
    }

    @Test
    void knownEventIdAndSignature() {
        // An event with a fixed key, time and aux randomness: id and signature are deterministic.
        Event e = UnsignedEvent.builder(1).createdAt(1_000).content("x").build(KEY.publicKey()).sign(KEY, ZERO_AUX);
        String pre = "[0,\"" + KEY.publicKey().toHex() + "\",1000,1,[],\"x\"]";
        assertThat(e.id()).isEqualTo(Hex.encode(Schnorr.sha256(pre.getBytes(StandardCharsets.UTF_8))));
        assertThat(e.verify()).isTrue();
        assertThat(KEY.publicKey().verify(Hex.decode(e.id()), Hex.decode(e.sig()))).isTrue();
    }

    @Test
    void jsonRoundTripAndVerify() {
        Event e = sample();
        assertThat(e.verify()).isTrue();
        Event back = Event.fromJson(e.toJson());
        assertThat(back).isEqualTo(e);
        assertThat(back.toJson()).isEqualTo(e.toJson());
        assertThat(back.firstTagValue("expiration")).contains("1702592000");
        assertThat(back.tagValues("p")).hasSize(1);
    }

    @Test
    void tamperingBreaksVerification() {
        Event e = sample();
        Event otherContent = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content() + "!", e.sig());
        assertThat(otherContent.verify()).isFalse();
        char[] sig = e.sig().toCharArray();
        sig[10] = sig[10] == '0' ? '1' : '0';
        Event otherSig = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), new String(sig));
        assertThat(otherSig.verify()).isFalse();
        Event otherTime = new Event(e.id(), e.pubkey(), e.createdAt() + 1, e.kind(), e.tags(), e.content(), e.sig());
        assertThat(otherTime.verify()).isFalse();
    }

    @Test
    void unknownMembersAreIgnoredAndOrderDoesNotMatter() {
        Event e = sample();
        String json = "{\"sig\":\"" + e.sig() + "\",\"extra\":{\"a\":[1,2]},\"content\":" + network.mostro.nostr.internal.Json.quote(e.content())
                + ",\"tags\":[[\"p\",\"d41b22899549e1f3d335a31002cfd382174006e166d3e658e3a5eecdb6463573\"],[\"expiration\",\"1702592000\"]]"
                + ",\"kind\":14,\"created_at\":1700000000,\"pubkey\":\"" + e.pubkey().toHex() + "\",\"id\":\"" + e.id() + "\"}";
        assertThat(Event.fromJson(json)).isEqualTo(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "nope", "[]", "{", "{\"id\":1}}", "{} {}", "{\"a\":1,\"a\":2}",
    })
    void malformedJsonIsTyped(String json) {
        assertThatThrownBy(() -> Event.fromJson(json)).isInstanceOf(NostrException.class)
                .satisfies(ex -> assertThat(((NostrException) ex).kind())
                        .isIn(NostrException.Kind.MALFORMED, NostrException.Kind.INVALID));
    }

    @Test
    void everyStructuralRuleIsEnforced() {
        String ok = sample().toJson();
        String id = sample().id();
        assertInvalid(ok.replace("\"kind\":14", "\"kind\":65536"));
        assertInvalid(ok.replace("\"kind\":14", "\"kind\":-1"));
        assertInvalid(ok.replace("\"kind\":14", "\"kind\":14.0"));
        assertInvalid(ok.replace("\"kind\":14", "\"kind\":\"14\""));
        assertInvalid(ok.replace("\"created_at\":1700000000", "\"created_at\":99999999999999999999999"));
        assertInvalid(ok.replace("\"created_at\":1700000000", "\"created_at\":1.5"));
        assertInvalid(ok.replace(id, id.toUpperCase()));
        assertInvalid(ok.replace(id, id.substring(2)));
        assertInvalid(ok.replace("[\"expiration\",\"1702592000\"]", "[\"expiration\",1702592000]"));
        assertInvalid(ok.replace("[\"expiration\",\"1702592000\"]", "[]"));
        assertInvalid(ok.replace("[\"expiration\",\"1702592000\"]", "\"expiration\""));
        assertInvalid(ok.replaceFirst(",\"sig\":\"[0-9a-f]+\"", ""));
        assertInvalid(ok.replace("\"content\":", "\"content\":null,\"x\":"));
    }

    @Test
    void limitsBoundUntrustedInput() {
        EventLimits tight = new EventLimits(10_000, 5, 1, 3, 100);
        String ok = sample().toJson();
        assertInvalid(() -> Event.fromJson(ok, tight)); // content longer than 5
        String manyTags = UnsignedEvent.builder(1).createdAt(1).tag("a", "1").tag("b", "2")
                .build(KEY.publicKey()).sign(KEY, ZERO_AUX).toJson();
        assertInvalid(() -> Event.fromJson(manyTags, tight));
        assertInvalid(() -> Event.fromJson("{\"content\":\"" + "x".repeat(20_000) + "\"}", tight));
    }

    @Test
    void pubkeyNotOnCurveIsACryptoError() {
        Event e = sample();
        // x = 5 has no curve point (BIP-340 vector 5 uses such a key).
        String bad = "eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34";
        assertThatThrownBy(() -> Event.fromJson(e.toJson().replace(e.pubkey().toHex(), bad)))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void rumorRoundTripHasIdAndNoSig() {
        UnsignedEvent u = UnsignedEvent.builder(1).createdAt(5).content("[{},null]").build(KEY.publicKey());
        String json = u.toJson();
        assertThat(json).contains("\"id\":\"" + u.id() + "\"").doesNotContain("\"sig\"");
        assertThat(UnsignedEvent.fromJson(json)).isEqualTo(u);
        assertInvalid(() -> UnsignedEvent.fromJson(json.replace(u.id(), "0".repeat(64))));
    }

    @Test
    void signingWithTheWrongKeyIsRefused() {
        UnsignedEvent u = UnsignedEvent.builder(1).createdAt(5).build(KEY.publicKey());
        assertThatThrownBy(() -> u.sign(PrivateKey.generate(new Random(1)))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void seededRandomEventsRoundTrip() {
        Random rnd = new Random(20261124);
        for (int i = 0; i < 200; i++) {
            PrivateKey k = PrivateKey.generate(rnd);
            UnsignedEvent.Builder b = UnsignedEvent.builder(rnd.nextInt(65536)).createdAt(rnd.nextInt(Integer.MAX_VALUE));
            int tags = rnd.nextInt(4);
            for (int t = 0; t < tags; t++) {
                b.tag(randomString(rnd, 3), randomString(rnd, 10), randomString(rnd, 5));
            }
            byte[] aux = new byte[32];
            rnd.nextBytes(aux);
            Event e = b.content(randomString(rnd, 40)).build(k.publicKey()).sign(k, aux);
            Event back = Event.fromJson(e.toJson());
            assertThat(back).isEqualTo(e);
            assertThat(back.verify()).isTrue();
        }
    }

    private static String randomString(Random rnd, int max) {
        int n = rnd.nextInt(max + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int pick = rnd.nextInt(10);
            if (pick < 6) sb.append((char) ('a' + rnd.nextInt(26)));
            else if (pick < 7) sb.append((char) rnd.nextInt(0x20));
            else if (pick < 8) sb.append("\"\\/".charAt(rnd.nextInt(3)));
            else if (pick < 9) sb.append((char) (0xe0 + rnd.nextInt(0x20)));
            else sb.appendCodePoint(0x1f600 + rnd.nextInt(40));
        }
        return sb.toString();
    }

    private static void assertInvalid(String json) {
        assertInvalid(() -> Event.fromJson(json));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NostrException.class);
    }
}
