package network.mostro.benchmarks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.internal.Bech32;
import network.mostro.nostr.internal.Secp256k1;
import network.mostro.protocol.internal.RecoverableEcdsa;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.protocol.lightning.TaggedField;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BOLT #11 signing and payee recovery: the SDK's {@link RecoverableEcdsa} (direct recovery id, recovery on
 * {@code EcMult}) against the previous Bouncy Castle code ({@link ReferenceRecoverableEcdsa}), same keys and
 * invoices, one run.
 *
 * <ul>
 *   <li>{@code signInvoice}: what the embedded Lightning node does per invoice, {@code Bolt11Invoice.builder()
 *       … .sign(key)} (fields, signature, Bech32, and the re-decode that recovers the payee).
 *       {@code signInvoiceReference} produces the byte-identical invoice string with the reference ECDSA
 *       (same fields, signature, Bech32, then Bech32 decode and reference recovery of the payee) but skips
 *       the field interpretation {@code Bolt11.decode} does, so the ratio is if anything understated.</li>
 *   <li>{@code decodeInvoice}: {@code Bolt11.decode} of an invoice without {@code n} (parse + recovery).
 *       {@code decodeInvoiceReference}: Bech32 decode, signing hash and reference recovery (no field
 *       interpretation, again favouring the reference).</li>
 *   <li>{@code ecdsaSign*} and {@code ecdsaRecover*}: the bare primitives on the same hashes.</li>
 * </ul>
 * Invoices rotate through a ring of 16 payment hashes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Bolt11Benchmark {
    static final int RING = 16;
    /**
     * Distinct invoices {@code decodeInvoice} cycles through: more than {@code Bolt11}'s cache of recovered payee keys
     * (4,096, least recently used first out), so every decode of that benchmark recovers the key.
     */
    static final int DECODE_RING = 8_192;
    static final LightningNetwork NETWORK = LightningNetwork.REGTEST;
    static final Instant TIMESTAMP = Instant.ofEpochSecond(1_760_000_000L);
    static final String MEMO = "Mostro hold invoice for order 6c3f9a1e-2b7d-4c55-9f0e-1d2a3b4c5d6e";

    byte[] key;
    byte[] secret;
    byte[][] paymentHashes;
    String[] invoices;
    String hrp;
    /** The invoice's fields in written order; index {@link #hashIndex} is the payment hash. */
    List<TaggedField> templateFields;
    int hashIndex;
    byte[][] sigHashes;
    BigInteger[] rs;
    BigInteger[] ss;
    int[] ids;
    int next;
    String[] decodeRing;
    int nextDecode;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(11);
        key = new byte[32];
        random.nextBytes(key);
        key[0] &= 0x7f;
        secret = new byte[32];
        random.nextBytes(secret);
        paymentHashes = new byte[RING][32];
        invoices = new String[RING];
        sigHashes = new byte[RING][];
        rs = new BigInteger[RING];
        ss = new BigInteger[RING];
        ids = new int[RING];
        for (int i = 0; i < RING; i++) {
            random.nextBytes(paymentHashes[i]);
            Bolt11Invoice inv = signNew(i);
            invoices[i] = inv.paymentRequest();
            Bech32.Decoded d = Bech32.decode(invoices[i], Bolt11.MAX_LENGTH);
            byte[] data = d.data();
            sigHashes[i] = signingHash(d.hrp(), Arrays.copyOf(data, data.length - 104));
            byte[] sig = HexFormat.of().parseHex(inv.signature());
            rs[i] = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
            ss[i] = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
            ids[i] = inv.recoveryId();
            if (i == 0) {
                hrp = d.hrp();
                templateFields = inv.taggedFields();
                hashIndex = -1;
                for (int f = 0; f < templateFields.size(); f++) {
                    if (templateFields.get(f).type() == TaggedField.PAYMENT_HASH) {
                        hashIndex = f;
                    }
                }
            }
        }
        // The reference paths must do the same job: same invoice string, same payee.
        String payee = HexFormat.of().formatHex(RecoverableEcdsa.publicKeyOf(key));
        for (int i = 0; i < RING; i++) {
            String ref = signReference(i);
            if (!ref.equals(invoices[i])) {
                throw new IllegalStateException("reference invoice " + i + " differs:\n" + ref + "\n" + invoices[i]);
            }
            if (!decodeReference(invoices[i]).equals(payee) || !Bolt11.decode(invoices[i]).payeeNodeId().equals(payee)) {
                throw new IllegalStateException("payee mismatch for invoice " + i);
            }
        }
        fillDecodeRing(random);
    }

    /** Signs {@link #DECODE_RING} distinct invoices (same fields, fresh payment hashes). */
    private void fillDecodeRing(Random random) {
        decodeRing = new String[DECODE_RING];
        byte[][] saved = paymentHashes;
        paymentHashes = new byte[1][32];
        for (int i = 0; i < DECODE_RING; i++) {
            random.nextBytes(paymentHashes[0]);
            decodeRing[i] = signNew(0).paymentRequest();
        }
        paymentHashes = saved;
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (RING - 1);
        return i;
    }

    private Bolt11Invoice signNew(int i) {
        return Bolt11Invoice.builder(NETWORK)
                .timestamp(TIMESTAMP)
                .amountSats(125_000)
                .paymentHash(paymentHashes[i])
                .paymentSecret(secret)
                .description(MEMO)
                .expirySeconds(900)
                .minFinalCltvExpiryDelta(144)
                .feature(9)
                .feature(14)
                .sign(key);
    }

    /** The invoice string through the reference ECDSA, then the payee recovery {@code Bolt11.sign} re-decodes. */
    private String signReference(int i) {
        List<TaggedField> fields = new ArrayList<>(templateFields);
        fields.set(hashIndex, TaggedField.ofBytes(TaggedField.PAYMENT_HASH, paymentHashes[i]));
        int total = 7;
        for (TaggedField f : fields) {
            total += 3 + f.length();
        }
        byte[] data = new byte[total];
        long t = TIMESTAMP.getEpochSecond();
        for (int g = 6; g >= 0; g--) {
            data[g] = (byte) (t & 31);
            t >>>= 5;
        }
        int pos = 7;
        for (TaggedField f : fields) {
            data[pos] = (byte) f.type();
            data[pos + 1] = (byte) (f.length() >>> 5);
            data[pos + 2] = (byte) (f.length() & 31);
            byte[] w = f.words();
            System.arraycopy(w, 0, data, pos + 3, w.length);
            pos += 3 + w.length;
        }
        ReferenceRecoverableEcdsa.Signature sig = ReferenceRecoverableEcdsa.sign(signingHash(hrp, data), key);
        byte[] sig65 = Arrays.copyOf(sig.compact(), 65);
        sig65[64] = (byte) sig.recoveryId();
        byte[] sigWords = Bech32.toWords(sig65);
        byte[] all = Arrays.copyOf(data, data.length + sigWords.length);
        System.arraycopy(sigWords, 0, all, data.length, sigWords.length);
        String encoded = Bech32.encode(hrp, all);
        if (decodeReference(encoded).isEmpty()) {
            throw new IllegalStateException("unreachable");
        }
        return encoded;
    }

    /** Bech32 decode, signing hash and reference recovery: the payee as {@code Bolt11.decode} reports it. */
    private static String decodeReference(String invoice) {
        Bech32.Decoded d = Bech32.decode(invoice, Bolt11.MAX_LENGTH);
        byte[] data = d.data();
        int sigStart = data.length - 104;
        byte[] sig = Bech32.convertBits(Arrays.copyOfRange(data, sigStart, data.length), 5, 8, true);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] hash = signingHash(d.hrp(), Arrays.copyOf(data, sigStart));
        return HexFormat.of().formatHex(ReferenceRecoverableEcdsa.compressed(
                ReferenceRecoverableEcdsa.recover(hash, r, s, sig[64] & 0xff)));
    }

    private static byte[] signingHash(String hrp, byte[] dataWords) {
        byte[] h = hrp.getBytes(StandardCharsets.UTF_8);
        byte[] d = Bech32.convertBits(dataWords, 5, 8, true);
        byte[] all = Arrays.copyOf(h, h.length + d.length);
        System.arraycopy(d, 0, all, h.length, d.length);
        return Secp256k1.sha256(all);
    }

    @Benchmark
    public Bolt11Invoice signInvoice() {
        return signNew(nextIndex());
    }

    @Benchmark
    public String signInvoiceReference() {
        return signReference(nextIndex());
    }

    /** Decode of invoices never decoded recently: parse and payee recovery. */
    @Benchmark
    public Bolt11Invoice decodeInvoice() {
        String inv = decodeRing[nextDecode];
        nextDecode = (nextDecode + 1) % DECODE_RING;
        return Bolt11.decode(inv);
    }

    /** Decode of the same 16 invoices over and over: parse, payee from the cache of recovered keys. */
    @Benchmark
    public Bolt11Invoice decodeInvoiceSeenBefore() {
        return Bolt11.decode(invoices[nextIndex()]);
    }

    @Benchmark
    public String decodeInvoiceReference() {
        return decodeReference(invoices[nextIndex()]);
    }

    @Benchmark
    public byte[] ecdsaSign() {
        return RecoverableEcdsa.sign(sigHashes[nextIndex()], key).compact();
    }

    @Benchmark
    public byte[] ecdsaSignReference() {
        return ReferenceRecoverableEcdsa.sign(sigHashes[nextIndex()], key).compact();
    }

    @Benchmark
    public byte[] ecdsaRecover() {
        int i = nextIndex();
        return RecoverableEcdsa.recoverCompressed(sigHashes[i], rs[i], ss[i], ids[i]);
    }

    @Benchmark
    public byte[] ecdsaRecoverReference() {
        int i = nextIndex();
        return ReferenceRecoverableEcdsa.compressed(ReferenceRecoverableEcdsa.recover(sigHashes[i], rs[i], ss[i], ids[i]));
    }
}
