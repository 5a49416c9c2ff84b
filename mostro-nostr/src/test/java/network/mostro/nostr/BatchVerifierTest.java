package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.Secp256k1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BIP-340 batch verification: soundness against every kind of corruption, and the culprit finder. */
class BatchVerifierTest {

    /** {@code n} valid items signed by {@code authors} keys, round robin, messages of varying length. */
    static List<BatchVerifier.Item> validItems(Random r, int n, int authors) {
        List<PrivateKey> keys = new ArrayList<>();
        for (int i = 0; i < authors; i++) {
            keys.add(PrivateKey.generate(r));
        }
        List<BatchVerifier.Item> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PrivateKey k = keys.get(i % authors);
            byte[] msg = new byte[i % 5 == 4 ? r.nextInt(100) : 32];
            r.nextBytes(msg);
            byte[] aux = new byte[32];
            r.nextBytes(aux);
            out.add(new BatchVerifier.Item(k.publicKey(), msg, k.sign(msg, aux)));
        }
        return out;
    }

    /** The item with one thing broken: a signature bit (r or s half), a message bit, or the key. */
    static BatchVerifier.Item corrupt(BatchVerifier.Item it, Random r) {
        switch (r.nextInt(4)) {
            case 0: {
                byte[] sig = it.signature();
                sig[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                return new BatchVerifier.Item(it.key(), it.message(), sig);
            }
            case 1: {
                byte[] sig = it.signature();
                sig[32 + r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                return new BatchVerifier.Item(it.key(), it.message(), sig);
            }
            case 2: {
                byte[] msg = it.message();
                if (msg.length == 0) {
                    msg = new byte[] {1};
                } else {
                    msg[r.nextInt(msg.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return new BatchVerifier.Item(it.key(), msg, it.signature());
            }
            default:
                return new BatchVerifier.Item(PrivateKey.generate(r).publicKey(), it.message(), it.signature());
        }
    }

    static List<Integer> singleVerdicts(List<BatchVerifier.Item> items) {
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchVerifier.Item it = items.get(i);
            if (!it.key().verify(it.message(), it.signature())) {
                bad.add(i);
            }
        }
        return bad;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 7, 8, 9, 64, 257})
    void validBatchesPass(int n) {
        Random r = new Random(n);
        for (int authors : new int[] {1, 3, Math.max(1, n)}) {
            List<BatchVerifier.Item> items = validItems(r, n, authors);
            assertThat(BatchVerifier.verify(items)).isTrue();
            assertThat(Schnorr.verifyBatch(items)).isTrue();
            assertThat(BatchVerifier.findInvalid(items)).isEmpty();
        }
    }

    @Test
    void batchesLargerThanOneChunkAreFullyChecked() {
        Random r = new Random(99);
        int n = BatchVerifier.CHUNK + 40;
        List<BatchVerifier.Item> items = validItems(r, n, 2);
        assertThat(BatchVerifier.verify(items)).isTrue();
        items.set(n - 3, corrupt(items.get(n - 3), r)); // in the second chunk
        assertThat(BatchVerifier.verify(items)).isFalse();
        assertThat(BatchVerifier.findInvalid(items)).containsExactly(n - 3);
    }

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    /** Property: for random batches with random corruptions, the batch verdict and the finder agree with
     * single verification of every item. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomCorruptionsAreAlwaysCaughtAndNamed(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(80);
        List<BatchVerifier.Item> items = validItems(r, n, 1 + r.nextInt(4));
        TreeSet<Integer> broken = new TreeSet<>();
        int corruptions = r.nextInt(4); // 0 to 3
        for (int c = 0; c < corruptions; c++) {
            int i = r.nextInt(n);
            items.set(i, corrupt(items.get(i), r));
            broken.add(i);
        }
        List<Integer> truth = singleVerdicts(items);
        assertThat(truth).containsExactlyElementsOf(broken);
        assertThat(BatchVerifier.verify(items)).isEqualTo(broken.isEmpty());
        assertThat(BatchVerifier.findInvalid(items)).containsExactlyElementsOf(broken);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 32, 63})
    void everyPositionAndEveryKindOfCorruptionFailsTheBatch(int position) {
        Random r = new Random(1000 + position);
        List<BatchVerifier.Item> good = validItems(r, 64, 1);
        for (int kind = 0; kind < 16; kind++) {
            List<BatchVerifier.Item> items = new ArrayList<>(good);
            items.set(position, corrupt(items.get(position), r));
            assertThat(BatchVerifier.verify(items)).isFalse();
            assertThat(BatchVerifier.findInvalid(items)).containsExactly(position);
        }
    }

    @Test
    void malformedSignaturesAreInvalidNotExceptions() {
        Random r = new Random(5);
        List<BatchVerifier.Item> good = validItems(r, 10, 2);
        BatchVerifier.Item base = good.get(3);
        byte[] sig = base.signature();
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(new byte[63]);
        bad.add(new byte[65]);
        byte[] rIsP = sig.clone();
        System.arraycopy(Secp256k1.toBytes32(Secp256k1.P), 0, rIsP, 0, 32);
        bad.add(rIsP);
        byte[] sIsN = sig.clone();
        System.arraycopy(Secp256k1.toBytes32(Secp256k1.N), 0, sIsN, 32, 32);
        bad.add(sIsN);
        byte[] rNotOnCurve = sig.clone();
        // x = 5: 5³ + 7 = 132 is not a square mod p, so no point has this x.
        System.arraycopy(Secp256k1.toBytes32(BigInteger.valueOf(5)), 0, rNotOnCurve, 0, 32);
        bad.add(rNotOnCurve);
        byte[] zeroS = sig.clone();
        java.util.Arrays.fill(zeroS, 32, 64, (byte) 0);
        bad.add(zeroS);
        for (byte[] b : bad) {
            List<BatchVerifier.Item> items = new ArrayList<>(good);
            items.set(3, new BatchVerifier.Item(base.key(), base.message(), b));
            assertThat(BatchVerifier.verify(items)).isFalse();
            assertThat(BatchVerifier.findInvalid(items)).containsExactly(3);
        }
    }

    @Test
    void swappedSignaturesBetweenItemsAreCaught() {
        Random r = new Random(11);
        List<BatchVerifier.Item> items = validItems(r, 20, 1);
        BatchVerifier.Item a = items.get(4);
        BatchVerifier.Item b = items.get(9);
        items.set(4, new BatchVerifier.Item(a.key(), a.message(), b.signature()));
        items.set(9, new BatchVerifier.Item(b.key(), b.message(), a.signature()));
        assertThat(BatchVerifier.verify(items)).isFalse();
        assertThat(BatchVerifier.findInvalid(items)).containsExactly(4, 9);
    }

    /** Degenerate randomizers (all zero → replaced by 1) must still accept a valid batch. */
    @Test
    void validBatchPassesWhateverTheRandomizers() {
        Random r = new Random(12);
        List<BatchVerifier.Item> items = validItems(r, 30, 3);
        Random zeros = new Random() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        };
        Random ones = new Random() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0xff);
            }
        };
        assertThat(BatchVerifier.verify(items, zeros)).isTrue();
        assertThat(BatchVerifier.verify(items, ones)).isTrue();
        assertThat(BatchVerifier.verify(items, new Random(3))).isTrue();
    }

    /** Every official BIP-340 vector through the batch path, alone and mixed into batches. */
    @Test
    void bip340VectorsThroughTheBatchPath() throws Exception {
        List<BatchVerifier.Item> valid = new ArrayList<>();
        List<BatchVerifier.Item> invalid = new ArrayList<>();
        int rows = 0;
        for (SchnorrTest.Row row : SchnorrTest.rows().toList()) {
            rows++;
            PublicKey pub;
            try {
                pub = PublicKey.fromHex(row.pk());
            } catch (CryptoException e) {
                assertThat(row.valid()).isFalse();
                continue;
            }
            BatchVerifier.Item it = new BatchVerifier.Item(pub, Hex.decode(row.msg()), Hex.decode(row.sig()));
            assertThat(BatchVerifier.verify(List.of(it))).as(row.toString()).isEqualTo(row.valid());
            assertThat(BatchVerifier.findInvalid(List.of(it))).as(row.toString())
                    .isEqualTo(row.valid() ? List.of() : List.of(0));
            (row.valid() ? valid : invalid).add(it);
        }
        assertThat(rows).isEqualTo(19);
        assertThat(valid).hasSizeGreaterThanOrEqualTo(5);
        assertThat(invalid).isNotEmpty();
        assertThat(BatchVerifier.verify(valid)).isTrue();
        // Pad with generated valid items so bisection is exercised, then add each invalid vector.
        List<BatchVerifier.Item> padded = new ArrayList<>(valid);
        padded.addAll(validItems(new Random(8), 24, 2));
        assertThat(BatchVerifier.verify(padded)).isTrue();
        for (BatchVerifier.Item bad : invalid) {
            List<BatchVerifier.Item> items = new ArrayList<>(padded);
            items.add(13, bad);
            assertThat(BatchVerifier.verify(items)).isFalse();
            assertThat(BatchVerifier.findInvalid(items)).containsExactly(13);
        }
        List<BatchVerifier.Item> all = new ArrayList<>(padded);
        all.addAll(invalid);
        assertThat(BatchVerifier.findInvalid(all)).containsExactlyElementsOf(
                IntStream.range(padded.size(), all.size()).boxed().toList());
    }

    static Event orderEvent(PrivateKey k, int i, Random r) {
        byte[] aux = new byte[32];
        r.nextBytes(aux);
        return UnsignedEvent.builder(38383).createdAt(1_700_000_000L + i).tag("d", "order-" + i)
                .tag("k", "sell").tag("s", "pending").content("").build(k.publicKey()).sign(k, aux);
    }

    @Test
    void anItemOfAnEventIsItsSignatureOverItsId() {
        Random r = new Random(22);
        PrivateKey node = PrivateKey.generate(r);
        Event e = orderEvent(node, 1, r);
        BatchVerifier.Item item = BatchVerifier.Item.of(e);
        assertThat(item.key()).isEqualTo(e.pubkey());
        assertThat(Hex.encode(item.message())).isEqualTo(e.id());
        assertThat(Hex.encode(item.signature())).isEqualTo(e.sig());
        Event other = orderEvent(node, 2, r);
        BatchVerifier.Item swapped = new BatchVerifier.Item(e.pubkey(), item.message(),
                BatchVerifier.Item.of(other).signature());
        assertThat(BatchVerifier.findInvalid(List.of(item, BatchVerifier.Item.of(other), swapped)))
                .containsExactly(2);
    }

    @Test
    void eventBatchesCheckIdsAndSignatures() {
        Random r = new Random(21);
        PrivateKey node = PrivateKey.generate(r);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(Event.fromJson(orderEvent(node, i, r).toJson()));
        }
        assertThat(BatchVerifier.verifyEvents(events)).isTrue();
        assertThat(BatchVerifier.findInvalidEvents(events)).isEmpty();

        List<Event> tampered = new ArrayList<>(events);
        Event e5 = events.get(5);
        // Content changed, id and signature kept: the id no longer matches.
        tampered.set(5, new Event(e5.id(), e5.pubkey(), e5.createdAt(), e5.kind(), e5.tags(), "x", e5.sig()));
        // Signature of another event: the id matches, the signature does not.
        Event e17 = events.get(17);
        tampered.set(17, new Event(e17.id(), e17.pubkey(), e17.createdAt(), e17.kind(), e17.tags(),
                e17.content(), events.get(18).sig()));
        // Another author claims event 30 (id recomputed, old signature).
        Event e30 = events.get(30);
        PublicKey other = PrivateKey.generate(r).publicKey();
        String id30 = new UnsignedEvent(other, e30.createdAt(), e30.kind(), e30.tags(), e30.content()).id();
        tampered.set(30, new Event(id30, other, e30.createdAt(), e30.kind(), e30.tags(), e30.content(), e30.sig()));
        assertThat(BatchVerifier.verifyEvents(tampered)).isFalse();
        assertThat(BatchVerifier.findInvalidEvents(tampered)).containsExactly(5, 17, 30);
        for (int i = 0; i < tampered.size(); i++) {
            assertThat(tampered.get(i).verify()).isEqualTo(i != 5 && i != 17 && i != 30);
        }
    }

    @Test
    void itemsCopyTheirArraysAndRejectNulls() {
        PrivateKey k = PrivateKey.generate(new Random(1));
        byte[] msg = Schnorr.sha256("m".getBytes(StandardCharsets.UTF_8));
        byte[] sig = k.sign(msg);
        BatchVerifier.Item it = new BatchVerifier.Item(k.publicKey(), msg, sig);
        msg[0] ^= 1;
        sig[0] ^= 1;
        it.signature()[5] ^= 1;
        assertThat(BatchVerifier.verify(List.of(it))).isTrue();
        assertThat(it).isEqualTo(new BatchVerifier.Item(k.publicKey(), it.message(), it.signature()));
        assertThatThrownBy(() -> new BatchVerifier.Item(null, msg, sig)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BatchVerifier.Item(k.publicKey(), null, sig))
                .isInstanceOf(NullPointerException.class);
    }
}
