package network.mostro.protocol.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.UnsupportedInputException;
import network.mostro.nostr.internal.Bech32;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.Secp256k1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Bolt11Test {
    private static final byte[] SPEC_KEY = Hex.decode(Bolt11Vectors.PRIVATE_KEY);

    static Stream<Bolt11Vectors.Vector> validVectors() {
        return Bolt11Vectors.valid().stream();
    }

    static Stream<Bolt11Vectors.Vector> invalidVectors() {
        return Bolt11Vectors.invalid().stream();
    }

    @Test
    void vectorFileHasAllSpecExamples() {
        assertThat(Bolt11Vectors.valid()).hasSize(14);
        assertThat(Bolt11Vectors.invalid()).hasSize(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void decodesSpecExample(Bolt11Vectors.Vector v) {
        Bolt11Invoice inv = Bolt11.decode(v.get("invoice"));

        assertThat(inv.paymentRequest()).isEqualTo(v.get("invoice").toLowerCase());
        assertThat(inv.network()).isEqualTo(LightningNetwork.valueOf(v.get("network")));
        if (v.get("amount_msat").isEmpty()) {
            assertThat(inv.amountMsat()).isEmpty();
            assertThat(inv.isAmountless()).isTrue();
        } else {
            assertThat(inv.amountMsat()).hasValue(Long.parseLong(v.get("amount_msat")));
        }
        assertThat(inv.timestamp()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(v.get("timestamp"))));
        assertThat(inv.paymentHash()).isEqualTo(v.get("payment_hash"));
        assertThat(inv.paymentSecret()).isEqualTo(v.get("payment_secret"));
        if (v.get("description") != null) {
            assertThat(inv.description()).hasValue(v.get("description"));
            assertThat(inv.descriptionHash()).isEmpty();
        } else {
            String text = v.get("description_hash_of");
            assertThat(inv.description()).isEmpty();
            assertThat(inv.descriptionHash())
                    .hasValue(Hex.encode(Secp256k1.sha256(text.getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(inv.expirySeconds()).isEqualTo(Long.parseLong(v.get("expiry")));
        assertThat(inv.minFinalCltvExpiryDelta()).isEqualTo(Long.parseLong(v.get("min_final_cltv")));
        assertThat(inv.features()).containsExactlyElementsOf(
                Arrays.stream(v.get("features").split(",")).map(Integer::valueOf).toList());
        assertThat(inv.payeeNodeId()).isEqualTo(Bolt11Vectors.NODE_ID);
        assertThat(inv.payeeNodeIdExplicit()).isFalse();
        if (v.get("signature") != null) {
            assertThat(inv.signature()).isEqualTo(v.get("signature"));
            assertThat(inv.recoveryId()).isEqualTo(Integer.parseInt(v.get("recovery_id")));
        }
        if (v.get("fallback") != null) {
            assertThat(inv.fields(TaggedField.FALLBACK)).singleElement()
                    .extracting(TaggedField::data).isEqualTo(v.get("fallback"));
        }
        if (v.get("route_hint_bytes") != null) {
            assertThat(inv.fields(TaggedField.ROUTE_HINT)).singleElement()
                    .extracting(f -> Hex.encode(f.bytes())).isEqualTo(v.get("route_hint_bytes"));
        }
        if (v.get("metadata_bytes") != null) {
            assertThat(inv.fields(TaggedField.METADATA)).singleElement()
                    .extracting(f -> Hex.encode(f.bytes())).isEqualTo(v.get("metadata_bytes"));
        }
        if (v.get("ignored_fields") != null) {
            List<String> kept = inv.taggedFields().stream()
                    .skip(4) // p d s 9
                    .map(f -> f.tag() + ":" + f.length())
                    .toList();
            assertThat(String.join(",", kept)).isEqualTo(v.get("ignored_fields"));
        }
    }

    /** The signed message is the HRP bytes followed by the data part without signature, zero-padded to bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void signingHashMatchesSpecBreakdown(Bolt11Vectors.Vector v) {
        if (v.get("signing_hash") == null) {
            return;
        }
        Bech32.Decoded d = Bech32.decode(v.get("invoice"), Bolt11.MAX_LENGTH);
        byte[] data = d.data();
        byte[] packed = Bech32.convertBits(Arrays.copyOf(data, data.length - 104), 5, 8, true);
        byte[] hrp = d.hrp().getBytes(StandardCharsets.UTF_8);
        byte[] msg = Arrays.copyOf(hrp, hrp.length + packed.length);
        System.arraycopy(packed, 0, msg, hrp.length, packed.length);
        if (v.get("signing_data") != null) {
            assertThat(Hex.encode(msg)).isEqualTo(v.get("signing_data"));
        }
        assertThat(Hex.encode(Secp256k1.sha256(msg))).isEqualTo(v.get("signing_hash"));
    }

    /** The spec's signatures are deterministic (RFC 6979, low-S); re-signing the same fields reproduces them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void reSigningSpecExampleReproducesItExactly(Bolt11Vectors.Vector v) {
        Bolt11Invoice inv = Bolt11.decode(v.get("invoice"));
        Bolt11Invoice again = Bolt11.sign(inv.network(), inv.amountMsat(), inv.timestamp(), inv.taggedFields(), SPEC_KEY);
        assertThat(again.paymentRequest()).isEqualTo(v.get("invoice").toLowerCase());
        assertThat(again).isEqualTo(inv);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVectors")
    void rejectsSpecInvalidExample(Bolt11Vectors.Vector v) {
        Bolt11Error expected = Bolt11Error.valueOf(v.get("error"));
        Throwable t = catchThrowable(() -> Bolt11.decode(v.get("invoice")));
        assertThat(t).isInstanceOf(InvoiceFailure.class).isInstanceOf(NostrException.class);
        assertThat(((InvoiceFailure) t).reason()).isEqualTo(expected);
        assertThat(((NostrException) t).kind()).isEqualTo(expected.kind());
        if (v.get("message") != null) {
            assertThat(t.getMessage()).contains(v.get("message"));
        }
    }

    @Test
    void exceptionClassesMatchKinds() {
        assertThat(catchThrowable(() -> Bolt11.decode("lnbc1qqqq"))).isInstanceOf(MalformedInputException.class);
        Bolt11Vectors.Vector sub = Bolt11Vectors.invalid().stream()
                .filter(v -> v.name().equals("invalid.sub_millisatoshi")).findFirst().orElseThrow();
        assertThat(catchThrowable(() -> Bolt11.decode(sub.get("invoice")))).isInstanceOf(InvalidInputException.class);
        Bolt11Vectors.Vector feat = Bolt11Vectors.invalid().stream()
                .filter(v -> v.name().equals("invalid.unknown_feature_100")).findFirst().orElseThrow();
        assertThat(catchThrowable(() -> Bolt11.decode(feat.get("invoice")))).isInstanceOf(UnsupportedInputException.class);
        Bolt11Vectors.Vector sig = Bolt11Vectors.invalid().stream()
                .filter(v -> v.name().equals("invalid.signature_not_recoverable")).findFirst().orElseThrow();
        assertThat(catchThrowable(() -> Bolt11.decode(sig.get("invoice")))).isInstanceOf(CryptoException.class);
    }

    // ------------------------------------------------------------------------------------------------
    @Test
    void decodingAgainGivesTheSameInvoiceAndEachSignatureItsOwnPayee() {
        Instant ts = Instant.ofEpochSecond(1_700_000_000L);
        byte[] other = Hex.decode("11".repeat(32));
        Bolt11Invoice a = minimal(LightningNetwork.REGTEST).timestamp(ts).amountSats(77).sign(SPEC_KEY);
        Bolt11Invoice b = minimal(LightningNetwork.REGTEST).timestamp(ts).amountSats(77).sign(other);
        for (int i = 0; i < 3; i++) { // later rounds take the payee from the cache of recovered keys
            assertThat(Bolt11.decode(a.paymentRequest())).isEqualTo(a);
            assertThat(Bolt11.decode(b.paymentRequest())).isEqualTo(b);
        }
        assertThat(a.payeeNodeId()).isEqualTo(Hex.encode(
                network.mostro.protocol.internal.RecoverableEcdsa.publicKeyOf(SPEC_KEY)));
        assertThat(b.payeeNodeId()).isEqualTo(Hex.encode(
                network.mostro.protocol.internal.RecoverableEcdsa.publicKeyOf(other)));
    }

    // Networks and amounts

    @Test
    void prefixesThatExtendOthersPickTheLongest() {
        Instant ts = Instant.ofEpochSecond(1_700_000_000L);
        for (LightningNetwork n : LightningNetwork.values()) {
            Bolt11Invoice amountless = minimal(n).timestamp(ts).sign(SPEC_KEY);
            assertThat(amountless.network()).isEqualTo(n);
            assertThat(amountless.paymentRequest()).startsWith(n.hrpPrefix() + "1");
            Bolt11Invoice withAmount = minimal(n).timestamp(ts).amountSats(1234).sign(SPEC_KEY);
            assertThat(withAmount.network()).isEqualTo(n);
            assertThat(withAmount.amountMsat()).hasValue(1_234_000L);
            assertThat(Bolt11.decode(withAmount.paymentRequest()).network()).isEqualTo(n);
        }
        assertThat(LightningNetwork.fromHrp("lnbcrt10u")).hasValue(LightningNetwork.REGTEST);
        assertThat(LightningNetwork.fromHrp("lnbc10u")).hasValue(LightningNetwork.MAINNET);
        assertThat(LightningNetwork.fromHrp("lntbs10u")).hasValue(LightningNetwork.SIGNET);
        assertThat(LightningNetwork.fromHrp("lntb10u")).hasValue(LightningNetwork.TESTNET);
        assertThat(LightningNetwork.fromHrp("lnsb10u")).isEmpty();
        assertThat(LightningNetwork.fromWire("regtest")).hasValue(LightningNetwork.REGTEST);
    }

    @Test
    void amountMultipliers() {
        assertThat(Bolt11.encodeAmount(100_000_000_000L)).isEqualTo("1");
        assertThat(Bolt11.encodeAmount(2_000_000_000L)).isEqualTo("20m");
        assertThat(Bolt11.encodeAmount(250_000_000L)).isEqualTo("2500u");
        assertThat(Bolt11.encodeAmount(1_000L)).isEqualTo("10n");
        assertThat(Bolt11.encodeAmount(967_878_534L)).isEqualTo("9678785340p");
        assertThat(Bolt11.encodeAmount(1L)).isEqualTo("10p");
        assertThatThrownBy(() -> Bolt11.encodeAmount(0)).isInstanceOf(InvalidInvoiceException.class);
    }

    @Test
    void unknownPrefixAndBadAmountsAreTyped() {
        assertReason(resign("lnsb", SAMPLE), Bolt11Error.UNKNOWN_PREFIX);
        assertReason(resign("xyz", SAMPLE), Bolt11Error.UNKNOWN_PREFIX);
        assertReason(resign("lnbc0u", SAMPLE), Bolt11Error.INVALID_AMOUNT);
        assertReason(resign("lnbc010u", SAMPLE), Bolt11Error.INVALID_AMOUNT);
        assertReason(resign("lnbcu", SAMPLE), Bolt11Error.INVALID_AMOUNT);
        assertReason(resign("lnbc99999999999999999999m", SAMPLE), Bolt11Error.INVALID_AMOUNT);
        assertReason(resign("lnbc92233720368547758m", SAMPLE), Bolt11Error.INVALID_AMOUNT);
        assertReason(resign("lnbc1x0u", SAMPLE), Bolt11Error.INVALID_MULTIPLIER);
        assertReason(resign("lnbc25k", SAMPLE), Bolt11Error.INVALID_MULTIPLIER);
        assertReason(resign("lnbc25p", SAMPLE), Bolt11Error.SUB_MILLISATOSHI_AMOUNT);
        assertThat(Bolt11.decode(resign("lnbc250p", SAMPLE)).amountMsat()).hasValue(25L);
        assertThat(Bolt11.decode(resign("lnbc21000000", SAMPLE)).amountMsat()).hasValue(2_100_000_000_000_000_000L);
    }

    @Test
    void tooLongIsInvalid() {
        String s = "lnbc1" + "q".repeat(Bolt11.MAX_LENGTH);
        assertReason(s, Bolt11Error.TOO_LONG);
        assertThat(catchThrowable(() -> Bolt11.decode(s))).isInstanceOf(InvalidInputException.class);
    }

    // ------------------------------------------------------------------------------------------------
    // Structural rules

    @Test
    void missingAndDuplicatedFieldsAreTyped() {
        Instant ts = Instant.ofEpochSecond(1_600_000_000L);
        TaggedField p = TaggedField.ofBytes(TaggedField.PAYMENT_HASH, bytes(32, 1));
        TaggedField s = TaggedField.ofBytes(TaggedField.PAYMENT_SECRET, bytes(32, 2));
        TaggedField d = TaggedField.ofBytes(TaggedField.DESCRIPTION, "x".getBytes(StandardCharsets.UTF_8));
        TaggedField h = TaggedField.ofBytes(TaggedField.DESCRIPTION_HASH, bytes(32, 3));
        assertSignFails(List.of(s, d), ts, Bolt11Error.MISSING_PAYMENT_HASH);
        assertSignFails(List.of(p, d), ts, Bolt11Error.MISSING_PAYMENT_SECRET);
        assertSignFails(List.of(p, s), ts, Bolt11Error.MISSING_DESCRIPTION);
        assertSignFails(List.of(p, s, d, h), ts, Bolt11Error.MULTIPLE_DESCRIPTIONS);
        assertSignFails(List.of(p, s, d, d), ts, Bolt11Error.MULTIPLE_DESCRIPTIONS);
        assertSignFails(List.of(p, p, s, d), ts, Bolt11Error.DUPLICATE_FIELD);
        assertSignFails(List.of(p, s, s, d), ts, Bolt11Error.DUPLICATE_FIELD);
        TaggedField badUtf8 = TaggedField.ofBytes(TaggedField.DESCRIPTION, new byte[] {(byte) 0xc3, 0x28});
        assertSignFails(List.of(p, s, badUtf8), ts, Bolt11Error.INVALID_DESCRIPTION);
        TaggedField mppOnly = Bolt11.featureField(new TreeSet<>(List.of(17)));
        assertSignFails(List.of(p, s, d, mppOnly), ts, Bolt11Error.MISSING_FEATURE_DEPENDENCY);
        TaggedField hugeExpiry = TaggedField.ofWords(TaggedField.EXPIRY, filled(13, 31));
        assertSignFails(List.of(p, s, d, hugeExpiry), ts, Bolt11Error.INVALID_FIELD);
        TaggedField paddedHash = TaggedField.ofWords(TaggedField.PAYMENT_HASH, filled(52, 31));
        assertSignFails(List.of(paddedHash, s, d), ts, Bolt11Error.INVALID_FIELD);
        // a payment hash of the wrong length is skipped (kept raw), so the invoice has none
        TaggedField shortHash = TaggedField.ofWords(TaggedField.PAYMENT_HASH, filled(51, 0));
        assertSignFails(List.of(shortHash, s, d), ts, Bolt11Error.MISSING_PAYMENT_HASH);
        // unknown odd feature bits are ignored, even ones refused
        assertThat(Bolt11.sign(LightningNetwork.MAINNET, OptionalLong.empty(), ts,
                List.of(p, s, d, Bolt11.featureField(new TreeSet<>(List.of(14, 101)))), SPEC_KEY).features())
                .containsExactly(14, 101);
        assertThatThrownBy(() -> Bolt11.sign(LightningNetwork.MAINNET, OptionalLong.empty(), ts,
                List.of(p, s, d, Bolt11.featureField(new TreeSet<>(List.of(14, 100)))), SPEC_KEY))
                .isInstanceOf(InvalidInvoiceException.class);
    }

    @Test
    void truncatedFieldIsMalformed() {
        // a field header that claims more groups than remain before the signature
        byte[] data = new byte[7 + 3 + 104];
        data[7] = TaggedField.PAYMENT_HASH;
        data[8] = 1;
        data[9] = 20;
        assertReason(Bech32.encode("lnbc", data), Bolt11Error.TRUNCATED_FIELD);
        byte[] data2 = new byte[7 + 2 + 104];
        assertReason(Bech32.encode("lnbc", data2), Bolt11Error.TRUNCATED_FIELD);
    }

    @Test
    void defaultsApplyWithoutXAndC() {
        Bolt11Invoice inv = minimal(LightningNetwork.MAINNET).timestamp(Instant.ofEpochSecond(5)).sign(SPEC_KEY);
        assertThat(inv.expirySeconds()).isEqualTo(3600);
        assertThat(inv.minFinalCltvExpiryDelta()).isEqualTo(18);
        assertThat(inv.expiresAt()).isEqualTo(Instant.ofEpochSecond(3605));
        assertThat(inv.isExpiredAt(Instant.ofEpochSecond(3605))).isFalse();
        assertThat(inv.isExpiredAt(Instant.ofEpochSecond(3605, 1))).isTrue();
        assertThat(inv.fields(TaggedField.EXPIRY)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------
    // Signatures

    @Test
    void explicitPayeeFieldIsVerified() {
        Bolt11Invoice inv = minimal(LightningNetwork.MAINNET).timestamp(Instant.ofEpochSecond(1_600_000_000L))
                .includePayeeNodeId(true).sign(SPEC_KEY);
        assertThat(inv.payeeNodeIdExplicit()).isTrue();
        assertThat(inv.payeeNodeId()).isEqualTo(Bolt11Vectors.NODE_ID);

        // the same fields with somebody else's key in n: signature no longer verifies
        byte[] otherKey = bytes(32, 7);
        List<TaggedField> fields = new ArrayList<>(inv.taggedFields());
        fields.replaceAll(f -> f.type() == TaggedField.PAYEE
                ? TaggedField.ofBytes(TaggedField.PAYEE, Bolt11.publicKeyOf(otherKey)) : f);
        String forged = withFieldsKeepingSignature(inv, fields);
        assertReason(forged, Bolt11Error.INVALID_SIGNATURE);

        // an n field that is not a curve point
        byte[] notAPoint = new byte[33];
        notAPoint[0] = 0x02;
        Arrays.fill(notAPoint, 1, 33, (byte) 0xff);
        fields.replaceAll(f -> f.type() == TaggedField.PAYEE ? TaggedField.ofBytes(TaggedField.PAYEE, notAPoint) : f);
        assertReason(withFieldsKeepingSignature(inv, fields), Bolt11Error.INVALID_KEY);
    }

    /** Changing any signed bit (and fixing the checksum) either changes the recovered payee or fails. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void tamperingIsDetected(long seed) {
        Random rnd = new Random(seed);
        for (Bolt11Vectors.Vector v : Bolt11Vectors.valid()) {
            Bech32.Decoded d = Bech32.decode(v.get("invoice"), Bolt11.MAX_LENGTH);
            byte[] data = d.data();
            int i = rnd.nextInt(data.length - 104); // a signed group: timestamp or a field
            data[i] = (byte) ((data[i] + 1 + rnd.nextInt(31)) & 31);
            String tampered = Bech32.encode(d.hrp(), data);
            Throwable t = catchThrowable(() -> {
                Bolt11Invoice inv = Bolt11.decode(tampered);
                assertThat(inv.payeeNodeId()).as(v.name() + " group " + i).isNotEqualTo(Bolt11Vectors.NODE_ID);
            });
            if (t != null && !(t instanceof AssertionError)) {
                assertThat(t).isInstanceOf(InvoiceFailure.class);
            } else if (t != null) {
                throw (AssertionError) t;
            }
        }
    }

    @Test
    void tamperingWithExplicitPayeeFailsVerification() {
        Random rnd = new Random(42);
        Bolt11Invoice inv = minimal(LightningNetwork.REGTEST).timestamp(Instant.ofEpochSecond(1_700_000_000L))
                .amountSats(50_000).includePayeeNodeId(true).sign(SPEC_KEY);
        for (int k = 0; k < 50; k++) {
            Bech32.Decoded d = Bech32.decode(inv.paymentRequest(), Bolt11.MAX_LENGTH);
            byte[] data = d.data();
            // flip a bit in the timestamp or the payment hash: layout stays valid, signature does not
            int i = rnd.nextBoolean() ? rnd.nextInt(7) : 10 + rnd.nextInt(51);
            data[i] = (byte) (data[i] ^ (1 << rnd.nextInt(5)));
            String tampered = Bech32.encode(d.hrp(), data);
            assertReason(tampered, Bolt11Error.INVALID_SIGNATURE);
        }
        // changing the amount in the HRP is covered by the signature too
        String hrpTampered = Bech32.encode("lnbcrt60u", Bech32.decode(inv.paymentRequest(), Bolt11.MAX_LENGTH).data());
        assertReason(hrpTampered, Bolt11Error.INVALID_SIGNATURE);
    }

    @Test
    void recoveryIdAboveThreeIsUnrecoverable() {
        Bolt11Invoice inv = minimal(LightningNetwork.MAINNET).timestamp(Instant.ofEpochSecond(9)).sign(SPEC_KEY);
        Bech32.Decoded d = Bech32.decode(inv.paymentRequest(), Bolt11.MAX_LENGTH);
        byte[] data = d.data();
        // the signature is 520 bits = 104 groups; the recovery id byte is bits 512-519, so group 102 holds its
        // top three bits: setting the lowest bit of that group adds 0x20 to the recovery id
        data[data.length - 2] = (byte) (data[data.length - 2] | 0x01);
        assertReason(Bech32.encode(d.hrp(), data), Bolt11Error.UNRECOVERABLE_SIGNATURE);
    }

    // ------------------------------------------------------------------------------------------------
    // Encode → decode round trips

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomRoundTrip(int seed) {
        Random rnd = new Random(seed * 7919L + 13);
        LightningNetwork network = LightningNetwork.values()[rnd.nextInt(4)];
        byte[] key = new byte[32];
        rnd.nextBytes(key);
        key[0] &= 0x7f; // below the group order
        key[31] |= 1;   // not zero
        byte[] hash = bytes(32, rnd.nextInt());
        byte[] secret = bytes(32, rnd.nextInt());
        Instant ts = Instant.ofEpochSecond(rnd.nextLong(1L << 35));
        Bolt11Invoice.Builder b = Bolt11Invoice.builder(network).timestamp(ts).paymentHash(hash).paymentSecret(secret);
        OptionalLong amount = OptionalLong.empty();
        if (rnd.nextInt(4) != 0) {
            long msat = switch (rnd.nextInt(3)) {
                case 0 -> 1 + rnd.nextLong(5_000_000_000L);
                case 1 -> (1 + rnd.nextLong(1_000_000L)) * 1000;
                default -> 1 + rnd.nextLong(2_100_000_000_000_000_000L);
            };
            b.amountMsat(msat);
            amount = OptionalLong.of(msat);
        }
        String description = null;
        byte[] descHash = null;
        if (rnd.nextBoolean()) {
            description = randomText(rnd, rnd.nextInt(120));
            b.description(description);
        } else {
            descHash = bytes(32, rnd.nextInt());
            b.descriptionHash(descHash);
        }
        long expiry = rnd.nextBoolean() ? rnd.nextLong(1L << 40) : 3600;
        if (expiry != 3600 || rnd.nextBoolean()) {
            b.expirySeconds(expiry);
        }
        long cltv = rnd.nextBoolean() ? rnd.nextInt(2016) : 18;
        if (cltv != 18 || rnd.nextBoolean()) {
            b.minFinalCltvExpiryDelta(cltv);
        }
        TreeSet<Integer> features = new TreeSet<>();
        if (rnd.nextBoolean()) {
            features.add(rnd.nextBoolean() ? 14 : 15);
            if (rnd.nextBoolean()) {
                features.add(rnd.nextBoolean() ? 16 : 17);
            }
            if (rnd.nextBoolean()) {
                features.add(8);
            }
            if (rnd.nextBoolean()) {
                features.add(2 * (60 + rnd.nextInt(100)) + 1); // unknown odd
            }
            features.forEach(b::feature);
        }
        boolean explicit = rnd.nextBoolean();
        b.includePayeeNodeId(explicit);
        List<TaggedField> extras = new ArrayList<>();
        for (int k = rnd.nextInt(3); k > 0; k--) {
            int type = switch (rnd.nextInt(4)) {
                case 0 -> TaggedField.ROUTE_HINT;
                case 1 -> TaggedField.FALLBACK;
                case 2 -> TaggedField.METADATA;
                default -> 2; // unknown
            };
            TaggedField f = TaggedField.ofBytes(type, bytes(1 + rnd.nextInt(60), rnd.nextInt()));
            extras.add(f);
            b.addField(f);
        }

        Bolt11Invoice inv = b.sign(key);
        Bolt11Invoice decoded = Bolt11.decode(inv.paymentRequest());
        assertThat(decoded).isEqualTo(inv);
        assertThat(Bolt11.decode(inv.paymentRequest().toUpperCase())).isEqualTo(inv);
        assertThat(decoded.network()).isEqualTo(network);
        assertThat(decoded.amountMsat()).isEqualTo(amount);
        assertThat(decoded.timestamp()).isEqualTo(ts);
        assertThat(decoded.paymentHash()).isEqualTo(Hex.encode(hash));
        assertThat(decoded.paymentSecret()).isEqualTo(Hex.encode(secret));
        if (description != null) {
            assertThat(decoded.description()).hasValue(description);
        } else {
            assertThat(decoded.descriptionHash()).hasValue(Hex.encode(descHash));
        }
        assertThat(decoded.expirySeconds()).isEqualTo(expiry);
        assertThat(decoded.minFinalCltvExpiryDelta()).isEqualTo(cltv);
        assertThat(decoded.features()).containsExactlyElementsOf(features);
        assertThat(decoded.payeeNodeId()).isEqualTo(Hex.encode(Bolt11.publicKeyOf(key)));
        assertThat(decoded.payeeNodeIdExplicit()).isEqualTo(explicit);
        for (TaggedField f : extras) {
            assertThat(decoded.taggedFields()).contains(f);
        }
        // deterministic signing: same input, same invoice
        assertThat(b.sign(key).paymentRequest()).isEqualTo(inv.paymentRequest());
    }

    @Test
    void builderRejectsMissingValuesWithTypedErrors() {
        Bolt11Invoice.Builder b = Bolt11Invoice.builder(LightningNetwork.MAINNET);
        assertThatThrownBy(() -> b.sign(SPEC_KEY)).isInstanceOf(InvalidInvoiceException.class);
        b.timestamp(Instant.ofEpochSecond(1));
        assertThatThrownBy(() -> b.sign(SPEC_KEY)).hasMessageContaining("payment hash");
        b.paymentHash(bytes(32, 1));
        assertThatThrownBy(() -> b.sign(SPEC_KEY)).hasMessageContaining("payment secret");
        b.paymentSecret(bytes(32, 2));
        assertThatThrownBy(() -> b.sign(SPEC_KEY)).hasMessageContaining("description");
        b.description("ok");
        assertThatThrownBy(() -> b.sign(new byte[32])).isInstanceOf(InvoiceSignatureException.class)
                .extracting(e -> ((InvoiceFailure) e).reason()).isEqualTo(Bolt11Error.INVALID_KEY);
        assertThatThrownBy(() -> b.sign(Hex.decode("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")))
                .isInstanceOf(InvoiceSignatureException.class);
        assertThatThrownBy(() -> b.expirySeconds(-1).sign(SPEC_KEY)).isInstanceOf(InvalidInvoiceException.class);
        b.expirySeconds(10);
        assertThatThrownBy(() -> b.timestamp(Instant.ofEpochSecond(1L << 35)).sign(SPEC_KEY))
                .isInstanceOf(InvalidInvoiceException.class);
        b.timestamp(Instant.ofEpochSecond(1));
        assertThatThrownBy(() -> b.description("x".repeat(640)).sign(SPEC_KEY)).isInstanceOf(InvalidInvoiceException.class);
        assertThatThrownBy(() -> b.paymentHash("zz")).isInstanceOf(InvalidInvoiceException.class);
        assertThatThrownBy(() -> new TaggedField(32, "")).isInstanceOf(InvalidInvoiceException.class);
        assertThatThrownBy(() -> new TaggedField(1, "b")).isInstanceOf(InvalidInvoiceException.class);
        assertThat(b.description("x".repeat(639)).sign(SPEC_KEY).description()).hasValue("x".repeat(639));
    }

    @Test
    void garbageNeverEscapesUntyped() {
        Random rnd = new Random(99);
        String charset = TaggedField.CHARSET;
        for (int k = 0; k < 2000; k++) {
            byte[] data = new byte[rnd.nextInt(200)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) rnd.nextInt(32);
            }
            String hrp = switch (rnd.nextInt(4)) {
                case 0 -> "lnbc";
                case 1 -> "lnbcrt" + rnd.nextInt(1000) + "munp".charAt(rnd.nextInt(4));
                case 2 -> "lntbs" + charset.charAt(rnd.nextInt(32));
                default -> "ln" + charset.charAt(rnd.nextInt(32));
            };
            String s = Bech32.encode(hrp, data);
            Throwable t = catchThrowable(() -> Bolt11.decode(s));
            if (t != null) {
                assertThat(t).as(s).isInstanceOf(InvoiceFailure.class);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // helpers

    private static final String SAMPLE = "sample";

    /** A correctly signed invoice with HRP {@code hrp} and the usual minimal fields. */
    private static String resign(String hrp, String unused) {
        Bolt11Invoice inv = minimal(LightningNetwork.MAINNET).timestamp(Instant.ofEpochSecond(1_496_314_658L)).sign(SPEC_KEY);
        return RawSigner.sign(hrp, inv.timestamp().getEpochSecond(), inv.taggedFields(), SPEC_KEY);
    }

    private static Bolt11Invoice.Builder minimal(LightningNetwork n) {
        return Bolt11Invoice.builder(n).paymentHash(bytes(32, 1)).paymentSecret(bytes(32, 2)).description("test");
    }

    private static String withFieldsKeepingSignature(Bolt11Invoice inv, List<TaggedField> fields) {
        Bech32.Decoded d = Bech32.decode(inv.paymentRequest(), Bolt11.MAX_LENGTH);
        byte[] orig = d.data();
        byte[] sig = Arrays.copyOfRange(orig, orig.length - 104, orig.length);
        List<Byte> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            out.add(orig[i]);
        }
        for (TaggedField f : fields) {
            out.add((byte) f.type());
            out.add((byte) (f.length() >>> 5));
            out.add((byte) (f.length() & 31));
            for (byte w : f.words()) {
                out.add(w);
            }
        }
        for (byte w : sig) {
            out.add(w);
        }
        byte[] data = new byte[out.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = out.get(i);
        }
        return Bech32.encode(d.hrp(), data);
    }

    private static void assertSignFails(List<TaggedField> fields, Instant ts, Bolt11Error reason) {
        assertReason(RawSigner.sign("lnbc", ts.getEpochSecond(), fields, SPEC_KEY), reason);
        assertThatThrownBy(() -> Bolt11.sign(LightningNetwork.MAINNET, OptionalLong.empty(), ts, fields, SPEC_KEY))
                .isInstanceOf(InvoiceFailure.class);
    }

    private static void assertReason(String invoice, Bolt11Error reason) {
        Throwable t = catchThrowable(() -> Bolt11.decode(invoice));
        assertThat(t).as(invoice).isInstanceOf(InvoiceFailure.class);
        assertThat(((InvoiceFailure) t).reason()).as(t.getMessage()).isEqualTo(reason);
        assertThat(((NostrException) t).kind()).isEqualTo(reason.kind());
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static String randomText(Random rnd, int len) {
        String alphabet = "abcXYZ 0123456789.,;:-_ñéü€ナンセンス杯😀";
        int[] cps = alphabet.codePoints().toArray();
        return IntStream.range(0, len).map(i -> cps[rnd.nextInt(cps.length)])
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

}
