package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import network.mostro.nostr.internal.Bech32;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NIP-19 with the examples from nostr-protocol/nips {@code 19.md} ("Examples" and the npub example in "Bare
 * keys and ids"), hand-built TLV payloads, and bech32 error cases.
 */
class Nip19Test {
    private static final String SPEC_PUB_HEX = "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d";
    private static final String SPEC_NPUB = "npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6";
    private static final String SPEC_NPUB2 = "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg";
    private static final String SPEC_NPUB2_HEX = "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";
    private static final String SPEC_NSEC = "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";
    private static final String SPEC_NSEC_HEX = "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";
    private static final String SPEC_NPROFILE = "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhx"
            + "ue69uhhytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";
    private static final String EVENT_ID = "b9f5441e45ca39179320e0031cfb18e34078673dcc3d3e3a3b3a981760aa5696";

    @Test
    void specExamplesBareKeys() {
        assertThat(PublicKey.fromHex(SPEC_PUB_HEX).toNpub()).isEqualTo(SPEC_NPUB);
        assertThat(PublicKey.fromNpub(SPEC_NPUB).toHex()).isEqualTo(SPEC_PUB_HEX);
        assertThat(PublicKey.fromNpub(SPEC_NPUB2).toHex()).isEqualTo(SPEC_NPUB2_HEX);
        assertThat(PublicKey.fromHex(SPEC_NPUB2_HEX).toNpub()).isEqualTo(SPEC_NPUB2);
        assertThat(PrivateKey.fromNsec(SPEC_NSEC).toHex()).isEqualTo(SPEC_NSEC_HEX);
        assertThat(PrivateKey.fromHex(SPEC_NSEC_HEX).toNsec()).isEqualTo(SPEC_NSEC);

        assertThat(Nip19.decode(SPEC_NPUB)).isEqualTo(new Nip19.Npub(PublicKey.fromHex(SPEC_PUB_HEX)));
        assertThat(Nip19.decode(SPEC_NSEC)).isEqualTo(new Nip19.Nsec(PrivateKey.fromHex(SPEC_NSEC_HEX)));
        assertThat(Nip19.decode(SPEC_NSEC).toString()).doesNotContain(SPEC_NSEC_HEX);
    }

    @Test
    void specExampleNprofile() {
        Nip19 decoded = Nip19.decode(SPEC_NPROFILE);
        assertThat(decoded).isInstanceOf(Nip19.Nprofile.class);
        Nip19.Nprofile p = (Nip19.Nprofile) decoded;
        assertThat(p.publicKey().toHex()).isEqualTo(SPEC_PUB_HEX);
        assertThat(p.relays()).containsExactly("wss://r.x.com", "wss://djbas.sadkb.com");
        assertThat(p.encode()).isEqualTo(SPEC_NPROFILE);
        assertThat(new Nip19.Nprofile(PublicKey.fromHex(SPEC_PUB_HEX), List.of("wss://r.x.com", "wss://djbas.sadkb.com"))
                .encode()).isEqualTo(SPEC_NPROFILE);
        assertThat(Nip19.decode(SPEC_NPROFILE.toUpperCase(Locale.ROOT))).isEqualTo(p);
    }

    @Test
    void noteAndUppercaseIds() {
        Nip19.Note note = new Nip19.Note(EVENT_ID.toUpperCase(Locale.ROOT));
        assertThat(note.eventId()).isEqualTo(EVENT_ID);
        assertThat(note.encode()).startsWith("note1");
        assertThat(Nip19.decode(note.encode())).isEqualTo(note);
        assertThat(Bech32.fromWords(Bech32.decode(note.encode(), 100).data())).isEqualTo(Hex.decode(EVENT_ID));
    }

    @Test
    void neventWithEveryFieldAndAnUnknownTlv() {
        PublicKey author = PublicKey.fromHex(SPEC_PUB_HEX);
        byte[] tlv = tlv(
                0, Hex.decode(EVENT_ID),
                1, ascii("wss://relay.mostro.network"),
                0xfe, ascii("ignored"),
                2, author.toBytes(),
                3, new byte[] {0, 0, (byte) 0x95, (byte) 0xef}, // 38383
                1, ascii("wss://nos.lol"),
                1, new byte[0]); // empty relay values are skipped
        String s = Bech32.encode("nevent", Bech32.toWords(tlv));
        Nip19.Nevent e = (Nip19.Nevent) Nip19.decode(s);
        assertThat(e.eventId()).isEqualTo(EVENT_ID);
        assertThat(e.relays()).containsExactly("wss://relay.mostro.network", "wss://nos.lol");
        assertThat(e.author()).contains(author);
        assertThat(e.kind()).isEqualTo(OptionalLong.of(38383));
        // Re-encoding drops the unknown and empty TLVs and round-trips.
        assertThat(Nip19.decode(e.encode())).isEqualTo(e);
        assertThat(e.encode()).isEqualTo(Bech32.encode("nevent", Bech32.toWords(tlv(
                0, Hex.decode(EVENT_ID),
                1, ascii("wss://relay.mostro.network"),
                1, ascii("wss://nos.lol"),
                2, author.toBytes(),
                3, new byte[] {0, 0, (byte) 0x95, (byte) 0xef}))));

        Nip19.Nevent bare = new Nip19.Nevent(EVENT_ID);
        assertThat(Nip19.decode(bare.encode())).isEqualTo(bare);
        assertThat(bare.author()).isEmpty();
        assertThat(bare.kind()).isEmpty();
        // Kind is 32-bit unsigned.
        Nip19.Nevent maxKind = new Nip19.Nevent(EVENT_ID, List.of(), Optional.empty(), OptionalLong.of(0xffffffffL));
        assertThat(((Nip19.Nevent) Nip19.decode(maxKind.encode())).kind()).hasValue(0xffffffffL);
    }

    @Test
    void naddrForAMostroOrder() {
        Nip19.Naddr a = new Nip19.Naddr("308e1272-d5f4-47e6-bd97-3504baea9c23", PublicKey.fromHex(SPEC_PUB_HEX), 38383,
                List.of("wss://relay.mostro.network"));
        assertThat(a.encode()).startsWith("naddr1");
        assertThat(Nip19.decode(a.encode())).isEqualTo(a);
        Nip19.Naddr empty = new Nip19.Naddr("", PublicKey.fromHex(SPEC_PUB_HEX), 30023, List.of());
        assertThat(Nip19.decode(empty.encode())).isEqualTo(empty);
        byte[] author = PublicKey.fromHex(SPEC_PUB_HEX).toBytes();
        assertInvalid(Bech32.encode("naddr", Bech32.toWords(tlv(0, ascii("x"), 3, new byte[4]))), "missing author");
        assertInvalid(Bech32.encode("naddr", Bech32.toWords(tlv(0, ascii("x"), 2, author))), "missing kind");
    }

    @Test
    void tlvRules() {
        byte[] pub = PublicKey.fromHex(SPEC_PUB_HEX).toBytes();
        // First occurrence of a repeated single-valued type wins.
        byte[] other = PublicKey.fromHex(SPEC_NPUB2_HEX).toBytes();
        Nip19.Nprofile p = (Nip19.Nprofile) Nip19.decode(Bech32.encode("nprofile", Bech32.toWords(tlv(0, pub, 0, other))));
        assertThat(p.publicKey().toHex()).isEqualTo(SPEC_PUB_HEX);
        // Missing type 0, wrong lengths.
        assertInvalid(Bech32.encode("nprofile", Bech32.toWords(tlv(1, ascii("wss://a")))), "missing TLV type 0");
        assertInvalid(Bech32.encode("nprofile", Bech32.toWords(tlv(0, new byte[31]))), "32 bytes");
        assertInvalid(Bech32.encode("nevent", Bech32.toWords(tlv(0, new byte[33]))), "32 bytes");
        assertInvalid(Bech32.encode("nevent", Bech32.toWords(tlv(0, new byte[32], 3, new byte[3]))), "4 bytes");
        assertInvalid(Bech32.encode("nevent", Bech32.toWords(tlv(0, new byte[32], 2, new byte[31]))), "32 bytes");
        assertInvalid(Bech32.encode("nevent", Bech32.toWords(new byte[0])), "missing TLV type 0");
        // Truncated TLVs are malformed.
        byte[] truncated = java.util.Arrays.copyOf(tlv(0, pub), 20);
        assertMalformed(Bech32.encode("nprofile", Bech32.toWords(truncated)));
        assertMalformed(Bech32.encode("nprofile", Bech32.toWords(concat(tlv(0, pub), new byte[] {1}))));
        // Author that is not a curve point.
        byte[] notOnCurve = new byte[32];
        java.util.Arrays.fill(notOnCurve, (byte) 0xff);
        String badAuthor = Bech32.encode("nevent", Bech32.toWords(tlv(0, new byte[32], 2, notOnCurve)));
        assertThatThrownBy(() -> Nip19.decode(badAuthor)).isInstanceOf(CryptoException.class);
        // Relay bytes must be UTF-8.
        String badRelay = Bech32.encode("nprofile", Bech32.toWords(tlv(0, pub, 1, new byte[] {(byte) 0xff, 0x41})));
        assertMalformed(badRelay);
        // Relay count is bounded.
        List<Object> many = new ArrayList<>(List.of(0, pub));
        for (int i = 0; i <= Nip19.MAX_RELAYS; i++) {
            many.add(1);
            many.add(ascii("wss://r" + i));
        }
        String tooMany = Bech32.encode("nprofile", Bech32.toWords(tlv(many.toArray())));
        assertInvalid(tooMany, "relays");
    }

    @Test
    void bech32Errors() {
        // Bad checksum.
        String badChecksum = SPEC_NPUB.substring(0, SPEC_NPUB.length() - 1) + (SPEC_NPUB.endsWith("6") ? "7" : "6");
        assertMalformed(badChecksum);
        assertThatThrownBy(() -> PublicKey.fromNpub(badChecksum)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("checksum");
        // Mixed case.
        String mixed = "NPUB" + SPEC_NPUB.substring(4);
        assertThatThrownBy(() -> PublicKey.fromNpub(mixed)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("mixed case");
        // All uppercase is fine (QR codes).
        assertThat(PublicKey.fromNpub(SPEC_NPUB.toUpperCase(Locale.ROOT)).toHex()).isEqualTo(SPEC_PUB_HEX);
        assertThat(PrivateKey.fromNsec(SPEC_NSEC.toUpperCase(Locale.ROOT)).toHex()).isEqualTo(SPEC_NSEC_HEX);
        // Wrong prefix for the expected type.
        assertThatThrownBy(() -> PublicKey.fromNpub(SPEC_NSEC)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected npub");
        assertThatThrownBy(() -> PrivateKey.fromNsec(SPEC_NPUB)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected nsec");
        assertThatThrownBy(() -> PublicKey.fromNpub(new Nip19.Note(EVENT_ID).encode()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PrivateKey.fromNsec(SPEC_NPROFILE)).isInstanceOf(InvalidInputException.class);
        // Wrong data length.
        for (int len : new int[] {0, 1, 31, 33, 64}) {
            String npub = Bech32.encode("npub", Bech32.toWords(new byte[len]));
            assertThatThrownBy(() -> PublicKey.fromNpub(npub)).as("npub of %d bytes", len)
                    .isInstanceOf(InvalidInputException.class);
            String nsec = Bech32.encode("nsec", Bech32.toWords(new byte[len]));
            assertThatThrownBy(() -> PrivateKey.fromNsec(nsec)).as("nsec of %d bytes", len)
                    .isInstanceOf(InvalidInputException.class);
            String note = Bech32.encode("note", Bech32.toWords(new byte[len]));
            assertInvalid(note, "32 bytes");
        }
        // Excess padding: 32 bytes need 52 groups (4 padding bits); 54 groups leave 6 bits.
        byte[] words = java.util.Arrays.copyOf(Bech32.toWords(Hex.decode(SPEC_PUB_HEX)), 54);
        assertMalformed(Bech32.encode("npub", words));
        // Non-zero padding bits in the last group.
        byte[] nonZeroPad = Bech32.toWords(Hex.decode(SPEC_PUB_HEX));
        nonZeroPad[51] |= 1;
        assertMalformed(Bech32.encode("npub", nonZeroPad));
        // Out-of-range keys.
        assertThatThrownBy(() -> PrivateKey.fromNsec(Bech32.encode("nsec", Bech32.toWords(new byte[32]))))
                .isInstanceOf(CryptoException.class);
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        assertThatThrownBy(() -> PublicKey.fromNpub(Bech32.encode("npub", Bech32.toWords(ff))))
                .isInstanceOf(CryptoException.class);
        // Unsupported prefixes, nulls, overlong input.
        for (String hrp : new String[] {"nrelay", "lnbc", "bc", "npub2"}) {
            String s = Bech32.encode(hrp, Bech32.toWords(new byte[32]));
            assertThatThrownBy(() -> Nip19.decode(s)).as(hrp).isInstanceOf(UnsupportedInputException.class);
        }
        assertThatThrownBy(() -> Nip19.decode(null)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> PublicKey.fromNpub(null)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> PrivateKey.fromNsec("")).isInstanceOf(MalformedInputException.class);
        String huge = Bech32.encode("nprofile", Bech32.toWords(new byte[3200]));
        assertThat(huge.length()).isGreaterThan(Nip19.MAX_LENGTH);
        assertInvalid(huge, "longer than");
    }

    @Test
    void constructorsValidate() {
        PublicKey pub = PublicKey.fromHex(SPEC_PUB_HEX);
        assertThatThrownBy(() -> new Nip19.Npub(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Nsec(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Note(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Note("abc")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> new Nip19.Nprofile(pub, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Nprofile(pub, Collections.singletonList(null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Nprofile(pub, List.of("")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Nprofile(pub, List.of("wss://" + "a".repeat(250))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Nprofile(pub, Collections.nCopies(Nip19.MAX_RELAYS + 1, "wss://a")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Nevent(EVENT_ID, List.of(), null, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Nevent(EVENT_ID, List.of(), Optional.empty(), OptionalLong.of(-1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Nevent(EVENT_ID, List.of(), Optional.empty(), OptionalLong.of(1L << 32)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Nip19.Naddr("x".repeat(256), pub, 1, List.of()))
                .isInstanceOf(InvalidInputException.class);
        // 64 relays of 255 bytes fit the TLV but not MAX_LENGTH.
        Nip19.Nprofile big = new Nip19.Nprofile(pub, Collections.nCopies(Nip19.MAX_RELAYS, "w".repeat(255)));
        assertThatThrownBy(big::encode).isInstanceOf(InvalidInputException.class);
        List<String> relays = new ArrayList<>(List.of("wss://a"));
        Nip19.Nprofile copy = new Nip19.Nprofile(pub, relays);
        relays.add("wss://b");
        assertThat(copy.relays()).containsExactly("wss://a");
    }

    @ParameterizedTest
    @ValueSource(longs = {19, 20, 21})
    void randomEntitiesRoundTrip(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            PrivateKey sk = PrivateKey.generate(random);
            PublicKey pk = sk.publicKey();
            byte[] id = new byte[32];
            random.nextBytes(id);
            List<String> relays = new ArrayList<>();
            for (int r = random.nextInt(4); r > 0; r--) {
                relays.add("wss://relay" + random.nextInt(1000) + ".example/\u00e9");
            }
            List<Nip19> entities = List.of(
                    new Nip19.Npub(pk),
                    new Nip19.Nsec(sk),
                    new Nip19.Note(Hex.encode(id)),
                    new Nip19.Nprofile(pk, relays),
                    new Nip19.Nevent(Hex.encode(id), relays,
                            random.nextBoolean() ? Optional.of(pk) : Optional.empty(),
                            random.nextBoolean() ? OptionalLong.of(random.nextInt(65536)) : OptionalLong.empty()),
                    new Nip19.Naddr("d" + random.nextInt(), pk, 30000 + random.nextInt(10000), relays));
            for (Nip19 e : entities) {
                String s = e.encode();
                assertThat(s).startsWith(e.hrp() + "1");
                assertThat(Nip19.decode(s)).isEqualTo(e);
                assertThat(Nip19.decode(s.toUpperCase(Locale.ROOT))).isEqualTo(e);
            }
            assertThat(PublicKey.fromNpub(pk.toNpub())).isEqualTo(pk);
            assertThat(PrivateKey.fromNsec(sk.toNsec())).isEqualTo(sk);
        }
    }

    private static void assertInvalid(String s, String message) {
        assertThatThrownBy(() -> Nip19.decode(s)).as(s).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    private static void assertMalformed(String s) {
        assertThatThrownBy(() -> Nip19.decode(s)).as(s).isInstanceOf(MalformedInputException.class);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Builds a TLV list from alternating (Integer type, byte[] value) arguments. */
    private static byte[] tlv(Object... typeValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < typeValue.length; i += 2) {
            byte[] v = (byte[]) typeValue[i + 1];
            out.write((Integer) typeValue[i]);
            out.write(v.length);
            out.write(v, 0, v.length);
        }
        return out.toByteArray();
    }
}
