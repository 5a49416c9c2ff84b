package network.mostro.nostr.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) on the JDK's SHA-256, whose compression function HotSpot intrinsifies (SHA-NI / AVX2), which
 * makes it several times faster than a pure-Java digest on short messages. One instance computes any number of MACs
 * under one key without allocating: {@link #doFinal} re-arms the inner state for the next message.
 *
 * <p>Not thread-safe: use one instance per operation (instances are cheap: one cloned digest and two pads).
 */
public final class HmacSha256 {
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageDigest md;
    private final byte[] ipad = new byte[64];
    private final byte[] opad = new byte[64];
    private final byte[] inner = new byte[32];

    public HmacSha256() {
        MessageDigest m;
        try {
            m = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                m = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        md = m;
    }

    /** Keys the MAC with {@code len ≤ 64} bytes of {@code key} starting at {@code off}. */
    public HmacSha256 init(byte[] key, int off, int len) {
        if (len > 64) {
            throw new IllegalArgumentException("HMAC keys longer than 64 bytes are not supported here");
        }
        Arrays.fill(ipad, (byte) 0x36);
        Arrays.fill(opad, (byte) 0x5c);
        for (int i = 0; i < len; i++) {
            ipad[i] ^= key[off + i];
            opad[i] ^= key[off + i];
        }
        md.reset();
        md.update(ipad);
        return this;
    }

    public HmacSha256 init(byte[] key) {
        return init(key, 0, key.length);
    }

    public void update(byte[] data, int off, int len) {
        md.update(data, off, len);
    }

    public void update(byte b) {
        md.update(b);
    }

    /** Writes the 32-byte MAC at {@code out[off]} and re-arms for another message under the same key. */
    public void doFinal(byte[] out, int off) {
        try {
            md.digest(inner, 0, 32);
            md.update(opad);
            md.update(inner);
            md.digest(out, off, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        md.update(ipad);
    }

    /** Zeroes the key material held by this instance. */
    public void destroy() {
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        Arrays.fill(inner, (byte) 0);
        md.reset();
    }
}
