package network.mostro.protocol.lightning;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import network.mostro.nostr.CryptoException;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.internal.Bech32;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.Secp256k1;
import network.mostro.protocol.internal.RecoverableEcdsa;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BOLT #11 payment requests: {@link #decode(String) decode} with signature check, and {@link #sign signing}
 * (usually through {@link Bolt11Invoice#builder(LightningNetwork)}).
 *
 * <p>Decoding follows BOLT #11 (lightning/bolts {@code 11-payment-encoding.md}): bech32 without the 90
 * character limit (up to {@link #MAX_LENGTH}), a known network prefix, the amount rules (multipliers
 * {@code m u n p}; a {@code p} amount must end in 0), unknown fields and {@code p h s n} fields of
 * non-standard length skipped (but kept in {@link Bolt11Invoice#taggedFields()}), unknown odd feature bits
 * ignored and unknown even ones refused, and the signature — over SHA-256 of the HRP bytes followed by the
 * data part (without signature) padded to whole bytes — verified against the {@code n} field or used to
 * recover the payee key. Beyond the reader rules it refuses what the writer rules forbid and what
 * rust-lightning (the library mostrod validates with) refuses: a missing or duplicated {@code p}, a missing
 * or duplicated {@code s}, zero or several descriptions.
 *
 * <p>Every failure is an {@link InvoiceFailure}; no other exception escapes {@link #decode(String)}.
 * Stateless and thread-safe.
 */
public final class Bolt11 {
    /**
     * Longest accepted invoice, in characters: 7089, the alphanumeric capacity of a QR code, which is also
     * LND's limit. (BOLT #11 itself sets none.)
     */
    public static final int MAX_LENGTH = 7089;

    private static final int TIMESTAMP_GROUPS = 7;
    private static final int SIGNATURE_GROUPS = 104;
    private static final long MAX_TIMESTAMP = (1L << 35) - 1;

    /**
     * Feature bits BOLT #9 assigns for invoices ({@code 9} context) plus the assumed {@code var_onion_optin}:
     * 8/9, 14/15 payment_secret, 16/17 basic_mpp, 24/25 option_route_blinding, 48/49 option_payment_metadata.
     * Any other even bit is an unknown compulsory feature.
     */
    private static final Set<Integer> KNOWN_FEATURES = Set.of(8, 9, 14, 15, 16, 17, 24, 25, 48, 49);

    /**
     * Payee keys already recovered, by signing hash and signature: recovery is the costly part of a decode, and a
     * node decodes the same invoice several times over a trade (checking it, paying it, tracking the payment). The
     * key is a pure function of hash and signature, so a hit is exactly what recovery would return. Bounded.
     */
    private static final RecoveredKeys RECOVERED = new RecoveredKeys(4_096);

    private Bolt11() {}

    /** A small synchronized LRU map. Thread-safe. */
    private static final class RecoveredKeys {
        private final java.util.LinkedHashMap<String, String> map;

        RecoveredKeys(int max) {
            this.map = new java.util.LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                    return size() > max;
                }
            };
        }

        synchronized String get(String k) {
            return map.get(k);
        }

        synchronized void put(String k, String v) {
            map.put(k, v);
        }
    }

    /**
     * Decodes and verifies a BOLT #11 invoice (all-lowercase or all-uppercase; no {@code lightning:} prefix).
     *
     * @throws MalformedInvoiceException if it is not a syntactically valid invoice
     * @throws InvalidInvoiceException if it breaks a rule (too long, missing fields, sub-millisatoshi amount)
     * @throws UnsupportedInvoiceException if it requires an unknown feature
     * @throws InvoiceSignatureException if the signature is invalid or unrecoverable, or {@code n} is invalid
     */
    public static Bolt11Invoice decode(String paymentRequest) {
        if (paymentRequest == null) {
            throw Bolt11Error.BECH32.exception("null");
        }
        if (paymentRequest.length() > MAX_LENGTH) {
            throw Bolt11Error.TOO_LONG.exception("longer than " + MAX_LENGTH + " characters");
        }
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(paymentRequest, MAX_LENGTH);
        } catch (MalformedInputException e) {
            throw Bolt11Error.BECH32.exception(e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw Bolt11Error.TOO_LONG.exception(e.getMessage(), e);
        }
        String hrp = decoded.hrp();
        LightningNetwork network = LightningNetwork.fromHrp(hrp)
                .orElseThrow(() -> Bolt11Error.UNKNOWN_PREFIX.exception("unknown prefix in '" + abbreviate(hrp) + "'"));
        OptionalLong amount = parseAmount(hrp.substring(network.hrpPrefix().length()));

        byte[] data = decoded.data();
        if (data.length < TIMESTAMP_GROUPS + SIGNATURE_GROUPS) {
            throw Bolt11Error.TOO_SHORT.exception("data part has " + data.length + " groups, at least "
                    + (TIMESTAMP_GROUPS + SIGNATURE_GROUPS) + " needed");
        }
        int sigStart = data.length - SIGNATURE_GROUPS;
        long timestamp = readInteger(data, 0, TIMESTAMP_GROUPS);

        List<TaggedField> fields = new ArrayList<>();
        int pos = TIMESTAMP_GROUPS;
        while (pos < sigStart) {
            if (sigStart - pos < 3) {
                throw Bolt11Error.TRUNCATED_FIELD.exception("tagged field header cut off at group " + pos);
            }
            int type = data[pos];
            int len = data[pos + 1] * 32 + data[pos + 2];
            pos += 3;
            if (len > sigStart - pos) {
                throw Bolt11Error.TRUNCATED_FIELD.exception("field '" + TaggedField.CHARSET.charAt(type)
                        + "' declares " + len + " groups, " + (sigStart - pos) + " remain");
            }
            fields.add(TaggedField.ofWords(type, Arrays.copyOfRange(data, pos, pos + len)));
            pos += len;
        }

        Interpreted f = interpret(fields);

        // Signature: 65 bytes = r(32) ‖ s(32) ‖ recovery id.
        byte[] sig = Bech32.convertBits(Arrays.copyOfRange(data, sigStart, data.length), 5, 8, true);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        int recoveryId = sig[64] & 0xff;
        byte[] hash = signingHash(hrp, Arrays.copyOfRange(data, 0, sigStart));
        String payee;
        if (recoveryId > 3) {
            throw Bolt11Error.UNRECOVERABLE_SIGNATURE.exception("recovery id " + recoveryId + " is not 0-3");
        }
        if (f.payee != null) {
            ECPoint key;
            try {
                key = RecoverableEcdsa.decodeCompressed(f.payee);
            } catch (CryptoException e) {
                throw Bolt11Error.INVALID_KEY.exception("n field: " + e.getMessage(), e);
            }
            if (!RecoverableEcdsa.verify(hash, r, s, key)) {
                throw Bolt11Error.INVALID_SIGNATURE.exception("signature does not verify against the n field");
            }
            payee = Hex.encode(f.payee);
        } else {
            String key = Hex.encode(hash) + Hex.encode(sig);
            payee = RECOVERED.get(key);
            if (payee == null) {
                try {
                    payee = Hex.encode(RecoverableEcdsa.recoverCompressed(hash, r, s, recoveryId));
                } catch (CryptoException e) {
                    throw Bolt11Error.UNRECOVERABLE_SIGNATURE.exception(e.getMessage(), e);
                }
                RECOVERED.put(key, payee);
            }
        }

        // Semantic checks after the signature, so a forged invoice reports the signature first.
        if (f.paymentHash == null) {
            throw Bolt11Error.MISSING_PAYMENT_HASH.exception("no p field of length 52");
        }
        if (f.descriptionCount == 0) {
            throw Bolt11Error.MISSING_DESCRIPTION.exception("neither d nor h field");
        }
        if (f.descriptionCount > 1) {
            throw Bolt11Error.MULTIPLE_DESCRIPTIONS.exception(f.descriptionCount + " description fields");
        }
        for (int bit : f.features) {
            if ((bit & 1) == 0 && !KNOWN_FEATURES.contains(bit)) {
                throw Bolt11Error.UNKNOWN_REQUIRED_FEATURE.exception("unknown compulsory feature bit " + bit);
            }
        }
        boolean mpp = f.features.contains(16) || f.features.contains(17);
        boolean secretFeature = f.features.contains(14) || f.features.contains(15);
        if (mpp && !secretFeature) {
            throw Bolt11Error.MISSING_FEATURE_DEPENDENCY.exception("basic_mpp without payment_secret");
        }
        if (f.paymentSecret == null) {
            throw Bolt11Error.MISSING_PAYMENT_SECRET.exception("no s field of length 52");
        }

        return new Bolt11Invoice(
                paymentRequest.toLowerCase(java.util.Locale.ROOT),
                network,
                amount,
                Instant.ofEpochSecond(timestamp),
                Hex.encode(f.paymentHash),
                Hex.encode(f.paymentSecret),
                Optional.ofNullable(f.description),
                Optional.ofNullable(f.descriptionHash).map(Hex::encode),
                f.expiry,
                f.minFinalCltv,
                payee,
                f.payee != null,
                f.features,
                fields,
                Hex.encode(Arrays.copyOfRange(sig, 0, 64)),
                recoveryId);
    }

    /**
     * Signs an invoice made of the given tagged fields, written in the given order, and returns it decoded.
     * Most callers want {@link Bolt11Invoice#builder(LightningNetwork)}.
     *
     * @param amountMsat the amount in millisatoshis (positive), or empty for an amountless invoice
     * @param timestamp creation time, truncated to whole seconds; must fit in 35 bits
     * @param nodePrivateKey the 32-byte node key
     * @throws InvalidInvoiceException if a value is out of range or the result breaks a decoding rule
     * @throws InvoiceSignatureException if the key is invalid
     */
    public static Bolt11Invoice sign(LightningNetwork network, OptionalLong amountMsat, Instant timestamp,
            List<TaggedField> fields, byte[] nodePrivateKey) {
        if (network == null || amountMsat == null || timestamp == null || fields == null || nodePrivateKey == null) {
            throw Bolt11Error.INVALID_PARAMETER.exception("network, amount, timestamp, fields and key are required");
        }
        long ts = timestamp.getEpochSecond();
        if (ts < 0 || ts > MAX_TIMESTAMP) {
            throw Bolt11Error.INVALID_PARAMETER.exception("timestamp must fit in 35 bits");
        }
        String hrp = network.hrpPrefix() + (amountMsat.isPresent() ? encodeAmount(amountMsat.getAsLong()) : "");
        int total = TIMESTAMP_GROUPS;
        for (TaggedField f : fields) {
            total += 3 + f.length();
        }
        byte[] data = new byte[total];
        writeInteger(data, 0, TIMESTAMP_GROUPS, ts);
        int pos = TIMESTAMP_GROUPS;
        for (TaggedField f : fields) {
            data[pos] = (byte) f.type();
            data[pos + 1] = (byte) (f.length() >>> 5);
            data[pos + 2] = (byte) (f.length() & 31);
            byte[] w = f.words();
            System.arraycopy(w, 0, data, pos + 3, w.length);
            pos += 3 + w.length;
        }
        RecoverableEcdsa.Signature sig;
        try {
            sig = RecoverableEcdsa.sign(signingHash(hrp, data), nodePrivateKey);
        } catch (CryptoException e) {
            throw Bolt11Error.INVALID_KEY.exception(e.getMessage(), e);
        }
        byte[] sig65 = Arrays.copyOf(sig.compact(), 65);
        sig65[64] = (byte) sig.recoveryId();
        byte[] sigWords = Bech32.toWords(sig65);
        byte[] all = Arrays.copyOf(data, data.length + sigWords.length);
        System.arraycopy(sigWords, 0, all, data.length, sigWords.length);
        String encoded = Bech32.encode(hrp, all);
        if (encoded.length() > MAX_LENGTH) {
            throw Bolt11Error.INVALID_PARAMETER.exception("invoice would exceed " + MAX_LENGTH + " characters");
        }
        try {
            return decode(encoded);
        } catch (RuntimeException e) {
            if (e instanceof InvoiceFailure failure && failure.reason().kind() != Bolt11Error.INVALID_PARAMETER.kind()) {
                throw Bolt11Error.INVALID_PARAMETER.exception("fields do not form a valid invoice: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Amount

    private static OptionalLong parseAmount(String s) {
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        char last = s.charAt(s.length() - 1);
        String digits = s;
        long msatPerUnit; // msat per unit of the number, or -1 for pico (divide by 10)
        switch (last) {
            case 'm' -> msatPerUnit = 100_000_000L;
            case 'u' -> msatPerUnit = 100_000L;
            case 'n' -> msatPerUnit = 100L;
            case 'p' -> msatPerUnit = -1;
            default -> {
                if (last < '0' || last > '9') {
                    throw Bolt11Error.INVALID_MULTIPLIER.exception("'" + abbreviate(s) + "' has an unknown multiplier");
                }
                msatPerUnit = 100_000_000_000L;
            }
        }
        if (msatPerUnit != 100_000_000_000L) {
            digits = s.substring(0, s.length() - 1);
        }
        if (digits.isEmpty()) {
            throw Bolt11Error.INVALID_AMOUNT.exception("multiplier without digits");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw Bolt11Error.INVALID_MULTIPLIER.exception("'" + abbreviate(s) + "' is not digits plus a multiplier");
            }
        }
        if (digits.charAt(0) == '0') {
            throw Bolt11Error.INVALID_AMOUNT.exception("amount has a leading zero or is zero");
        }
        if (msatPerUnit < 0) {
            // pico-BTC: one unit is 0.1 msat, so the last digit must be 0 and the rest is millisatoshis
            if (digits.charAt(digits.length() - 1) != '0') {
                throw Bolt11Error.SUB_MILLISATOSHI_AMOUNT.exception(digits + "p is not a whole number of millisatoshis");
            }
            return OptionalLong.of(parseDigits(digits.substring(0, digits.length() - 1)));
        }
        try {
            return OptionalLong.of(Math.multiplyExact(parseDigits(digits), msatPerUnit));
        } catch (ArithmeticException e) {
            throw Bolt11Error.INVALID_AMOUNT.exception("amount overflows");
        }
    }

    private static long parseDigits(String digits) {
        if (digits.length() > 19) {
            throw Bolt11Error.INVALID_AMOUNT.exception("amount overflows");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw Bolt11Error.INVALID_AMOUNT.exception("amount overflows");
        }
    }

    /** Shortest HRP amount for {@code msat}: no multiplier (BTC), then m, u, n, p. */
    static String encodeAmount(long msat) {
        if (msat <= 0) {
            throw Bolt11Error.INVALID_PARAMETER.exception("amount must be positive");
        }
        if (msat % 100_000_000_000L == 0) {
            return Long.toString(msat / 100_000_000_000L);
        }
        if (msat % 100_000_000L == 0) {
            return (msat / 100_000_000L) + "m";
        }
        if (msat % 100_000L == 0) {
            return (msat / 100_000L) + "u";
        }
        if (msat % 100L == 0) {
            return (msat / 100L) + "n";
        }
        return msat + "0p";
    }

    // ---------------------------------------------------------------------------------------------------
    // Fields

    private static final class Interpreted {
        byte[] paymentHash;
        byte[] paymentSecret;
        String description;
        byte[] descriptionHash;
        int descriptionCount;
        byte[] payee;
        long expiry = Bolt11Invoice.DEFAULT_EXPIRY_SECONDS;
        long minFinalCltv = Bolt11Invoice.DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA;
        boolean expirySeen;
        boolean cltvSeen;
        boolean featuresSeen;
        SortedSet<Integer> features = new TreeSet<>();
    }

    private static Interpreted interpret(List<TaggedField> fields) {
        Interpreted f = new Interpreted();
        for (TaggedField field : fields) {
            int len = field.length();
            switch (field.type()) {
                case TaggedField.PAYMENT_HASH -> {
                    if (len == 52) {
                        if (f.paymentHash != null) {
                            throw Bolt11Error.DUPLICATE_FIELD.exception("more than one p field");
                        }
                        f.paymentHash = strictBytes(field, 32);
                    }
                }
                case TaggedField.PAYMENT_SECRET -> {
                    if (len == 52) {
                        if (f.paymentSecret != null) {
                            throw Bolt11Error.DUPLICATE_FIELD.exception("more than one s field");
                        }
                        f.paymentSecret = strictBytes(field, 32);
                    }
                }
                case TaggedField.DESCRIPTION_HASH -> {
                    if (len == 52) {
                        f.descriptionCount++;
                        f.descriptionHash = strictBytes(field, 32);
                    }
                }
                case TaggedField.PAYEE -> {
                    if (len == 53 && f.payee == null) {
                        f.payee = strictBytes(field, 33);
                    }
                }
                case TaggedField.DESCRIPTION -> {
                    f.descriptionCount++;
                    byte[] raw = strictBytes(field, -1);
                    try {
                        f.description = StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(raw))
                                .toString();
                    } catch (CharacterCodingException e) {
                        throw Bolt11Error.INVALID_DESCRIPTION.exception("d field is not valid UTF-8");
                    }
                }
                case TaggedField.EXPIRY -> {
                    if (!f.expirySeen) {
                        f.expirySeen = true;
                        f.expiry = fieldInteger(field);
                    }
                }
                case TaggedField.MIN_FINAL_CLTV -> {
                    if (!f.cltvSeen) {
                        f.cltvSeen = true;
                        f.minFinalCltv = fieldInteger(field);
                    }
                }
                case TaggedField.FEATURES -> {
                    if (!f.featuresSeen) {
                        f.featuresSeen = true;
                        byte[] w = field.words();
                        for (int i = 0; i < w.length; i++) {
                            for (int b = 0; b < 5; b++) {
                                if (((w[i] >>> b) & 1) != 0) {
                                    f.features.add(5 * (w.length - 1 - i) + b);
                                }
                            }
                        }
                    }
                }
                default -> {
                    // f, r, m and unknown types: kept raw in taggedFields
                }
            }
        }
        return f;
    }

    /** Field data as bytes; the padding bits must be zero ({@code expected} bytes, or any count if -1). */
    private static byte[] strictBytes(TaggedField field, int expected) {
        byte[] out;
        try {
            out = Bech32.fromWords(field.words());
        } catch (MalformedInputException e) {
            throw Bolt11Error.INVALID_FIELD.exception("field '" + field.tag() + "': " + e.getMessage(), e);
        }
        if (expected >= 0 && out.length != expected) {
            throw Bolt11Error.INVALID_FIELD.exception("field '" + field.tag() + "' is not " + expected + " bytes");
        }
        return out;
    }

    private static long fieldInteger(TaggedField field) {
        byte[] w = field.words();
        return readIntegerChecked(w, 0, w.length, field.tag());
    }

    private static long readInteger(byte[] words, int from, int count) {
        return readIntegerChecked(words, from, count, '?');
    }

    private static long readIntegerChecked(byte[] words, int from, int count, char tag) {
        long v = 0;
        for (int i = from; i < from + count; i++) {
            if (v > (Long.MAX_VALUE >>> 5)) {
                throw Bolt11Error.INVALID_FIELD.exception("field '" + tag + "' integer overflows");
            }
            v = (v << 5) | words[i];
        }
        return v;
    }

    private static void writeInteger(byte[] out, int from, int count, long value) {
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (byte) (value & 31);
            value >>>= 5;
        }
    }

    /** A field holding a big-endian integer in the fewest groups (zero is one group of 0). */
    static TaggedField integerField(int type, long value) {
        if (value < 0) {
            throw Bolt11Error.INVALID_PARAMETER.exception("field '" + TaggedField.CHARSET.charAt(type) + "' must not be negative");
        }
        int groups = 1;
        while (groups < 13 && (value >>> (5 * groups)) != 0) {
            groups++;
        }
        byte[] w = new byte[groups];
        writeInteger(w, 0, groups, value);
        return TaggedField.ofWords(type, w);
    }

    /** The {@code 9} field for a set of bits, in the fewest groups. */
    static TaggedField featureField(SortedSet<Integer> bits) {
        int groups = bits.last() / 5 + 1;
        byte[] w = new byte[groups];
        for (int bit : bits) {
            w[groups - 1 - bit / 5] |= (byte) (1 << (bit % 5));
        }
        return TaggedField.ofWords(TaggedField.FEATURES, w);
    }

    static byte[] publicKeyOf(byte[] privateKey) {
        try {
            return RecoverableEcdsa.publicKeyOf(privateKey);
        } catch (CryptoException e) {
            throw Bolt11Error.INVALID_KEY.exception(e.getMessage(), e);
        }
    }

    /** SHA-256 of the HRP's bytes followed by the data groups (without signature) packed into bytes, zero-padded. */
    private static byte[] signingHash(String hrp, byte[] dataWords) {
        byte[] h = hrp.getBytes(StandardCharsets.UTF_8);
        byte[] d = Bech32.convertBits(dataWords, 5, 8, true);
        byte[] all = Arrays.copyOf(h, h.length + d.length);
        System.arraycopy(d, 0, all, h.length, d.length);
        return Secp256k1.sha256(all);
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}
