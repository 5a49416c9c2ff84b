package network.mostro.nostr.internal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

/**
 * BIP-340 batch verification (the algorithm in BIP-340's "Batch Verification" section): with random
 * 128-bit a₁…aₙ, all n signatures are valid (except with probability about 2⁻¹²⁸) iff
 *
 * <pre>  (Σ aᵢsᵢ)·G − Σ aᵢ·Rᵢ − Σₖ (Σ_{i: Pᵢ = k} aᵢeᵢ)·Pₖ = ∞</pre>
 *
 * computed as one multi-scalar multiplication ({@link EcMult#strauss}). Items that share a public key
 * share one key term, so a batch of one author's events costs little more than its Rᵢ terms.
 *
 * <p>Stateless and thread-safe; the randomness source is supplied per call and must be a CSPRNG outside
 * tests.
 */
public final class Bip340Batch {
    /** wNAF width of the per-signature Rᵢ tables (4 points each), the measured optimum for 128-bit aᵢ. */
    static final int W_R = 4;

    private Bip340Batch() {}

    /**
     * Whether every signature verifies.
     *
     * @param keys the distinct public keys' tables
     * @param keyXs the distinct public keys' 32 x-only bytes (same order as {@code keys})
     * @param keyOf for each item, the index of its key in {@code keys}
     * @param msgs each item's message
     * @param sigs each item's signature (any length; not 64 bytes means invalid)
     * @param from first item (inclusive)
     * @param to last item (exclusive)
     * @param random source of the randomizers
     */
    public static boolean verify(EcMult.KeyTable[] keys, byte[][] keyXs, int[] keyOf, byte[][] msgs,
            byte[][] sigs, int from, int to, Random random) {
        int n = to - from;
        if (n <= 0) {
            return true;
        }
        EcMult.Ctx c = new EcMult.Ctx();
        int[][] rx = new int[n][];
        int[][] ry = new int[n][];
        BigInteger[] a = new BigInteger[n];
        BigInteger sumS = BigInteger.ZERO;
        BigInteger[] keySum = new BigInteger[keys.length];
        byte[] rand = new byte[16 * n];
        random.nextBytes(rand);
        for (int i = 0; i < n; i++) {
            byte[] sig = sigs[from + i];
            if (sig.length != 64) {
                return false;
            }
            int[] x = new int[8];
            if (!EcMult.feFromBytes(sig, 0, x)) {
                return false;
            }
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
            if (s.compareTo(Secp256k1.N) >= 0) {
                return false;
            }
            int[] y = new int[8];
            if (!EcMult.liftX(x, y)) {
                return false;
            }
            rx[i] = x;
            ry[i] = y;
            int k = keyOf[from + i];
            BigInteger e = Bip340.challenge(sig, keyXs[k], msgs[from + i]);
            BigInteger ai = new BigInteger(1, Arrays.copyOfRange(rand, 16 * i, 16 * i + 16));
            if (ai.signum() == 0) {
                ai = BigInteger.ONE;
            }
            a[i] = ai;
            sumS = sumS.add(ai.multiply(s));
            BigInteger ae = ai.multiply(e);
            keySum[k] = keySum[k] == null ? ae : keySum[k].add(ae);
        }
        EcMult.Table[] rTables = EcMult.Table.ofAffine(rx, ry, W_R, c);
        EcMult.Term[] terms = new EcMult.Term[2 + 2 * keys.length + n];
        int count = EcMult.addGTerms(terms, 0, sumS.mod(Secp256k1.N));
        for (int k = 0; k < keys.length; k++) {
            if (keySum[k] != null) {
                count = EcMult.addKeyTerms(terms, count, keys[k], keySum[k].mod(Secp256k1.N), true);
            }
        }
        for (int i = 0; i < n; i++) {
            terms[count++] = new EcMult.Term(rTables[i], a[i], W_R, true);
        }
        EcMult.Jac acc = new EcMult.Jac();
        EcMult.strauss(terms, count, acc, c);
        return acc.isInfinity();
    }
}
