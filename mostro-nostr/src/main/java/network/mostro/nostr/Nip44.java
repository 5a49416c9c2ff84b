package network.mostro.nostr;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import network.mostro.nostr.internal.Nip44Cipher;
import network.mostro.nostr.internal.Secp256k1;

/**
 * NIP-44 version 2 encrypted payloads (<a href="https://github.com/nostr-protocol/nips/blob/master/44.md">NIP-44</a>):
 * secp256k1 ECDH, HKDF-SHA256, padding, ChaCha20, HMAC-SHA256 and base64.
 *
 * <p>Plaintexts of 1–65,535 UTF-8 bytes use the standard two-byte length prefix and are byte-compatible with every
 * NIP-44 v2 implementation. Plaintexts of 65,536 bytes or more use the extended six-byte prefix of the 2026
 * revision of NIP-44 (two zero bytes, then a big-endian u32); peers built before that revision (for example the
 * nostr-sdk 0.44 used by the Mostro daemon) cannot read those. Use {@link LengthPrefix#U16_ONLY} to refuse them.
 *
 * <pre>{@code
 * byte[] key = Nip44.conversationKey(mySecret, theirPublic);   // same value on both sides
 * String payload = Nip44.encrypt("hello", key);
 * String plain = Nip44.decrypt(payload, key);
 * }</pre>
 *
 * <p>Stateless and thread-safe. Conversation keys are secrets; callers that talk to the same peer repeatedly can
 * keep them in a {@link ConversationKeyCache}.
 */
public final class Nip44 {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Smallest plaintext, in UTF-8 bytes. */
    public static final int MIN_PLAINTEXT_BYTES = Nip44Cipher.MIN_PLAINTEXT_BYTES;
    /** Largest plaintext with the standard two-byte length prefix. */
    public static final int MAX_STANDARD_PLAINTEXT_BYTES = Nip44Cipher.MAX_U16_PLAINTEXT_BYTES;
    /** Largest plaintext this implementation encrypts with the extended prefix (1 GiB). */
    public static final int MAX_PLAINTEXT_BYTES = Nip44Cipher.MAX_PLAINTEXT_BYTES;

    /** Which length prefixes an operation may write or accept. Immutable and thread-safe. */
    public enum LengthPrefix {
        /** Only the original two-byte prefix: plaintexts of at most 65,535 bytes, as in NIP-44 before 2026. */
        U16_ONLY,
        /** The two-byte prefix below 65,536 bytes and the six-byte extended prefix from 65,536 bytes (default). */
        EXTENDED
    }

    private Nip44() {}

    /**
     * The conversation key shared by {@code secret} and {@code peer}: HKDF-extract with salt {@code "nip44-v2"} of
     * the x-coordinate of their ECDH point. Symmetric: {@code conversationKey(a, B)} equals
     * {@code conversationKey(b, A)}. Keys are validated when {@link PrivateKey} and {@link PublicKey} are created,
     * so invalid scalars and off-curve points never get here (they throw {@link CryptoException} on parsing).
     *
     * @return 32 secret bytes (a fresh array)
     */
    public static byte[] conversationKey(PrivateKey secret, PublicKey peer) {
        if (secret == null || peer == null) {
            throw new InvalidInputException("conversation key needs a private and a public key");
        }
        byte[] shared = Secp256k1.ecdhX(secret.scalar(), peer.point());
        try {
            return Nip44Cipher.conversationKey(shared);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /**
     * Encrypts with a fresh random 32-byte nonce.
     *
     * @throws InvalidInputException if the plaintext is empty, longer than {@link #MAX_PLAINTEXT_BYTES} UTF-8
     *     bytes or contains an unpaired surrogate, or the key is not 32 bytes
     */
    public static String encrypt(String plaintext, byte[] conversationKey) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return encrypt(plaintext, conversationKey, nonce);
    }

    /**
     * Encrypts with a caller-supplied nonce. Never reuse a nonce with the same conversation key; this overload
     * exists for test vectors and reproducible fixtures.
     *
     * @param nonce 32 bytes
     * @return the base64 payload
     * @throws InvalidInputException if the plaintext is empty, too long or contains an unpaired surrogate, or the
     *     key or nonce is not 32 bytes
     */
    public static String encrypt(String plaintext, byte[] conversationKey, byte[] nonce) {
        return encrypt(plaintext, conversationKey, nonce, LengthPrefix.EXTENDED);
    }

    /**
     * Encrypts with a caller-supplied nonce and prefix policy. With {@link LengthPrefix#U16_ONLY} a plaintext
     * above 65,535 bytes is refused, as every pre-2026 NIP-44 implementation does.
     *
     * @throws InvalidInputException as {@link #encrypt(String, byte[], byte[])}
     */
    public static String encrypt(String plaintext, byte[] conversationKey, byte[] nonce, LengthPrefix prefix) {
        return Nip44Cipher.encrypt(plaintext, conversationKey, nonce, prefix != LengthPrefix.U16_ONLY);
    }

    /**
     * Authenticates and decrypts a payload, accepting both length prefixes.
     *
     * @throws MalformedInputException if the payload is empty, not padded base64, has an impossible length, or
     *     the plaintext is not valid UTF-8
     * @throws UnsupportedInputException for a {@code #}-prefixed payload or a version byte other than 2
     * @throws CryptoException if the MAC does not verify (wrong key, tampering) or the padding is invalid
     * @throws InvalidInputException if the key is not 32 bytes
     */
    public static String decrypt(String payload, byte[] conversationKey) {
        return decrypt(payload, conversationKey, LengthPrefix.EXTENDED);
    }

    /**
     * As {@link #decrypt(String, byte[])}; with {@link LengthPrefix#U16_ONLY} payloads longer than the original
     * NIP-44 maximum are {@link MalformedInputException malformed} and an extended prefix is invalid padding.
     */
    public static String decrypt(String payload, byte[] conversationKey, LengthPrefix prefix) {
        return Nip44Cipher.decrypt(payload, conversationKey, prefix != LengthPrefix.U16_ONLY);
    }

    /** Convenience: derive the conversation key and encrypt with a random nonce. */
    public static String encrypt(String plaintext, PrivateKey sender, PublicKey receiver) {
        byte[] key = conversationKey(sender, receiver);
        try {
            return encrypt(plaintext, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Convenience: derive the conversation key and decrypt. */
    public static String decrypt(String payload, PrivateKey receiver, PublicKey sender) {
        byte[] key = conversationKey(receiver, sender);
        try {
            return decrypt(payload, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The padded length NIP-44 uses for a plaintext of {@code plaintextBytes} bytes, excluding the length prefix.
     *
     * @throws InvalidInputException unless 1 ≤ {@code plaintextBytes} ≤ 2^32 − 1
     */
    public static long paddedLength(long plaintextBytes) {
        return Nip44Cipher.calcPaddedLen(plaintextBytes);
    }

    /**
     * A bounded, thread-safe cache of conversation keys, keyed by (own public key, peer public key).
     *
     * <p>A Mostro node or client talks to the same counterparties (trade keys, the node key) many times; caching
     * skips the ECDH multiplication, which dominates the cost of a NIP-44 operation. The cache is split into
     * segments, each a small LRU map under its own lock; the ECDH runs outside any lock. Entries are secrets: the
     * cache hands out copies and {@link #clear()} zeroes them.
     *
     * <p>Thread-safe; share one instance per process or per identity.
     */
    public static final class ConversationKeyCache {
        private static final int MAX_SEGMENTS = 16;

        private final int maxEntries;
        private final Segment[] segments;

        private record Pair(PublicKey own, PublicKey peer) {}

        private static final class Segment extends LinkedHashMap<Pair, byte[]> {
            private final int capacity;

            Segment(int capacity) {
                super(16, 0.75f, true);
                this.capacity = capacity;
            }

            @Override
            protected boolean removeEldestEntry(Map.Entry<Pair, byte[]> eldest) {
                if (size() > capacity) {
                    Arrays.fill(eldest.getValue(), (byte) 0);
                    return true;
                }
                return false;
            }
        }

        /**
         * A cache holding about {@code maxEntries} keys: the bound is split evenly over up to 16 segments and
         * rounded up, so the cache holds at most {@code maxEntries + 15}.
         *
         * @throws InvalidInputException if {@code maxEntries} is not positive
         */
        public ConversationKeyCache(int maxEntries) {
            if (maxEntries <= 0) {
                throw new InvalidInputException("maxEntries must be positive");
            }
            this.maxEntries = maxEntries;
            int count = Math.min(MAX_SEGMENTS, maxEntries);
            int per = (maxEntries + count - 1) / count;
            segments = new Segment[count];
            for (int i = 0; i < count; i++) {
                segments[i] = new Segment(per);
            }
        }

        /** The conversation key of {@code secret} and {@code peer}, computed once and then served from the cache. */
        public byte[] conversationKey(PrivateKey secret, PublicKey peer) {
            if (secret == null || peer == null) {
                throw new InvalidInputException("conversation key needs a private and a public key");
            }
            Pair pair = new Pair(secret.publicKey(), peer);
            Segment seg = segments[(pair.hashCode() & 0x7fffffff) % segments.length];
            synchronized (seg) {
                byte[] hit = seg.get(pair);
                if (hit != null) {
                    return hit.clone();
                }
            }
            // Two keys with the same x-only public key (d and n − d) give the same ECDH x-coordinate, so keying by
            // the own public key is exact.
            byte[] key = Nip44.conversationKey(secret, peer);
            synchronized (seg) {
                seg.putIfAbsent(pair, key.clone());
            }
            return key;
        }

        /** The configured bound. */
        public int maxEntries() {
            return maxEntries;
        }

        /** Number of keys currently held. */
        public int size() {
            int n = 0;
            for (Segment s : segments) {
                synchronized (s) {
                    n += s.size();
                }
            }
            return n;
        }

        /** Zeroes and drops every cached key. */
        public void clear() {
            for (Segment s : segments) {
                synchronized (s) {
                    for (byte[] v : s.values()) {
                        Arrays.fill(v, (byte) 0);
                    }
                    s.clear();
                }
            }
        }

        @Override
        public String toString() {
            return "ConversationKeyCache[size=" + size() + ", max=" + maxEntries + "]";
        }
    }
}
