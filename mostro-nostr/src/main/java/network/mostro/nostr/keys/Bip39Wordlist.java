package network.mostro.nostr.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BIP-39 English wordlist, loaded once from the classpath and checked against its published SHA-256
 * (bitcoin/bips {@code bip-0039/english.txt}). Immutable and thread-safe.
 */
final class Bip39Wordlist {
    static final String RESOURCE = "bip39-english-wordlist.txt";
    static final String SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";

    private static final List<String> WORDS;
    private static final Map<String, Integer> INDEX;

    static {
        byte[] raw;
        try (InputStream in = Bip39Wordlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("BIP-39 wordlist resource missing: " + RESOURCE);
            }
            raw = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the BIP-39 wordlist", e);
        }
        String digest;
        try {
            digest = network.mostro.nostr.internal.Hex.encode(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!digest.equals(SHA256)) {
            throw new IllegalStateException("BIP-39 wordlist checksum mismatch: " + digest);
        }
        List<String> words = List.of(new String(raw, StandardCharsets.UTF_8).split("\n"));
        if (words.size() != 2048) {
            throw new IllegalStateException("BIP-39 wordlist must have 2048 words");
        }
        Map<String, Integer> index = new HashMap<>(4096);
        for (int i = 0; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
        WORDS = words;
        INDEX = Map.copyOf(index);
    }

    private Bip39Wordlist() {}

    /** The word with 11-bit index {@code i} (0–2047). */
    static String word(int i) {
        return WORDS.get(i);
    }

    /** The index of {@code word}, or -1 if it is not in the list. */
    static int indexOf(String word) {
        Integer i = INDEX.get(word);
        return i == null ? -1 : i;
    }

    /** All 2048 words in order. */
    static List<String> words() {
        return WORDS;
    }
}
