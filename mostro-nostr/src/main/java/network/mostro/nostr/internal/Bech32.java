package network.mostro.nostr.internal;

import java.util.Arrays;
import java.util.Objects;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;

/**
 * Bech32 (BIP-173, the original constant 1; <b>not</b> bech32m) over 5-bit groups, with a caller-chosen
 * maximum length: BIP-173 addresses stop at 90 characters, NIP-19 entities and BOLT11 invoices are longer.
 *
 * <p>Decoding accepts an all-lowercase or all-uppercase string and returns the HRP in lowercase; mixed case,
 * characters outside the charset, a missing separator, an empty HRP, a short data part or a bad checksum
 * throw {@link MalformedInputException}; a string longer than the limit throws {@link InvalidInputException}.
 * Encoding always produces lowercase. Stateless and thread-safe.
 */
public final class Bech32 {
    /** The BIP-173 limit for segwit addresses. */
    public static final int BIP173_MAX_LENGTH = 90;

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final byte[] REVERSE = new byte[128];
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int CHECKSUM_LENGTH = 6;

    static {
        Arrays.fill(REVERSE, (byte) -1);
        for (int i = 0; i < CHARSET.length(); i++) {
            REVERSE[CHARSET.charAt(i)] = (byte) i;
        }
    }

    private Bech32() {}

    /**
     * A decoded bech32 string.
     *
     * @param hrp the human-readable part, lowercase
     * @param data the 5-bit groups between separator and checksum (values 0–31)
     */
    public record Decoded(String hrp, byte[] data) {
        public Decoded {
            Objects.requireNonNull(hrp, "hrp");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Decoded d && hrp.equals(d.hrp) && Arrays.equals(data, d.data);
        }

        @Override
        public int hashCode() {
            return 31 * hrp.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Decoded[hrp=" + hrp + ", " + data.length + " groups]";
        }
    }

    /**
     * Encodes {@code hrp} and 5-bit groups with a bech32 checksum, in lowercase. No length limit is applied.
     *
     * @throws InvalidInputException if the HRP is empty or has characters outside US-ASCII 33–126, or a group
     *     is not in 0–31
     */
    public static String encode(String hrp, byte[] data5) {
        if (hrp == null || data5 == null) {
            throw new InvalidInputException("bech32: hrp and data are required");
        }
        if (hrp.isEmpty()) {
            throw new InvalidInputException("bech32: empty human-readable part");
        }
        String lower = toLowerAscii(hrp);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c < 33 || c > 126) {
                throw new InvalidInputException("bech32: human-readable part character out of range");
            }
        }
        for (byte b : data5) {
            if ((b & 0xff) > 31) {
                throw new InvalidInputException("bech32: data group out of range 0-31");
            }
        }
        int[] checksum = checksum(lower, data5);
        StringBuilder sb = new StringBuilder(lower.length() + 1 + data5.length + CHECKSUM_LENGTH);
        sb.append(lower).append('1');
        for (byte b : data5) {
            sb.append(CHARSET.charAt(b));
        }
        for (int c : checksum) {
            sb.append(CHARSET.charAt(c));
        }
        return sb.toString();
    }

    /**
     * Decodes a bech32 string of at most {@code maxLength} characters.
     *
     * @throws MalformedInputException on null, mixed case, a character out of range, no separator, an empty
     *     HRP, a data part shorter than the checksum, or a checksum mismatch
     * @throws InvalidInputException if longer than {@code maxLength}
     */
    public static Decoded decode(String s, int maxLength) {
        if (s == null) {
            throw new MalformedInputException("bech32: null");
        }
        if (s.length() > maxLength) {
            throw new InvalidInputException("bech32: longer than " + maxLength + " characters");
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new MalformedInputException("bech32: character out of range at position " + i);
            }
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            }
        }
        if (lower && upper) {
            throw new MalformedInputException("bech32: mixed case");
        }
        int sep = s.lastIndexOf('1');
        if (sep < 0) {
            throw new MalformedInputException("bech32: no separator");
        }
        if (sep == 0) {
            throw new MalformedInputException("bech32: empty human-readable part");
        }
        if (s.length() - sep - 1 < CHECKSUM_LENGTH) {
            throw new MalformedInputException("bech32: checksum too short");
        }
        String str = toLowerAscii(s);
        String hrp = str.substring(0, sep);
        int n = str.length() - sep - 1;
        byte[] values = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = str.charAt(sep + 1 + i);
            byte v = c < 128 ? REVERSE[c] : -1;
            if (v < 0) {
                throw new MalformedInputException("bech32: invalid data character at position " + (sep + 1 + i));
            }
            values[i] = v;
        }
        if (polymod(hrp, values, n) != 1) {
            throw new MalformedInputException("bech32: checksum mismatch");
        }
        return new Decoded(hrp, Arrays.copyOf(values, n - CHECKSUM_LENGTH));
    }

    /** 8-bit bytes to 5-bit groups, zero-padding the last group. */
    public static byte[] toWords(byte[] bytes) {
        return convertBits(bytes, 8, 5, true);
    }

    /**
     * 5-bit groups to 8-bit bytes; the leftover bits must be fewer than 5 and all zero.
     *
     * @throws MalformedInputException on excess or non-zero padding
     */
    public static byte[] fromWords(byte[] words) {
        return convertBits(words, 5, 8, false);
    }

    /**
     * General power-of-two base conversion (BIP-173 {@code convertbits}), for {@code fromBits} and
     * {@code toBits} between 1 and 8.
     *
     * @throws MalformedInputException if an input value has more than {@code fromBits} bits, or, without
     *     {@code pad}, the leftover bits are {@code fromBits} or more or not zero
     */
    public static byte[] convertBits(byte[] in, int fromBits, int toBits, boolean pad) {
        if (fromBits < 1 || fromBits > 8 || toBits < 1 || toBits > 8) {
            throw new InvalidInputException("convertBits: bit widths must be 1-8");
        }
        int acc = 0;
        int bits = 0;
        int maxv = (1 << toBits) - 1;
        long outLen = ((long) in.length * fromBits + (pad ? toBits - 1 : 0)) / toBits;
        byte[] out = new byte[(int) outLen];
        int o = 0;
        for (byte b : in) {
            int value = b & 0xff;
            if ((value >>> fromBits) != 0) {
                throw new MalformedInputException("convertBits: value exceeds " + fromBits + " bits");
            }
            acc = ((acc << fromBits) | value) & 0xffff;
            bits += fromBits;
            while (bits >= toBits) {
                bits -= toBits;
                out[o++] = (byte) ((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out[o++] = (byte) ((acc << (toBits - bits)) & maxv);
            }
        } else if (bits >= fromBits) {
            throw new MalformedInputException("bech32: excess padding");
        } else if (((acc << (toBits - bits)) & maxv) != 0) {
            throw new MalformedInputException("bech32: non-zero padding");
        }
        return o == out.length ? out : Arrays.copyOf(out, o);
    }

    private static int[] checksum(String hrp, byte[] data) {
        byte[] values = Arrays.copyOf(data, data.length + CHECKSUM_LENGTH);
        int mod = polymod(hrp, values, values.length) ^ 1;
        int[] out = new int[CHECKSUM_LENGTH];
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            out[i] = (mod >>> (5 * (5 - i))) & 31;
        }
        return out;
    }

    private static int polymod(String hrp, byte[] values, int n) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk) ^ (hrp.charAt(i) >>> 5);
        }
        chk = step(chk);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk) ^ (hrp.charAt(i) & 31);
        }
        for (int i = 0; i < n; i++) {
            chk = step(chk) ^ values[i];
        }
        return chk;
    }

    private static int step(int chk) {
        int top = chk >>> 25;
        chk = (chk & 0x1ffffff) << 5;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    private static String toLowerAscii(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] = (char) (c[i] + 32);
            }
        }
        return new String(c);
    }
}
