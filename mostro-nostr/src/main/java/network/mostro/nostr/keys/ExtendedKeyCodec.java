package network.mostro.nostr.keys;

import java.nio.ByteBuffer;
import java.util.Arrays;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.internal.Base58;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** The 78-byte BIP-32 serialization, HMAC-SHA512 and HASH160 shared by {@link HdKey} and {@link HdPublicKey}. */
final class ExtendedKeyCodec {
    static final int XPRV = 0x0488ADE4;
    static final int XPUB = 0x0488B21E;
    private static final int LENGTH = 78;
    /** Base58Check of 82 bytes is at most 112 characters. */
    private static final int MAX_CHARS = 120;

    private ExtendedKeyCodec() {}

    /** The fields of a serialized extended key. {@code key} is 33 bytes (0x00‖k or a compressed point). */
    record Fields(int version, int depth, int parentFingerprint, int childNumber, byte[] chainCode, byte[] key) {}

    static String serialize(Fields f) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(f.version()).put((byte) f.depth()).putInt(f.parentFingerprint()).putInt(f.childNumber())
                .put(f.chainCode()).put(f.key());
        byte[] raw = b.array();
        try {
            return Base58.encodeChecked(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Parses and checks the structure; key validity is left to the caller.
     *
     * @throws MalformedInputException on Base58 or checksum errors or a length other than 78 bytes
     * @throws InvalidInputException on a wrong version, or a depth-0 key with a parent fingerprint or index
     */
    static Fields parse(String s, int expectedVersion, String what) {
        byte[] raw = Base58.decodeChecked(s, MAX_CHARS);
        try {
            if (raw.length != LENGTH) {
                throw new MalformedInputException(what + ": expected 78 bytes, got " + raw.length);
            }
            ByteBuffer b = ByteBuffer.wrap(raw);
            int version = b.getInt();
            if (version != expectedVersion) {
                throw new InvalidInputException(what + ": unexpected version bytes (only Bitcoin mainnet "
                        + (expectedVersion == XPRV ? "xprv" : "xpub") + " is accepted)");
            }
            int depth = b.get() & 0xff;
            int parentFingerprint = b.getInt();
            int childNumber = b.getInt();
            if (depth == 0 && parentFingerprint != 0) {
                throw new InvalidInputException(what + ": a master key (depth 0) must have parent fingerprint 0");
            }
            if (depth == 0 && childNumber != 0) {
                throw new InvalidInputException(what + ": a master key (depth 0) must have child index 0");
            }
            byte[] chainCode = new byte[32];
            b.get(chainCode);
            byte[] key = new byte[33];
            b.get(key);
            return new Fields(version, depth, parentFingerprint, childNumber, chainCode, key);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static byte[] hmacSha512(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new SHA512Digest());
        mac.init(new KeyParameter(key));
        for (byte[] p : parts) {
            mac.update(p, 0, p.length);
        }
        byte[] out = new byte[64];
        mac.doFinal(out, 0);
        return out;
    }

    static byte[] hash160(byte[] data) {
        byte[] sha = network.mostro.nostr.internal.Secp256k1.sha256(data);
        RIPEMD160Digest r = new RIPEMD160Digest();
        r.update(sha, 0, sha.length);
        byte[] out = new byte[20];
        r.doFinal(out, 0);
        return out;
    }

    static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static int fingerprintOf(byte[] identifier) {
        return ((identifier[0] & 0xff) << 24) | ((identifier[1] & 0xff) << 16) | ((identifier[2] & 0xff) << 8)
                | (identifier[3] & 0xff);
    }
}
