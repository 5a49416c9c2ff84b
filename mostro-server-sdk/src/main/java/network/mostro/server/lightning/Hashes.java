package network.mostro.server.lightning;

import network.mostro.nostr.InvalidInputException;

/** Validation of hex payment hashes and preimages. Stateless and thread-safe. */
final class Hashes {
    private Hashes() {}

    static String requireHash(String hex, String what) {
        if (hex == null || hex.length() != 64) {
            throw new InvalidInputException(what + " must be 64 hex characters");
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new InvalidInputException(what + " must be lowercase hex");
            }
        }
        return hex;
    }
}
