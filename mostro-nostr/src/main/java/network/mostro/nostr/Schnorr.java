package network.mostro.nostr;

import network.mostro.nostr.internal.Bip340;
import network.mostro.nostr.internal.Secp256k1;

/**
 * BIP-340 Schnorr signatures (<a href="https://github.com/bitcoin/bips/blob/master/bip-0340.mediawiki">BIP-340</a>).
 * Stateless and thread-safe.
 */
public final class Schnorr {
    private Schnorr() {}

    /**
     * Signs {@code message} with {@code key}.
     *
     * @param auxRand 32 bytes of auxiliary randomness; fixed values make signatures reproducible in tests
     * @throws IllegalArgumentException if {@code auxRand} is not 32 bytes
     */
    public static byte[] sign(PrivateKey key, byte[] message, byte[] auxRand) {
        return Bip340.sign(key.scalar(), key.publicKey().rawBytes(), key.publicKeyHasEvenY(), message, auxRand);
    }

    /** Verifies a 64-byte signature; false (never an exception) for anything that does not verify. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        return Bip340.verify(key.verifyTable(), key.rawBytes(), message, signature);
    }

    /**
     * Verifies many signatures as one batch: true only if every one is valid. Several times faster than
     * calling {@link #verify} for each; see {@link BatchVerifier} (also for finding the invalid ones).
     */
    public static boolean verifyBatch(java.util.List<BatchVerifier.Item> items) {
        return BatchVerifier.verify(items);
    }

    /** SHA-256 of {@code data}; a convenience for signing digests as Nostr and Mostro do. */
    public static byte[] sha256(byte[] data) {
        return Secp256k1.sha256(data);
    }
}
