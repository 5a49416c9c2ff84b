package network.mostro.nostr.internal;

import network.mostro.nostr.MalformedInputException;

/** Lowercase hexadecimal encoding; decoding accepts both cases. Stateless and thread-safe. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes hex of exactly {@code expectedBytes} bytes ({@code -1}: any even length).
     *
     * @throws MalformedInputException on null, odd length, wrong length or a non-hex character
     */
    public static byte[] decode(String hex, int expectedBytes, String what) {
        if (hex == null) {
            throw new MalformedInputException(what + ": null");
        }
        int len = hex.length();
        if ((len & 1) != 0 || (expectedBytes >= 0 && len != expectedBytes * 2)) {
            throw new MalformedInputException(what + ": expected "
                    + (expectedBytes >= 0 ? (expectedBytes * 2) + " hex characters" : "an even number of hex characters")
                    + ", got " + len);
        }
        byte[] out = new byte[len / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(hex.charAt(2 * i));
            int lo = digit(hex.charAt(2 * i + 1));
            if ((hi | lo) < 0) {
                throw new MalformedInputException(what + ": not hexadecimal");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    public static byte[] decode(String hex) {
        return decode(hex, -1, "hex");
    }

    /** True when {@code s} is exactly {@code chars} lowercase hex digits. */
    public static boolean isLowerHex(String s, int chars) {
        if (s == null || s.length() != chars) {
            return false;
        }
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
