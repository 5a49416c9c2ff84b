package network.mostro.protocol.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.internal.Secp256k1;
import network.mostro.protocol.internal.Hkdf;

/**
 * The two keys of a Mostro chat (SPEC §15.1): {@code K_conv}, whose public key is the {@code p} tag and whose
 * self-conversation key encrypts the messages, and {@code K_sign}, which signs the outer kind-14 events.
 *
 * <pre>
 * shared = x(ECDH(own_trade_sk, peer_pk))                     32 bytes, unhashed
 * K_conv = HKDF-SHA256(salt = empty, ikm = shared, info = "mostro:chat:conv:v1", L = 32)
 * K_sign = HKDF-SHA256(salt = empty, ikm = shared, info = "mostro:chat:sign:v1", L = 32)
 * </pre>
 * An output that is not a valid secret key (0 or ≥ n) is re-derived with one counter byte (1, 2, …) appended to
 * {@code info}. Both parties derive the same pair. For a dispute chat (SPEC §15.3) the peer is the solver's key on
 * the party's side and the party's trade key on the solver's side.
 *
 * <p>{@code K_conv} may be disclosed read-only to a solver; {@code K_sign} never. Immutable and thread-safe;
 * {@link #toString()} shows public keys only.
 *
 * @param conversationKey {@code K_conv}
 * @param signingKey {@code K_sign}
 */
public record ChatKeys(PrivateKey conversationKey, PrivateKey signingKey) {
    /** HKDF info for {@code K_conv}. */
    public static final String CONV_INFO = "mostro:chat:conv:v1";
    /** HKDF info for {@code K_sign}. */
    public static final String SIGN_INFO = "mostro:chat:sign:v1";

    public ChatKeys {
        if (conversationKey == null || signingKey == null) {
            throw new InvalidInputException("chat keys need both keys");
        }
    }

    /**
     * Derives the chat keys shared by {@code ownTradeKey} and {@code peerPublicKey} (the peer's trade key, or the
     * solver's key for a dispute chat).
     *
     * @throws InvalidInputException if an argument is null
     * @throws CryptoException if ECDH fails (never for valid keys)
     */
    public static ChatKeys derive(PrivateKey ownTradeKey, PublicKey peerPublicKey) {
        if (ownTradeKey == null || peerPublicKey == null) {
            throw new InvalidInputException("chat key derivation needs the own trade key and the peer public key");
        }
        byte[] shared = sharedSecret(ownTradeKey, peerPublicKey);
        try {
            return new ChatKeys(deriveKey(shared, CONV_INFO), deriveKey(shared, SIGN_INFO));
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /** The 32-byte x-coordinate of ECDH(own, peer), unhashed (a fresh array; a secret). */
    public static byte[] sharedSecret(PrivateKey own, PublicKey peer) {
        byte[] sk = own.toBytes();
        try {
            return Secp256k1.ecdhX(Secp256k1.scalar(sk), Secp256k1.liftX(peer.toBytes()));
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    private static PrivateKey deriveKey(byte[] shared, String info) {
        byte[] base = info.getBytes(StandardCharsets.UTF_8);
        for (int counter = 0; counter < 256; counter++) {
            byte[] infoBytes = counter == 0 ? base : Arrays.copyOf(base, base.length + 1);
            if (counter > 0) {
                infoBytes[base.length] = (byte) counter;
            }
            byte[] okm = Hkdf.derive(new byte[0], shared, infoBytes, 32);
            try {
                BigInteger d = new BigInteger(1, okm);
                if (d.signum() != 0 && d.compareTo(Secp256k1.N) < 0) {
                    return PrivateKey.fromBytes(okm);
                }
            } finally {
                Arrays.fill(okm, (byte) 0);
            }
        }
        throw new CryptoException("chat key derivation found no valid key");
    }

    /** {@code pub(K_conv)}: the {@code p} tag of every chat event. */
    public PublicKey conversationPublicKey() {
        return conversationKey.publicKey();
    }

    /** {@code pub(K_sign)}: the author of every chat event; subscribe with {@code authors = [this]}. */
    public PublicKey signingPublicKey() {
        return signingKey.publicKey();
    }

    @Override
    public String toString() {
        return "ChatKeys[p=" + conversationPublicKey().toHex() + ", author=" + signingPublicKey().toHex() + "]";
    }
}
