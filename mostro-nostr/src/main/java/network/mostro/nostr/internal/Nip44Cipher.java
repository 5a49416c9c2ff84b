package network.mostro.nostr.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.UnsupportedInputException;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The symmetric part of NIP-44 version 2: HKDF-SHA256, padding, ChaCha20 (RFC 8439, counter 0) and
 * HMAC-SHA256 over {@code nonce || ciphertext}, with the optional extended length prefix of the 2026 revision
 * (two zero bytes followed by a big-endian u32, for plaintexts of 65,536 bytes or more).
 *
 * <p>The payload is built and opened in a single buffer: encryption writes version, nonce, length prefix and
 * plaintext into the final array, encrypts in place and appends the MAC; decryption authenticates and decrypts
 * the base64-decoded array in place. No {@code BigInteger} is involved. Stateless and thread-safe (each call
 * uses its own HMAC and cipher instances). HMAC runs on the JDK SHA-256, which HotSpot intrinsifies.
 */
public final class Nip44Cipher {
    /** The version byte this class produces and accepts. */
    public static final int VERSION = 2;
    /** Smallest plaintext, in UTF-8 bytes. */
    public static final int MIN_PLAINTEXT_BYTES = 1;
    /** Largest plaintext with the standard two-byte prefix. */
    public static final int MAX_U16_PLAINTEXT_BYTES = 65_535;
    /** Plaintexts at least this long use the six-byte extended prefix. */
    public static final int EXTENDED_PREFIX_THRESHOLD = 65_536;
    /**
     * Largest plaintext this implementation encrypts with the extended prefix (1 GiB). The 2026 revision allows up
     * to 2^32 − 1 bytes, but a Java array (and the base64 string) cannot hold such a payload.
     */
    public static final int MAX_PLAINTEXT_BYTES = 1 << 30;

    private static final byte[] SALT = "nip44-v2".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 32;
    private static final int MAC = 32;
    private static final int OVERHEAD = 1 + NONCE + MAC;
    private static final int MIN_PAYLOAD_CHARS = 132;
    private static final int MAX_U16_PAYLOAD_CHARS = 87_472;
    private static final int MIN_DECODED = 99;
    private static final int MAX_U16_DECODED = 65_603;
    /** Bytes of HKDF-expand output: ChaCha key (32) + ChaCha nonce (12) + HMAC key (32). */
    public static final int MESSAGE_KEYS_BYTES = 76;

    private Nip44Cipher() {}

    /** HKDF-extract(salt = "nip44-v2", ikm = shared x-coordinate): the conversation key. */
    public static byte[] conversationKey(byte[] sharedX) {
        HmacSha256 mac = new HmacSha256().init(SALT);
        mac.update(sharedX, 0, sharedX.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        mac.destroy();
        return out;
    }

    /**
     * HKDF-expand(prk = conversation key, info = nonce, L = 76), returned in a 96-byte array whose first 76 bytes
     * are {@code chacha_key || chacha_nonce || hmac_key}.
     */
    public static byte[] messageKeys(byte[] conversationKey, byte[] nonce32) {
        checkKey(conversationKey);
        if (nonce32 == null || nonce32.length != NONCE) {
            throw new InvalidInputException("NIP-44 nonce must be 32 bytes");
        }
        HmacSha256 mac = new HmacSha256();
        try {
            return messageKeys(mac, conversationKey, nonce32, 0);
        } finally {
            mac.destroy();
        }
    }

    private static byte[] messageKeys(HmacSha256 mac, byte[] conversationKey, byte[] nonce, int nonceOff) {
        mac.init(conversationKey, 0, 32);
        byte[] okm = new byte[96];
        for (int block = 0; block < 3; block++) {
            if (block > 0) {
                mac.update(okm, (block - 1) * 32, 32);
            }
            mac.update(nonce, nonceOff, NONCE);
            mac.update((byte) (block + 1));
            mac.doFinal(okm, block * 32);
        }
        return okm;
    }

    /**
     * The NIP-44 padded length of a plaintext of {@code unpadded} bytes (without the length prefix): at least 32,
     * then multiples of 32 up to 256 and multiples of one eighth of the next power of two above.
     *
     * @throws InvalidInputException unless 1 ≤ {@code unpadded} ≤ 2^32 − 1 (the largest length the extended prefix
     *     can express)
     */
    public static long calcPaddedLen(long unpadded) {
        if (unpadded <= 0 || unpadded > 0xFFFF_FFFFL) {
            throw new InvalidInputException("NIP-44 plaintext length must be between 1 and 2^32 - 1");
        }
        if (unpadded <= 32) {
            return 32;
        }
        long nextPower = Long.highestOneBit(unpadded - 1) << 1;
        long chunk = nextPower <= 256 ? 32 : nextPower / 8;
        return chunk * ((unpadded - 1) / chunk + 1);
    }

    /** Two bytes below {@link #EXTENDED_PREFIX_THRESHOLD}, six at or above. */
    public static int prefixLength(long unpadded) {
        return unpadded < EXTENDED_PREFIX_THRESHOLD ? 2 : 6;
    }

    /**
     * Encrypts a string.
     *
     * @param allowExtended whether plaintexts of 65,536 bytes or more may use the extended prefix
     * @throws InvalidInputException for an empty or too long plaintext, an unpaired surrogate, or a key or nonce
     *     that is not 32 bytes
     */
    public static String encrypt(String plaintext, byte[] conversationKey, byte[] nonce, boolean allowExtended) {
        if (plaintext == null) {
            throw new InvalidInputException("plaintext is null");
        }
        checkKey(conversationKey);
        if (nonce == null || nonce.length != NONCE) {
            throw new InvalidInputException("NIP-44 nonce must be 32 bytes");
        }
        long len = utf8Length(plaintext);
        int max = allowExtended ? MAX_PLAINTEXT_BYTES : MAX_U16_PLAINTEXT_BYTES;
        if (len < MIN_PLAINTEXT_BYTES || len > max) {
            throw new InvalidInputException("NIP-44 plaintext must be 1.." + max + " UTF-8 bytes, got " + len);
        }
        int n = (int) len;
        int prefix = prefixLength(n);
        int ctLen = prefix + (int) calcPaddedLen(n);
        byte[] buf = new byte[OVERHEAD + ctLen];
        buf[0] = VERSION;
        System.arraycopy(nonce, 0, buf, 1, NONCE);
        int p = 1 + NONCE;
        if (prefix == 2) {
            buf[p] = (byte) (n >>> 8);
            buf[p + 1] = (byte) n;
        } else {
            buf[p + 2] = (byte) (n >>> 24);
            buf[p + 3] = (byte) (n >>> 16);
            buf[p + 4] = (byte) (n >>> 8);
            buf[p + 5] = (byte) n;
        }
        writeUtf8(plaintext, buf, p + prefix);

        HmacSha256 mac = new HmacSha256();
        byte[] keys = messageKeys(mac, conversationKey, buf, 1);
        try {
            chacha(keys, buf, p, ctLen);
            mac.init(keys, 44, 32);
            mac.update(buf, 1, NONCE + ctLen);
            mac.doFinal(buf, p + ctLen);
        } finally {
            Arrays.fill(keys, (byte) 0);
            mac.destroy();
        }
        return Base64.getEncoder().encodeToString(buf);
    }

    /**
     * Authenticates and decrypts a payload.
     *
     * @param allowExtended whether the six-byte extended length prefix is accepted
     * @throws MalformedInputException if the payload is empty, not padded base64, or of an impossible length,
     *     or the plaintext is not valid UTF-8
     * @throws UnsupportedInputException for a {@code #} prefix or a version byte other than 2
     * @throws CryptoException if the MAC does not verify or the padding is wrong
     * @throws InvalidInputException if the key is not 32 bytes
     */
    public static String decrypt(String payload, byte[] conversationKey, boolean allowExtended) {
        checkKey(conversationKey);
        if (payload == null) {
            throw new MalformedInputException("NIP-44 payload is null");
        }
        int plen = payload.length();
        if (plen > 0 && payload.charAt(0) == '#') {
            throw new UnsupportedInputException("NIP-44 payload uses an unknown encoding ('#' prefix)");
        }
        if (plen < MIN_PAYLOAD_CHARS || (!allowExtended && plen > MAX_U16_PAYLOAD_CHARS) || (plen & 3) != 0) {
            throw new MalformedInputException("NIP-44 payload has an invalid length: " + plen);
        }
        byte[] d;
        try {
            d = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("NIP-44 payload is not valid base64");
        }
        // java.util.Base64 ignores non-zero bits in the last symbol; accept only the canonical encoding (fuzz finding).
        if (!Base64.getEncoder().encodeToString(d).equals(payload)) {
            throw new MalformedInputException("NIP-44 payload is not canonical base64 (non-zero padding bits)");
        }
        int dlen = d.length;
        if (dlen < MIN_DECODED || (!allowExtended && dlen > MAX_U16_DECODED)) {
            throw new MalformedInputException("NIP-44 payload decodes to an invalid length: " + dlen);
        }
        if (d[0] != VERSION) {
            throw new UnsupportedInputException("unsupported NIP-44 version " + (d[0] & 0xff));
        }
        int p = 1 + NONCE;
        int ctLen = dlen - OVERHEAD;

        HmacSha256 mac = new HmacSha256();
        byte[] keys = messageKeys(mac, conversationKey, d, 1);
        try {
            mac.init(keys, 44, 32);
            mac.update(d, 1, NONCE + ctLen);
            byte[] expected = new byte[MAC];
            mac.doFinal(expected, 0);
            if (!constantTimeEquals(expected, d, p + ctLen)) {
                throw new CryptoException("NIP-44 MAC does not verify");
            }
            chacha(keys, d, p, ctLen);
        } finally {
            Arrays.fill(keys, (byte) 0);
            mac.destroy();
        }

        int prefix = 2;
        long n = ((d[p] & 0xff) << 8) | (d[p + 1] & 0xff);
        if (n == 0 && allowExtended && ctLen >= 6) {
            prefix = 6;
            n = ((long) (d[p + 2] & 0xff) << 24) | ((d[p + 3] & 0xff) << 16) | ((d[p + 4] & 0xff) << 8) | (d[p + 5] & 0xff);
            if (n < EXTENDED_PREFIX_THRESHOLD) {
                throw new CryptoException("NIP-44 invalid padding: extended prefix for a short plaintext");
            }
        }
        if (n == 0 || ctLen != prefix + calcPaddedLen(n)) {
            throw new CryptoException("NIP-44 invalid padding");
        }
        return utf8(d, p + prefix, (int) n);
    }

    private static void chacha(byte[] keys, byte[] buf, int off, int len) {
        ChaCha7539Engine engine = new ChaCha7539Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(keys, 0, 32), keys, 32, 12));
        engine.processBytes(buf, off, len, buf, off);
    }

    private static void checkKey(byte[] conversationKey) {
        if (conversationKey == null || conversationKey.length != 32) {
            throw new InvalidInputException("NIP-44 conversation key must be 32 bytes");
        }
    }

    private static boolean constantTimeEquals(byte[] a, byte[] b, int bOff) {
        int diff = 0;
        for (int i = 0; i < MAC; i++) {
            diff |= a[i] ^ b[bOff + i];
        }
        return diff == 0;
    }

    /** UTF-8 length; throws for an unpaired surrogate (which has no UTF-8 encoding). */
    static long utf8Length(String s) {
        int len = s.length();
        long n = len;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                n += 1;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 2; // four bytes for two chars
                    i++;
                } else {
                    throw new InvalidInputException("plaintext contains an unpaired surrogate");
                }
            } else {
                n += 2;
            }
        }
        return n;
    }

    /** Writes the UTF-8 encoding of {@code s} (already validated by {@link #utf8Length}). */
    private static void writeUtf8(String s, byte[] out, int off) {
        int len = s.length();
        int o = off;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[o++] = (byte) (0xf0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                out[o++] = (byte) (0xe0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    /** Strict UTF-8 decoding; the fast JDK decoder runs first and the strict one only if a U+FFFD appears. */
    private static String utf8(byte[] b, int off, int len) {
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, off, len));
            } catch (CharacterCodingException e) {
                throw new MalformedInputException("NIP-44 plaintext is not valid UTF-8");
            }
        }
        return s;
    }
}
