package network.mostro.nostr.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.NostrException.Kind;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BIP-32 against bitcoinjs/bip32's fixtures: every valid Bitcoin entry and every applicable invalid one. */
class HdKeyTest {
    private static final Map<String, Object> FIXTURES = VectorJson.map(VectorJson.load("bip32-bitcoinjs-fixtures.json"));

    record Valid(int index, Map<String, Object> master, List<Object> children) {
        @Override
        public String toString() {
            return "valid#" + index + (master.containsKey("seed") ? " seed " + master.get("seed") : " from xprv");
        }
    }

    static Stream<Valid> validBitcoin() {
        List<Object> valid = VectorJson.list(FIXTURES.get("valid"));
        assertThat(valid).hasSize(5);
        List<Valid> out = new ArrayList<>();
        int children = 0;
        for (int i = 0; i < valid.size(); i++) {
            Map<String, Object> v = VectorJson.map(valid.get(i));
            if (!"bitcoin".equals(v.get("network"))) {
                assertThat(v.get("network")).isEqualTo("litecoin"); // other version bytes: out of scope
                continue;
            }
            List<Object> c = VectorJson.list(v.get("children"));
            children += c.size();
            out.add(new Valid(i, VectorJson.map(v.get("master")), c));
        }
        assertThat(out).hasSize(4);
        assertThat(children).isEqualTo(12);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("validBitcoin")
    void validFixture(Valid v) {
        HdKey master = v.master().containsKey("seed")
                ? HdKey.fromSeed(Hex.decode((String) v.master().get("seed")))
                : HdKey.fromXprv((String) v.master().get("base58Priv"));
        assertThat(master.depth()).isZero();
        assertThat(master.parentFingerprint()).isZero();
        assertThat(master.childNumber()).isZero();
        assertNode(master, v.master());

        HdKey stepwise = master;
        for (Object o : v.children()) {
            Map<String, Object> c = VectorJson.map(o);
            String path = (String) c.get("path");
            HdKey byPath = master.derive(path);
            assertNode(byPath, c);
            assertThat(byPath.depth()).isEqualTo(path.split("/").length - 1);
            if (c.containsKey("depth")) {
                assertThat((long) byPath.depth()).isEqualTo(c.get("depth"));
            }
            if (c.containsKey("index")) {
                assertThat(Integer.toUnsignedLong(byPath.childNumber())).isEqualTo(c.get("index"));
            }
            boolean hardened = Boolean.TRUE.equals(c.get("hardened"));
            assertThat(byPath.isHardened()).isEqualTo(hardened);

            if (c.containsKey("m")) {
                // Chained fixtures: each child is one step below the previous one.
                HdKey parent = stepwise;
                stepwise = parent.deriveChild((int) (long) (Long) c.get("m"), hardened);
                assertNode(stepwise, c);
                assertThat(stepwise.parentFingerprint()).isEqualTo(parent.fingerprint());
                if (!hardened) {
                    // Public derivation from the parent's xpub gives the same public child.
                    HdPublicKey pub = HdPublicKey.fromXpub(parent.toXpub()).deriveChild(stepwise.index());
                    assertThat(pub.toXpub()).isEqualTo(c.get("base58"));
                } else {
                    String hardenedSegment = stepwise.index() + "'";
                    assertThatThrownBy(() -> parent.toPublic().derive(hardenedSegment))
                            .isInstanceOf(InvalidInputException.class);
                }
            }
        }
    }

    private static void assertNode(HdKey key, Map<String, Object> expected) {
        assertThat(key.privateKey().toHex()).isEqualTo(expected.get("privKey"));
        assertThat(Hex.encode(key.publicKeyBytes())).isEqualTo(expected.get("pubKey"));
        assertThat(key.publicKey().toHex()).isEqualTo(((String) expected.get("pubKey")).substring(2));
        assertThat(Hex.encode(key.chainCode())).isEqualTo(expected.get("chainCode"));
        assertThat(key.toXprv()).isEqualTo(expected.get("base58Priv"));
        assertThat(key.toXpub()).isEqualTo(expected.get("base58"));
        assertThat(Hex.encode(key.identifier())).isEqualTo(expected.get("identifier"));
        assertThat(String.format("%08x", key.fingerprint())).isEqualTo(expected.get("fingerprint"));

        HdKey reparsed = HdKey.fromXprv((String) expected.get("base58Priv"));
        assertThat(reparsed.toXprv()).isEqualTo(expected.get("base58Priv"));
        assertThat(reparsed.privateKey()).isEqualTo(key.privateKey());

        HdPublicKey pub = HdPublicKey.fromXpub((String) expected.get("base58"));
        assertThat(pub).isEqualTo(key.toPublic());
        assertThat(Hex.encode(pub.publicKeyBytes())).isEqualTo(expected.get("pubKey"));
        assertThat(Hex.encode(pub.chainCode())).isEqualTo(expected.get("chainCode"));
        assertThat(Hex.encode(pub.identifier())).isEqualTo(expected.get("identifier"));
        assertThat(pub.depth()).isEqualTo(key.depth());
        assertThat(pub.childNumber()).isEqualTo(key.childNumber());
        assertThat(pub.parentFingerprint()).isEqualTo(key.parentFingerprint());
        assertThat(pub.publicKey()).isEqualTo(key.publicKey());

        assertThat(key.toString()).doesNotContain((String) expected.get("privKey"))
                .doesNotContain((String) expected.get("base58Priv"))
                .contains((String) expected.get("fingerprint"));
    }

    /** The exception kind each bitcoinjs {@code fromBase58} failure maps to here. */
    private static Kind expectedKind(String bitcoinjsError) {
        return switch (bitcoinjsError) {
            case "Invalid checksum", "Invalid buffer length" -> Kind.MALFORMED;
            case "Invalid parent fingerprint", "Invalid index", "Invalid network version", "Invalid private key" ->
                    Kind.INVALID;
            case "Point is not on the curve" -> Kind.CRYPTO;
            default -> throw new AssertionError("unmapped fixture error " + bitcoinjsError);
        };
    }

    @Test
    void invalidFromBase58() {
        List<Object> cases = VectorJson.list(VectorJson.map(FIXTURES.get("invalid")).get("fromBase58"));
        assertThat(cases).hasSize(13);
        for (Object o : cases) {
            Map<String, Object> c = VectorJson.map(o);
            String s = (String) c.get("string");
            Kind kind = expectedKind((String) c.get("exception"));
            List<Throwable> thrown = new ArrayList<>();
            if (!s.startsWith("xpub")) {
                thrown.add(catchThrowable(() -> HdKey.fromXprv(s)));
            }
            if (!s.startsWith("xprv")) {
                thrown.add(catchThrowable(() -> HdPublicKey.fromXpub(s)));
            }
            for (Throwable t : thrown) {
                assertThat(t).as(c.get("exception") + ": " + s).isInstanceOf(NostrException.class);
                assertThat(((NostrException) t).kind()).as(c.get("exception") + ": " + s + " -> " + t.getMessage())
                        .isEqualTo(kind);
            }
        }
    }

    @Test
    void invalidFromSeed() {
        List<Object> cases = VectorJson.list(VectorJson.map(FIXTURES.get("invalid")).get("fromSeed"));
        assertThat(cases).hasSize(2);
        for (Object o : cases) {
            byte[] seed = Hex.decode((String) VectorJson.map(o).get("seed"));
            assertThatThrownBy(() -> HdKey.fromSeed(seed)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("16 to 64 bytes");
        }
        assertThatThrownBy(() -> HdKey.fromSeed(null)).isInstanceOf(InvalidInputException.class);
        assertThat(HdKey.fromSeed(new byte[16]).depth()).isZero();
        assertThat(HdKey.fromSeed(new byte[64]).depth()).isZero();
    }

    /**
     * bitcoinjs {@code deriveHardened(i)} and {@code derive(i)} index checks. Java's types already rule out
     * {@code null} and {@code "foo"} for {@link HdKey#deriveChild}; those cases, and indexes outside
     * {@code int}, are exercised through the path parser instead.
     */
    @Test
    void invalidIndexes() {
        HdKey master = HdKey.fromSeed(Hex.decode("000102030405060708090a0b0c0d0e0f"));
        Map<String, Object> invalid = VectorJson.map(FIXTURES.get("invalid"));
        int checked = 0;
        for (String section : List.of("deriveHardened", "derive")) {
            List<Object> cases = VectorJson.list(invalid.get(section));
            assertThat(cases).hasSize(4);
            boolean hardened = section.equals("deriveHardened");
            for (Object o : cases) {
                Object index = VectorJson.map(o).get("index");
                String segment = String.valueOf(index) + (hardened ? "'" : "");
                assertThatThrownBy(() -> master.derive("m/" + segment)).as(section + " " + index)
                        .isInstanceOf(InvalidInputException.class);
                if (index instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                    assertThatThrownBy(() -> master.deriveChild((int) (long) l, hardened))
                            .isInstanceOf(InvalidInputException.class);
                    assertThatThrownBy(() -> master.toPublic().deriveChild((int) (long) l))
                            .isInstanceOf(InvalidInputException.class);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(8);
        // The largest valid indexes work.
        assertThat(master.deriveChild(Integer.MAX_VALUE, true).childNumber()).isEqualTo(-1);
        assertThat(master.derive("m/2147483647").index()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void invalidPaths() {
        List<Object> cases = VectorJson.list(VectorJson.map(FIXTURES.get("invalid")).get("derivePath"));
        assertThat(cases).hasSize(7);
        HdKey master = HdKey.fromSeed(Hex.decode("000102030405060708090a0b0c0d0e0f"));
        int strings = 0;
        for (Object o : cases) {
            Object path = VectorJson.map(o).get("derivationPath");
            if (path instanceof String s) {
                assertThatThrownBy(() -> master.derive(s)).as(s).isInstanceOf(InvalidInputException.class);
                assertThatThrownBy(() -> master.toPublic().derive(s)).as(s).isInstanceOf(InvalidInputException.class);
                strings++;
            }
            // The number 2 and the array [2,3,4] are type errors that Java's String parameter rules out.
        }
        assertThat(strings).isEqualTo(5);
        for (String bad : List.of("", "m/", "m//0", "m/0/", "/0", "m/-1", "m/+1", "m/0x10", "m/1''", "m/'",
                "m/2147483648", "m/99999999999", "M/0", "m/0/1 ", " m/0", "m/1h'", "m/１")) {
            assertThatThrownBy(() -> master.derive(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> master.derive(null)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> master.derive("m" + "/0".repeat(2000))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void pathForms() {
        HdKey master = HdKey.fromSeed(Hex.decode("000102030405060708090a0b0c0d0e0f"));
        String expected = master.derive("m/44'/1237'/0'/0/0").toXprv();
        assertThat(master.derive("m/44h/1237H/0'/0/0").toXprv()).isEqualTo(expected);
        assertThat(master.derive("44'/1237'/0'/0/0").toXprv()).isEqualTo(expected);
        HdKey account = master.derive("m/44'/1237'/0'");
        assertThat(account.derive("0/0").toXprv()).isEqualTo(expected);
        assertThat(account.deriveChild(0, false).deriveChild(0, false).toXprv()).isEqualTo(expected);
        assertThat(master.derive("m")).isSameAs(master);
        // Absolute paths need a master key.
        assertThatThrownBy(() -> account.derive("m/0")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("depth 3");
        // Public derivation of non-hardened levels matches private derivation.
        assertThat(account.toPublic().derive("0/0").toXpub()).isEqualTo(master.derive("m/44'/1237'/0'/0/0").toXpub());
    }

    @Test
    void depthIsLimitedTo255() {
        HdKey key = HdKey.fromSeed(new byte[32]);
        key = key.derive("m" + "/1".repeat(255));
        assertThat(key.depth()).isEqualTo(255);
        HdKey deepest = key;
        assertThatThrownBy(() -> deepest.deriveChild(0, false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> deepest.toPublic().deriveChild(0)).isInstanceOf(InvalidInputException.class);
        assertThat(HdKey.fromXprv(deepest.toXprv()).depth()).isEqualTo(255);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void publicAndPrivateDerivationAgree(long seed) {
        Random random = new Random(seed);
        byte[] s = new byte[32];
        random.nextBytes(s);
        HdKey key = HdKey.fromSeed(s);
        HdPublicKey pub = key.toPublic();
        for (int i = 0; i < 20; i++) {
            int index = random.nextInt() & 0x7fffffff;
            key = key.deriveChild(index, false);
            pub = pub.deriveChild(index);
            assertThat(pub.toXpub()).isEqualTo(key.toXpub());
            assertThat(HdPublicKey.fromXpub(pub.toXpub())).isEqualTo(pub);
            assertThat(HdKey.fromXprv(key.toXprv()).toXprv()).isEqualTo(key.toXprv());
        }
    }

    @Test
    void corruptedSerializationsAreTyped() {
        HdKey master = HdKey.fromSeed(Hex.decode("000102030405060708090a0b0c0d0e0f"));
        String xprv = master.toXprv();
        Random random = new Random(99);
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        for (int i = 0; i < 300; i++) {
            char[] c = xprv.toCharArray();
            int pos = random.nextInt(c.length);
            char replacement;
            do {
                replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            } while (replacement == c[pos]);
            c[pos] = replacement;
            String corrupted = new String(c);
            assertThatThrownBy(() -> HdKey.fromXprv(corrupted)).isInstanceOf(NostrException.class);
        }
        assertThatThrownBy(() -> HdKey.fromXprv(null)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> HdKey.fromXprv("")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> HdKey.fromXprv(xprv + "0")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> HdKey.fromXprv("x".repeat(5000))).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> HdKey.fromXprv(master.toXpub())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HdPublicKey.fromXpub(xprv)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void outOfRangePrivateKeyInXprvIsCrypto() {
        // A well-formed xprv whose key field is 0x00 || n (the curve order): only the range check fails.
        byte[] raw = new byte[78];
        java.nio.ByteBuffer.wrap(raw).putInt(0x0488ADE4).put((byte) 0).putInt(0).putInt(0).put(new byte[32])
                .put((byte) 0).put(network.mostro.nostr.internal.Secp256k1.toBytes32(
                        network.mostro.nostr.internal.Secp256k1.N));
        String s = network.mostro.nostr.internal.Base58.encodeChecked(raw);
        assertThatThrownBy(() -> HdKey.fromXprv(s)).isInstanceOf(CryptoException.class);
    }
}
