package network.mostro.protocol.lightning;

import java.util.Objects;
import network.mostro.nostr.internal.Bech32;

/**
 * One BOLT #11 tagged field exactly as it appears in the invoice: a 5-bit type and its data as bech32
 * characters (one character per 5-bit group). Fields the decoder does not interpret (fallback addresses
 * {@code f}, route hints {@code r}, metadata {@code m}, unknown types, known types with a non-standard
 * length) are kept in this raw form, so nothing in an invoice is lost.
 *
 * <p>Example: {@code TaggedField.ofBytes(TaggedField.METADATA, new byte[] {1, (byte) 0xfa})}.
 * Immutable and thread-safe.
 *
 * @param type the field type, 0–31 (the value of {@link #tag()} in the bech32 charset)
 * @param data the field data as lowercase bech32 characters, at most 1023 of them
 */
public record TaggedField(int type, String data) {
    /** Bech32 charset: the character for 5-bit value {@code v} is {@code CHARSET.charAt(v)}. */
    static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /** {@code p}: the 256-bit payment hash. */
    public static final int PAYMENT_HASH = 1;
    /** {@code r}: route hint (private channel path). */
    public static final int ROUTE_HINT = 3;
    /** {@code 9}: feature bits. */
    public static final int FEATURES = 5;
    /** {@code x}: expiry in seconds. */
    public static final int EXPIRY = 6;
    /** {@code f}: on-chain fallback address. */
    public static final int FALLBACK = 9;
    /** {@code d}: UTF-8 description. */
    public static final int DESCRIPTION = 13;
    /** {@code s}: the 256-bit payment secret. */
    public static final int PAYMENT_SECRET = 16;
    /** {@code n}: 33-byte payee node public key. */
    public static final int PAYEE = 19;
    /** {@code h}: SHA-256 of a long description. */
    public static final int DESCRIPTION_HASH = 23;
    /** {@code c}: min_final_cltv_expiry_delta. */
    public static final int MIN_FINAL_CLTV = 24;
    /** {@code m}: payment metadata. */
    public static final int METADATA = 27;

    /** The largest data length a field can declare (10 bits). */
    public static final int MAX_DATA_LENGTH = 1023;

    /**
     * Validates the field.
     *
     * @throws InvalidInvoiceException ({@link Bolt11Error#INVALID_PARAMETER}) if the type is outside 0–31,
     *     the data has a character outside the bech32 charset or is longer than 1023 characters
     */
    public TaggedField {
        if (type < 0 || type > 31) {
            throw Bolt11Error.INVALID_PARAMETER.exception("tagged field type must be 0-31");
        }
        Objects.requireNonNull(data, "data");
        if (data.length() > MAX_DATA_LENGTH) {
            throw Bolt11Error.INVALID_PARAMETER.exception("tagged field data longer than 1023 groups");
        }
        for (int i = 0; i < data.length(); i++) {
            if (CHARSET.indexOf(data.charAt(i)) < 0) {
                throw Bolt11Error.INVALID_PARAMETER.exception("tagged field data is not lowercase bech32");
            }
        }
    }

    /** A field from 5-bit groups (each 0–31). */
    public static TaggedField ofWords(int type, byte[] words) {
        StringBuilder sb = new StringBuilder(words.length);
        for (byte w : words) {
            if ((w & 0xff) > 31) {
                throw Bolt11Error.INVALID_PARAMETER.exception("5-bit group out of range");
            }
            sb.append(CHARSET.charAt(w));
        }
        return new TaggedField(type, sb.toString());
    }

    /** A field from bytes, zero-padded to a whole number of 5-bit groups. */
    public static TaggedField ofBytes(int type, byte[] bytes) {
        return ofWords(type, Bech32.toWords(bytes));
    }

    /** The field's letter in the bech32 charset, e.g. {@code 'p'} for type 1. */
    public char tag() {
        return CHARSET.charAt(type);
    }

    /** The number of 5-bit groups of data (the field's {@code data_length}). */
    public int length() {
        return data.length();
    }

    /** The data as 5-bit groups (a fresh array). */
    public byte[] words() {
        byte[] out = new byte[data.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) CHARSET.indexOf(data.charAt(i));
        }
        return out;
    }

    /**
     * The data regrouped into bytes, dropping the trailing bits that do not fill a byte (whatever their
     * value): {@code floor(5 × length / 8)} bytes.
     */
    public byte[] bytes() {
        byte[] w = words();
        byte[] out = new byte[w.length * 5 / 8];
        int acc = 0;
        int bits = 0;
        int o = 0;
        for (byte b : w) {
            acc = (acc << 5) | b;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                if (o < out.length) {
                    out[o++] = (byte) (acc >>> bits);
                }
                acc &= (1 << bits) - 1;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return tag() + "(" + data.length() + "):" + data;
    }
}
