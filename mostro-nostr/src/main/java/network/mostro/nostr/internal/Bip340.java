package network.mostro.nostr.internal;

import java.math.BigInteger;
import network.mostro.nostr.CryptoException;

/** BIP-340 Schnorr signatures over secp256k1. Stateless and thread-safe. */
public final class Bip340 {
    private static final Secp256k1.TaggedHash AUX = new Secp256k1.TaggedHash("BIP0340/aux");
    private static final Secp256k1.TaggedHash NONCE = new Secp256k1.TaggedHash("BIP0340/nonce");
    static final Secp256k1.TaggedHash CHALLENGE = new Secp256k1.TaggedHash("BIP0340/challenge");

    private Bip340() {}

    /**
     * Signs {@code msg} (any length; Nostr always signs 32-byte digests).
     *
     * @param d0 the private scalar, 1 ≤ d0 &lt; n
     * @param pubX the x-only public key of {@code d0}, as {@link Secp256k1#xBytes}
     * @param pubEvenY whether d0·G has an even y
     * @param aux 32 bytes of auxiliary randomness
     */
    public static byte[] sign(BigInteger d0, byte[] pubX, boolean pubEvenY, byte[] msg, byte[] aux) {
        if (aux.length != 32) {
            throw new IllegalArgumentException("aux_rand must be 32 bytes");
        }
        BigInteger d = pubEvenY ? d0 : Secp256k1.N.subtract(d0);
        byte[] db = Secp256k1.toBytes32(d);
        byte[] h = AUX.hash(aux);
        byte[] t = new byte[32];
        for (int i = 0; i < 32; i++) {
            t[i] = (byte) (db[i] ^ h[i]);
        }
        BigInteger k0 = new BigInteger(1, NONCE.hash(t, pubX, msg)).mod(Secp256k1.N);
        if (k0.signum() == 0) {
            throw new CryptoException("BIP-340 nonce is zero");
        }
        int[] rX = new int[8];
        int[] rY = new int[8];
        EcGen.mulG(k0, rX, rY); // constant time; affine limbs, no ECPoint
        BigInteger k = (rY[0] & 1) == 0 ? k0 : Secp256k1.N.subtract(k0);
        byte[] rx = new byte[32];
        EcMult.feToBytes(rX, rx, 0);
        BigInteger e = new BigInteger(1, CHALLENGE.hash(rx, pubX, msg)).mod(Secp256k1.N);
        byte[] sig = new byte[64];
        System.arraycopy(rx, 0, sig, 0, 32);
        System.arraycopy(Secp256k1.toBytes32(k.add(e.multiply(d)).mod(Secp256k1.N)), 0, sig, 32, 32);
        return sig;
    }

    /**
     * Verifies a signature against a public key's cached tables (see {@link EcMult.KeyTable}).
     * Computes R = s·G − e·P in one interleaved multiplication (G split in 128-bit halves over large
     * precomputed tables, P split with the GLV endomorphism), then checks x(R) = r without an inversion
     * and the parity of y(R) with one.
     */
    public static boolean verify(EcMult.KeyTable key, byte[] pubX, byte[] msg, byte[] sig) {
        if (sig.length != 64) {
            return false;
        }
        int[] r = new int[8];
        if (!EcMult.feFromBytes(sig, 0, r)) {
            return false;
        }
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        if (s.compareTo(Secp256k1.N) >= 0) {
            return false;
        }
        BigInteger e = challenge(sig, pubX, msg);
        EcMult.Ctx c = new EcMult.Ctx();
        EcMult.Jac rp = EcMult.sGminusEP(s, key, e, c);
        return EcMult.hasXAndEvenY(rp, r, c);
    }

    /** e = int(hash_BIP0340/challenge(r || P || m)) mod n, with r the first 32 bytes of {@code sig}. */
    static BigInteger challenge(byte[] sig, byte[] pubX, byte[] msg) {
        byte[] h = CHALLENGE.hash(java.util.Arrays.copyOfRange(sig, 0, 32), pubX, msg);
        return new BigInteger(1, h).mod(Secp256k1.N);
    }
}
