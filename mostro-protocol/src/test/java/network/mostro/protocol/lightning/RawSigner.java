package network.mostro.protocol.lightning;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import network.mostro.nostr.internal.Bech32;
import network.mostro.nostr.internal.Secp256k1;
import network.mostro.protocol.internal.RecoverableEcdsa;

/**
 * Test helper: signs any HRP and field list without the decoder's checks, to produce correctly signed
 * invoices that break a BOLT #11 rule.
 */
final class RawSigner {
    private RawSigner() {}

    static String sign(String hrp, long timestamp, List<TaggedField> fields, byte[] key) {
        int total = 7;
        for (TaggedField f : fields) {
            total += 3 + f.length();
        }
        byte[] data = new byte[total];
        long t = timestamp;
        for (int i = 6; i >= 0; i--) {
            data[i] = (byte) (t & 31);
            t >>>= 5;
        }
        int pos = 7;
        for (TaggedField f : fields) {
            data[pos] = (byte) f.type();
            data[pos + 1] = (byte) (f.length() >>> 5);
            data[pos + 2] = (byte) (f.length() & 31);
            System.arraycopy(f.words(), 0, data, pos + 3, f.length());
            pos += 3 + f.length();
        }
        byte[] h = hrp.getBytes(StandardCharsets.UTF_8);
        byte[] d = Bech32.convertBits(data, 5, 8, true);
        byte[] msg = Arrays.copyOf(h, h.length + d.length);
        System.arraycopy(d, 0, msg, h.length, d.length);
        RecoverableEcdsa.Signature sig = RecoverableEcdsa.sign(Secp256k1.sha256(msg), key);
        byte[] sig65 = Arrays.copyOf(sig.compact(), 65);
        sig65[64] = (byte) sig.recoveryId();
        byte[] sw = Bech32.toWords(sig65);
        byte[] all = Arrays.copyOf(data, data.length + sw.length);
        System.arraycopy(sw, 0, all, data.length, sw.length);
        return Bech32.encode(hrp, all);
    }
}
