package network.mostro.benchmarks;

/** Hex decoding for benchmark set-up (outside measured code). Stateless and thread-safe. */
final class Hexes {
    private Hexes() {}

    static byte[] decode(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
