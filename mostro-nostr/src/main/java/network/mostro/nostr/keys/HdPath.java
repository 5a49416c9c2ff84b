package network.mostro.nostr.keys;

import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;

/**
 * Parses BIP-32 derivation paths such as {@code m/44'/1237'/38383'/0/5}. Stateless and thread-safe.
 *
 * <p>Grammar: an optional leading {@code m} (alone, or followed by {@code /}), then segments separated by
 * {@code /}; each segment is 1–10 decimal digits with a value below 2<sup>31</sup>, optionally followed by
 * {@code '}, {@code h} or {@code H} for a hardened child. No spaces, signs or empty segments.
 */
final class HdPath {
    /** The longest path string accepted. */
    static final int MAX_LENGTH = 255 * 12;
    static final int HARDENED = 0x80000000;

    private HdPath() {}

    /** A parsed path: whether it starts at the master ({@code m}) and the raw child numbers. */
    record Parsed(boolean fromMaster, int[] childNumbers) {}

    static Parsed parse(String path) {
        if (path == null) {
            throw new MalformedInputException("derivation path: null");
        }
        if (path.length() > MAX_LENGTH) {
            throw new InvalidInputException("derivation path longer than " + MAX_LENGTH + " characters");
        }
        boolean fromMaster = false;
        String rest = path;
        if (path.equals("m")) {
            return new Parsed(true, new int[0]);
        }
        if (path.startsWith("m/")) {
            fromMaster = true;
            rest = path.substring(2);
        }
        if (rest.isEmpty()) {
            throw new InvalidInputException("derivation path: empty");
        }
        String[] segs = rest.split("/", -1);
        if (segs.length > 255) {
            throw new InvalidInputException("derivation path deeper than 255 levels");
        }
        int[] out = new int[segs.length];
        for (int i = 0; i < segs.length; i++) {
            out[i] = segment(segs[i], i + 1);
        }
        return new Parsed(fromMaster, out);
    }

    private static int segment(String s, int position) {
        int end = s.length();
        boolean hardened = false;
        if (end > 0) {
            char last = s.charAt(end - 1);
            if (last == '\'' || last == 'h' || last == 'H') {
                hardened = true;
                end--;
            }
        }
        if (end == 0 || end > 10) {
            throw new InvalidInputException("derivation path: segment " + position + " is not an index");
        }
        long v = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidInputException("derivation path: segment " + position + " is not an index");
            }
            v = v * 10 + (c - '0');
        }
        if (v >= (1L << 31)) {
            throw new InvalidInputException("derivation path: segment " + position + " is not below 2^31");
        }
        return hardened ? ((int) v | HARDENED) : (int) v;
    }
}
