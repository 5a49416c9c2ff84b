package network.mostro.nostr.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import network.mostro.nostr.Tag;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The NIP-13 search loop. The id pre-image of the mined event is
 * {@code prefix(createdAt) || decimal(nonce) || suffix}, where the nonce tag is the last tag; the prefix is
 * absorbed into a SHA-256 midstate once (per {@code createdAt}), so an attempt hashes only the nonce digits and
 * the suffix (the nonce tag's end, and the content). No objects are allocated per attempt.
 *
 * <p>Immutable and thread-safe; {@link #search} may run on many threads at once.
 */
public final class PowSearch {
    private static final byte[] HEAD = "[0,\"".getBytes(StandardCharsets.US_ASCII);

    private final byte[] pubkeyAndComma;
    private final byte[] afterCreatedAt;
    private final byte[] suffix;
    private final int target;

    /** A found nonce and the {@code created_at} it was found for. */
    public record Found(long createdAt, long nonce) {}

    /**
     * @param tagsWithoutNonce the template's tags with every {@code nonce} tag removed
     * @param target leading zero bits wanted, 0–256
     */
    public PowSearch(String pubkeyHex, int kind, List<Tag> tagsWithoutNonce, String content, int target) {
        this.target = target;
        this.pubkeyAndComma = (pubkeyHex + "\",").getBytes(StandardCharsets.US_ASCII);
        StringBuilder mid = new StringBuilder(64 + tagsWithoutNonce.size() * 80);
        mid.append(',').append(kind).append(",[");
        for (Tag t : tagsWithoutNonce) {
            mid.append('[');
            List<String> v = t.values();
            for (int j = 0; j < v.size(); j++) {
                if (j > 0) mid.append(',');
                Json.quote(mid, v.get(j));
            }
            mid.append("],");
        }
        mid.append("[\"nonce\",\"");
        this.afterCreatedAt = mid.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder end = new StringBuilder(content.length() + 32);
        end.append("\",\"").append(target).append("\"]],");
        Json.quote(end, content);
        end.append(']');
        this.suffix = end.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 state after absorbing everything before the nonce digits for {@code createdAt}. */
    SHA256Digest midstate(long createdAt) {
        SHA256Digest d = new SHA256Digest();
        d.update(HEAD, 0, HEAD.length);
        d.update(pubkeyAndComma, 0, pubkeyAndComma.length);
        byte[] ts = Long.toString(createdAt).getBytes(StandardCharsets.US_ASCII);
        d.update(ts, 0, ts.length);
        d.update(afterCreatedAt, 0, afterCreatedAt.length);
        return d;
    }

    /**
     * Tries nonces {@code first, first + step, first + 2·step, …} until an id has at least the target number
     * of leading zero bits, or {@code stop} becomes true (checked before every attempt).
     *
     * @param clockSeconds when non-null, {@code created_at} follows this clock (re-read every few thousand
     *     attempts); when null, {@code fixedCreatedAt} is used throughout
     * @return the winning nonce, or null when stopped
     */
    public Found search(long first, long step, long fixedCreatedAt, LongSupplier clockSeconds, AtomicBoolean stop) {
        long createdAt = clockSeconds != null ? clockSeconds.getAsLong() : fixedCreatedAt;
        SHA256Digest mid = midstate(createdAt);
        SHA256Digest work = new SHA256Digest(mid);
        byte[] digits = new byte[20];
        byte[] out = new byte[32];
        int sinceClock = 0;
        for (long n = first; n >= 0; n += step) {
            if (stop.get()) {
                return null;
            }
            if (clockSeconds != null && ++sinceClock == 4096) {
                sinceClock = 0;
                long now = clockSeconds.getAsLong();
                if (now != createdAt) {
                    createdAt = now;
                    mid = midstate(createdAt);
                }
            }
            int off = writeDecimal(n, digits);
            work.reset(mid);
            work.update(digits, off, digits.length - off);
            work.update(suffix, 0, suffix.length);
            work.doFinal(out, 0);
            if (leadingZeroBits(out) >= target) {
                return new Found(createdAt, n);
            }
        }
        return null; // 2^63 attempts: unreachable in practice
    }

    /** Writes {@code n ≥ 0} right-aligned in {@code buf} (20 bytes); returns the index of the first digit. */
    static int writeDecimal(long n, byte[] buf) {
        int i = buf.length;
        do {
            buf[--i] = (byte) ('0' + (int) (n % 10));
            n /= 10;
        } while (n != 0);
        return i;
    }

    /** Leading zero bits of a big-endian byte string. */
    public static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b == 0) {
                bits += 8;
            } else {
                return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
        }
        return bits;
    }
}
