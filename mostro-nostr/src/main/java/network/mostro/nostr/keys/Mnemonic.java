package network.mostro.nostr.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.internal.Secp256k1;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A BIP-39 mnemonic sentence over the English wordlist, with its entropy and checksum verified.
 *
 * <pre>{@code
 * Mnemonic m = Mnemonic.generate(12);            // new wallet (Mostro clients use 12 words)
 * Mnemonic restored = Mnemonic.parse(userInput); // typed errors for typos and bad checksums
 * byte[] seed = restored.toSeed("");             // PBKDF2-HMAC-SHA512, 2048 rounds
 * }</pre>
 *
 * <p>Input is normalized to NFKD (mnemonic and passphrase) and words may be separated by any whitespace;
 * matching is exact (the wordlist is lowercase). The sentence is a secret: it never appears in
 * {@link #toString()} or in exception messages, and leaves the object only through the explicitly named
 * {@link #phrase()}, {@link #words()}, {@link #entropy()} and {@link #toSeed(String)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki">BIP-39</a>
 */
public final class Mnemonic {
    /** The longest input {@link #parse} reads, in characters (24 words need at most 215). */
    public static final int MAX_INPUT_LENGTH = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PBKDF2_ROUNDS = 2048;

    private final byte[] entropy;
    private final List<String> words;

    private Mnemonic(byte[] entropy, List<String> words) {
        this.entropy = entropy;
        this.words = words;
    }

    /** A fresh 12-word mnemonic (128 bits of entropy) from a {@link SecureRandom}. */
    public static Mnemonic generate() {
        return generate(12, RANDOM);
    }

    /**
     * A fresh mnemonic of {@code wordCount} words from a {@link SecureRandom}.
     *
     * @throws InvalidInputException unless {@code wordCount} is 12, 15, 18, 21 or 24
     */
    public static Mnemonic generate(int wordCount) {
        return generate(wordCount, RANDOM);
    }

    /**
     * A fresh mnemonic of {@code wordCount} words with entropy from {@code random}. Outside tests pass a
     * {@link SecureRandom}.
     *
     * @throws InvalidInputException unless {@code wordCount} is 12, 15, 18, 21 or 24, or if random is null
     */
    public static Mnemonic generate(int wordCount, Random random) {
        checkWordCount(wordCount);
        if (random == null) {
            throw new InvalidInputException("random is required");
        }
        byte[] entropy = new byte[wordCount * 4 / 3];
        random.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /**
     * The mnemonic encoding {@code entropy} (copied).
     *
     * @throws InvalidInputException unless the entropy is 16, 20, 24, 28 or 32 bytes
     */
    public static Mnemonic fromEntropy(byte[] entropy) {
        if (entropy == null || entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
            throw new InvalidInputException("BIP-39 entropy must be 16, 20, 24, 28 or 32 bytes");
        }
        byte[] ent = entropy.clone();
        int entBits = ent.length * 8;
        int csBits = entBits / 32;
        int wordCount = (entBits + csBits) / 11;
        byte[] hash = Secp256k1.sha256(ent);
        List<String> words = new ArrayList<>(wordCount);
        for (int w = 0; w < wordCount; w++) {
            int index = 0;
            for (int b = 0; b < 11; b++) {
                int bit = w * 11 + b;
                index = (index << 1) | bitAt(bit < entBits ? ent : hash, bit < entBits ? bit : bit - entBits);
            }
            words.add(Bip39Wordlist.word(index));
        }
        return new Mnemonic(ent, List.copyOf(words));
    }

    /**
     * Parses and validates a mnemonic sentence.
     *
     * @throws MalformedInputException if {@code phrase} is null
     * @throws InvalidInputException if it is longer than {@link #MAX_INPUT_LENGTH}, has a word count other
     *     than 12, 15, 18, 21 or 24, contains a word not in the English wordlist (the message names its
     *     1-based position, never the word), or fails the checksum
     */
    public static Mnemonic parse(String phrase) {
        if (phrase == null) {
            throw new MalformedInputException("mnemonic: null");
        }
        if (phrase.length() > MAX_INPUT_LENGTH) {
            throw new InvalidInputException("mnemonic longer than " + MAX_INPUT_LENGTH + " characters");
        }
        String normalized = Normalizer.normalize(phrase, Normalizer.Form.NFKD).strip();
        String[] parts = normalized.isEmpty() ? new String[0] : normalized.split("[\\s\\p{Z}]+");
        if (parts.length % 3 != 0 || parts.length < 12 || parts.length > 24) {
            throw new InvalidInputException("mnemonic must have 12, 15, 18, 21 or 24 words, got " + parts.length);
        }
        int[] indexes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            indexes[i] = Bip39Wordlist.indexOf(parts[i]);
            if (indexes[i] < 0) {
                throw new InvalidInputException("mnemonic word " + (i + 1) + " is not in the BIP-39 English wordlist");
            }
        }
        int totalBits = parts.length * 11;
        int csBits = totalBits / 33;
        int entBits = totalBits - csBits;
        byte[] ent = new byte[entBits / 8];
        int checksum = 0;
        for (int bit = 0; bit < totalBits; bit++) {
            int v = (indexes[bit / 11] >>> (10 - bit % 11)) & 1;
            if (bit < entBits) {
                ent[bit / 8] |= (byte) (v << (7 - bit % 8));
            } else {
                checksum = (checksum << 1) | v;
            }
        }
        byte[] hash = Secp256k1.sha256(ent);
        int expected = (hash[0] & 0xff) >>> (8 - csBits);
        if (expected != checksum) {
            Arrays.fill(ent, (byte) 0);
            throw new InvalidInputException("mnemonic checksum mismatch");
        }
        List<String> words = new ArrayList<>(parts.length);
        for (int index : indexes) {
            words.add(Bip39Wordlist.word(index));
        }
        return new Mnemonic(ent, List.copyOf(words));
    }

    /** Whether {@code phrase} is a valid English BIP-39 mnemonic (word count, words and checksum). */
    public static boolean isValid(String phrase) {
        try {
            parse(phrase);
            return true;
        } catch (InvalidInputException | MalformedInputException e) {
            return false;
        }
    }

    /** The number of words (12, 15, 18, 21 or 24). */
    public int wordCount() {
        return words.size();
    }

    /** The words, in order (an unmodifiable list). Secret. */
    public List<String> words() {
        return words;
    }

    /** The sentence with single spaces between words. Secret. */
    public String phrase() {
        return String.join(" ", words);
    }

    /** The entropy (16–32 bytes, a copy). Secret. */
    public byte[] entropy() {
        return entropy.clone();
    }

    /** The 64-byte BIP-39 seed with the empty passphrase (what Mostro clients use). */
    public byte[] toSeed() {
        return toSeed("");
    }

    /**
     * The 64-byte BIP-39 seed: PBKDF2-HMAC-SHA512 of the NFKD sentence, salt {@code "mnemonic"} + the NFKD
     * passphrase, 2048 iterations.
     *
     * @throws InvalidInputException if {@code passphrase} is null (use {@code ""})
     */
    public byte[] toSeed(String passphrase) {
        if (passphrase == null) {
            throw new InvalidInputException("passphrase is required (use \"\" for none)");
        }
        byte[] password = Normalizer.normalize(phrase(), Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
        byte[] salt = ("mnemonic" + Normalizer.normalize(passphrase, Normalizer.Form.NFKD))
                .getBytes(StandardCharsets.UTF_8);
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA512Digest());
        gen.init(password, salt, PBKDF2_ROUNDS);
        byte[] seed = ((KeyParameter) gen.generateDerivedParameters(512)).getKey();
        Arrays.fill(password, (byte) 0);
        return seed;
    }

    /** Constant-time comparison of the entropy. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Mnemonic other && Secp256k1.constantTimeEquals(entropy, other.entropy);
    }

    /** Depends only on the word count, so it reveals nothing about the secret. */
    @Override
    public int hashCode() {
        return words.size();
    }

    /** Never reveals the words: {@code Mnemonic[12 words]}. */
    @Override
    public String toString() {
        return "Mnemonic[" + words.size() + " words]";
    }

    private static void checkWordCount(int wordCount) {
        if (wordCount < 12 || wordCount > 24 || wordCount % 3 != 0) {
            throw new InvalidInputException("mnemonic word count must be 12, 15, 18, 21 or 24");
        }
    }

    private static int bitAt(byte[] b, int bit) {
        return (b[bit / 8] >>> (7 - bit % 8)) & 1;
    }
}
