package network.mostro.nostr.internal;

import java.util.Arrays;
import network.mostro.nostr.MalformedInputException;

/**
 * Bitcoin's Base58 and Base58Check (payload followed by the first four bytes of its double SHA-256), as
 * BIP-32 extended keys use them. Stateless and thread-safe.
 */
public final class Base58 {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final byte[] INDEXES = new byte[128];

    static {
        Arrays.fill(INDEXES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = (byte) i;
        }
    }

    private Base58() {}

    /** Base58 of {@code input}; each leading zero byte becomes a leading {@code 1}. */
    public static String encode(byte[] input) {
        if (input.length == 0) {
            return "";
        }
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        byte[] num = input.clone();
        char[] out = new char[input.length * 2];
        int o = out.length;
        int start = zeros;
        while (start < num.length) {
            int rem = 0;
            for (int i = start; i < num.length; i++) {
                int acc = (rem << 8) | (num[i] & 0xff);
                num[i] = (byte) (acc / 58);
                rem = acc % 58;
            }
            out[--o] = ALPHABET[rem];
            while (start < num.length && num[start] == 0) {
                start++;
            }
        }
        while (zeros-- > 0) {
            out[--o] = ALPHABET[0];
        }
        return new String(out, o, out.length - o);
    }

    /**
     * Decodes Base58 of at most {@code maxChars} characters.
     *
     * @throws MalformedInputException on null, too long, or a character outside the alphabet
     */
    public static byte[] decode(String s, int maxChars) {
        if (s == null) {
            throw new MalformedInputException("base58: null");
        }
        if (s.length() > maxChars) {
            throw new MalformedInputException("base58: longer than " + maxChars + " characters");
        }
        if (s.isEmpty()) {
            return new byte[0];
        }
        byte[] digits = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = c < 128 ? INDEXES[c] : -1;
            if (d < 0) {
                throw new MalformedInputException("base58: invalid character at position " + i);
            }
            digits[i] = (byte) d;
        }
        int zeros = 0;
        while (zeros < digits.length && digits[zeros] == 0) {
            zeros++;
        }
        byte[] out = new byte[s.length()];
        int o = out.length;
        int start = zeros;
        while (start < digits.length) {
            int rem = 0;
            for (int i = start; i < digits.length; i++) {
                int acc = rem * 58 + (digits[i] & 0xff);
                digits[i] = (byte) (acc / 256);
                rem = acc % 256;
            }
            out[--o] = (byte) rem;
            while (start < digits.length && digits[start] == 0) {
                start++;
            }
        }
        while (o < out.length && out[o] == 0) {
            o++;
        }
        return Arrays.copyOfRange(out, o - zeros, out.length);
    }

    /** Base58Check: {@code payload || SHA256(SHA256(payload))[0..4]}. */
    public static String encodeChecked(byte[] payload) {
        byte[] full = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(checksum(payload), 0, full, payload.length, 4);
        return encode(full);
    }

    /**
     * Decodes Base58Check and returns the payload.
     *
     * @throws MalformedInputException on a Base58 error, fewer than 4 bytes, or a checksum mismatch
     */
    public static byte[] decodeChecked(String s, int maxChars) {
        byte[] full = decode(s, maxChars);
        if (full.length < 4) {
            throw new MalformedInputException("base58check: too short");
        }
        byte[] payload = Arrays.copyOf(full, full.length - 4);
        byte[] expected = checksum(payload);
        if (!Secp256k1.constantTimeEquals(expected, Arrays.copyOfRange(full, full.length - 4, full.length))) {
            throw new MalformedInputException("base58check: checksum mismatch");
        }
        return payload;
    }

    private static byte[] checksum(byte[] payload) {
        return Arrays.copyOf(Secp256k1.sha256(Secp256k1.sha256(payload)), 4);
    }
}
