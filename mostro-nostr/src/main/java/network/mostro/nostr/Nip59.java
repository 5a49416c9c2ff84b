package network.mostro.nostr;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import network.mostro.nostr.internal.EventJson;

/**
 * NIP-59 gift wrap (<a href="https://github.com/nostr-protocol/nips/blob/master/59.md">NIP-59</a>): a rumor
 * (unsigned event) sealed in a kind-13 event signed by the sender, wrapped in a kind-1059 event signed by a
 * single-use key and addressed with a {@code p} tag.
 *
 * <p>Mostro's deprecated protocol v1 (SPEC §3.5) uses a variant in which the rumor is authored by the trade key but
 * the seal is signed by the identity key. {@link #wrap} therefore never requires the seal signer to be the rumor
 * author, and {@link #unwrap} reports both keys ({@link Unwrapped#authorMatchesSealSigner()}) and lets the caller
 * decide. Standard NIP-59 receivers use {@link #unwrapStrict}, which insists on equality.
 *
 * <pre>{@code
 * Event wrap = Nip59.wrap(rumor, identityKey, mostroPublicKey, List.of());
 * Nip59.Unwrapped u = Nip59.unwrap(wrap, mostroSecret);
 * u.rumor(); u.sealSigner();
 * }</pre>
 *
 * <p>Rumors: a rumor is an unsigned event. {@link #unwrap} rejects a rumor that carries a {@code sig} member
 * ({@link InvalidInputException}), because a signed inner event is not a rumor and would defeat NIP-59's
 * deniability; an {@code id} member is optional but, when present, must match the content.
 *
 * <p>Stateless and thread-safe.
 */
public final class Nip59 {
    /** Kind of the seal. */
    public static final int SEAL_KIND = 13;
    /** Kind of the gift wrap. */
    public static final int GIFT_WRAP_KIND = 1059;
    /** How far into the past seal and wrap timestamps are randomized (two days, per NIP-59). */
    public static final long MAX_TIMESTAMP_TWEAK_SECONDS = 2L * 24 * 60 * 60;

    private static final SecureRandom SECURE = new SecureRandom();

    private Nip59() {}

    /** As {@link #wrap(UnsignedEvent, PrivateKey, PublicKey, List, WrapOptions)} with no extra tags and defaults. */
    public static Event wrap(UnsignedEvent rumor, PrivateKey sealSigner, PublicKey receiver) {
        return wrap(rumor, sealSigner, receiver, List.of(), WrapOptions.defaults());
    }

    /** As {@link #wrap(UnsignedEvent, PrivateKey, PublicKey, List, WrapOptions)} with default options. */
    public static Event wrap(UnsignedEvent rumor, PrivateKey sealSigner, PublicKey receiver, List<Tag> extraWrapTags) {
        return wrap(rumor, sealSigner, receiver, extraWrapTags, WrapOptions.defaults());
    }

    /**
     * Seals {@code rumor} with {@code sealSigner} for {@code receiver} and gift-wraps the seal.
     *
     * <p>The wrap's tags are {@code ["p", receiver]} followed by {@code extraWrapTags} (for example an
     * {@code expiration}). Seal and wrap {@code created_at} are randomized up to two days into the past, the wrap
     * is signed by a fresh key, and all randomness comes from {@code options} (fixed values make the output
     * reproducible).
     *
     * @param rumor the inner event; its author may differ from {@code sealSigner} (Mostro v1)
     * @throws InvalidInputException if an argument is null, an option has the wrong length, or a payload is too
     *     large for NIP-44
     */
    public static Event wrap(UnsignedEvent rumor, PrivateKey sealSigner, PublicKey receiver, List<Tag> extraWrapTags,
            WrapOptions options) {
        if (rumor == null || sealSigner == null || receiver == null || extraWrapTags == null || options == null) {
            throw new InvalidInputException("wrap needs a rumor, a seal signer, a receiver, tags and options");
        }
        Event seal = seal(rumor, sealSigner, receiver, options);
        long now = options.clock.instant().getEpochSecond();
        PrivateKey ephemeral = options.ephemeralKey != null ? options.ephemeralKey : PrivateKey.generate(options.random);
        long createdAt = options.wrapCreatedAt >= 0 ? options.wrapCreatedAt : randomPast(now, options.random);
        byte[] nonce = options.wrapNonce != null ? options.wrapNonce : randomBytes(options.random);
        byte[] aux = options.wrapAuxRand != null ? options.wrapAuxRand : randomBytes(options.random);
        return giftWrapTemplate(seal, ephemeral, receiver, extraWrapTags, createdAt, nonce).sign(ephemeral, aux);
    }

    /**
     * Creates the kind-13 seal: the rumor JSON encrypted from {@code sealSigner} to {@code receiver}, empty tags,
     * signed by {@code sealSigner}.
     *
     * @throws InvalidInputException if an argument is null or the rumor is too large for NIP-44
     */
    public static Event seal(UnsignedEvent rumor, PrivateKey sealSigner, PublicKey receiver, WrapOptions options) {
        if (rumor == null || sealSigner == null || receiver == null || options == null) {
            throw new InvalidInputException("seal needs a rumor, a seal signer, a receiver and options");
        }
        long now = options.clock.instant().getEpochSecond();
        long createdAt = options.sealCreatedAt >= 0 ? options.sealCreatedAt : randomPast(now, options.random);
        byte[] nonce = options.sealNonce != null ? options.sealNonce : randomBytes(options.random);
        byte[] aux = options.sealAuxRand != null ? options.sealAuxRand : randomBytes(options.random);
        byte[] key = options.cache != null
                ? options.cache.conversationKey(sealSigner, receiver)
                : Nip44.conversationKey(sealSigner, receiver);
        String content;
        try {
            content = Nip44.encrypt(rumor.toJson(), key, nonce);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return new UnsignedEvent(sealSigner.publicKey(), createdAt, SEAL_KIND, List.of(), content).sign(sealSigner, aux);
    }

    /**
     * The unsigned kind-1059 event around {@code seal}, authored by {@code ephemeralKey}'s public key. Use this when
     * the wrap must be finished before signing (for example NIP-13 proof of work mined over it), then sign the result
     * with {@code ephemeralKey}.
     *
     * @param nonce the 32-byte NIP-44 nonce (use fresh random bytes outside tests)
     * @throws InvalidInputException if an argument is null or the nonce is not 32 bytes
     */
    public static UnsignedEvent giftWrapTemplate(Event seal, PrivateKey ephemeralKey, PublicKey receiver,
            List<Tag> extraWrapTags, long createdAt, byte[] nonce) {
        if (seal == null || ephemeralKey == null || receiver == null || extraWrapTags == null) {
            throw new InvalidInputException("gift wrap needs a seal, an ephemeral key, a receiver and tags");
        }
        byte[] key = Nip44.conversationKey(ephemeralKey, receiver);
        String content;
        try {
            content = Nip44.encrypt(seal.toJson(), key, nonce);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        List<Tag> tags = new ArrayList<>(extraWrapTags.size() + 1);
        tags.add(Tag.of("p", receiver.toHex()));
        tags.addAll(extraWrapTags);
        return new UnsignedEvent(ephemeralKey.publicKey(), createdAt, GIFT_WRAP_KIND, tags, content);
    }

    /** As {@link #unwrap(Event, PrivateKey, Nip44.ConversationKeyCache)} without a cache. */
    public static Unwrapped unwrap(Event giftWrap, PrivateKey receiver) {
        return unwrap(giftWrap, receiver, null);
    }

    /**
     * Opens a gift wrap: verifies the wrap (id and signature), decrypts the seal, verifies the seal (kind 13, empty
     * tags, id and signature), and decrypts the rumor. Does not require the seal signer to be the rumor author.
     *
     * @param cache optional cache for the (receiver, seal signer) conversation key; the wrap's single-use key is
     *     never cached
     * @throws InvalidInputException if the outer event is not kind 1059, the seal is not kind 13 or has tags, or
     *     the rumor is invalid or carries a {@code sig}
     * @throws CryptoException if a signature or id does not verify, or a NIP-44 MAC or padding check fails (for
     *     example: the wrap is not addressed to {@code receiver})
     * @throws MalformedInputException if a decrypted layer is not well-formed JSON or a payload is not base64
     * @throws UnsupportedInputException if a layer uses an unknown NIP-44 version
     */
    public static Unwrapped unwrap(Event giftWrap, PrivateKey receiver, Nip44.ConversationKeyCache cache) {
        if (giftWrap == null || receiver == null) {
            throw new InvalidInputException("unwrap needs a gift wrap and the receiver's key");
        }
        if (giftWrap.kind() != GIFT_WRAP_KIND) {
            throw new InvalidInputException("not a gift wrap: kind " + giftWrap.kind());
        }
        if (!giftWrap.verify()) {
            throw new CryptoException("gift wrap id or signature does not verify");
        }
        String sealJson = decryptWith(giftWrap.content(), receiver, giftWrap.pubkey(), null);
        Event seal = Event.fromJson(sealJson);
        if (seal.kind() != SEAL_KIND) {
            throw new InvalidInputException("not a seal: kind " + seal.kind());
        }
        if (!seal.tags().isEmpty()) {
            throw new InvalidInputException("seal tags must be empty");
        }
        if (!seal.verify()) {
            throw new CryptoException("seal id or signature does not verify");
        }
        String rumorJson = decryptWith(seal.content(), receiver, seal.pubkey(), cache);
        EventJson.Fields f = EventJson.parse(rumorJson, EventLimits.DEFAULT);
        if (f.sig != null) {
            throw new InvalidInputException("rumor must be unsigned (it has a sig member)");
        }
        UnsignedEvent rumor = UnsignedEvent.fromFields(f);
        if (f.id != null && !f.id.equals(rumor.id())) {
            throw new InvalidInputException("rumor id does not match its content");
        }
        return new Unwrapped(rumor, seal.pubkey(), seal, giftWrap);
    }

    /**
     * Standard NIP-59 unwrap: as {@link #unwrap(Event, PrivateKey)}, and the seal signer must be the rumor author.
     *
     * @throws CryptoException additionally when the seal signer is not the rumor author
     */
    public static Unwrapped unwrapStrict(Event giftWrap, PrivateKey receiver) {
        Unwrapped u = unwrap(giftWrap, receiver);
        if (!u.authorMatchesSealSigner()) {
            throw new CryptoException("seal signer does not match the rumor author");
        }
        return u;
    }

    private static String decryptWith(String payload, PrivateKey receiver, PublicKey sender,
            Nip44.ConversationKeyCache cache) {
        byte[] key = cache != null ? cache.conversationKey(receiver, sender) : Nip44.conversationKey(receiver, sender);
        try {
            return Nip44.decrypt(payload, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static long randomPast(long now, Random random) {
        return Math.max(0, now - random.nextInt((int) MAX_TIMESTAMP_TWEAK_SECONDS + 1));
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    /**
     * The three layers of an opened gift wrap. Immutable and thread-safe.
     *
     * @param rumor the inner unsigned event
     * @param sealSigner the key that signed the seal (the sender NIP-59 authenticates)
     * @param seal the verified kind-13 seal
     * @param wrap the verified kind-1059 gift wrap
     */
    public record Unwrapped(UnsignedEvent rumor, PublicKey sealSigner, Event seal, Event wrap) {
        public Unwrapped {
            Objects.requireNonNull(rumor, "rumor");
            Objects.requireNonNull(sealSigner, "sealSigner");
            Objects.requireNonNull(seal, "seal");
            Objects.requireNonNull(wrap, "wrap");
        }

        /** The rumor's author as written in the rumor (not authenticated by NIP-59 unless it equals the signer). */
        public PublicKey rumorAuthor() {
            return rumor.pubkey();
        }

        /** True for standard NIP-59; false for Mostro v1 messages in reputation mode (trade key ≠ identity key). */
        public boolean authorMatchesSealSigner() {
            return rumor.pubkey().equals(sealSigner);
        }
    }

    /**
     * Where {@link #wrap} gets its randomness and timestamps. Unset values are drawn at wrap time from the random
     * source (default: a shared {@link SecureRandom}) and the clock (default: the system UTC clock). Fixed values are
     * for tests and vectors only: never reuse an ephemeral key or a nonce for real messages.
     *
     * <p>Immutable and thread-safe (if the supplied {@link Random} is); the builder is not thread-safe.
     */
    public static final class WrapOptions {
        private static final WrapOptions DEFAULTS = builder().build();

        private final Clock clock;
        private final Random random;
        private final PrivateKey ephemeralKey;
        private final long sealCreatedAt;
        private final long wrapCreatedAt;
        private final byte[] sealNonce;
        private final byte[] wrapNonce;
        private final byte[] sealAuxRand;
        private final byte[] wrapAuxRand;
        private final Nip44.ConversationKeyCache cache;

        private WrapOptions(Builder b) {
            clock = b.clock;
            random = b.random;
            ephemeralKey = b.ephemeralKey;
            sealCreatedAt = b.sealCreatedAt;
            wrapCreatedAt = b.wrapCreatedAt;
            sealNonce = b.sealNonce;
            wrapNonce = b.wrapNonce;
            sealAuxRand = b.sealAuxRand;
            wrapAuxRand = b.wrapAuxRand;
            cache = b.cache;
        }

        /** Everything random, timestamps from the system clock. */
        public static WrapOptions defaults() {
            return DEFAULTS;
        }

        public static Builder builder() {
            return new Builder();
        }

        @Override
        public String toString() {
            return "WrapOptions[clock=" + clock + ", fixedEphemeralKey=" + (ephemeralKey != null) + "]";
        }

        /** Mutable builder for {@link WrapOptions}. Not thread-safe. */
        public static final class Builder {
            private Clock clock = Clock.systemUTC();
            private Random random = SECURE;
            private PrivateKey ephemeralKey;
            private long sealCreatedAt = -1;
            private long wrapCreatedAt = -1;
            private byte[] sealNonce;
            private byte[] wrapNonce;
            private byte[] sealAuxRand;
            private byte[] wrapAuxRand;
            private Nip44.ConversationKeyCache cache;

            private Builder() {}

            /** The clock that randomized timestamps count back from (default: system UTC). */
            public Builder clock(Clock clock) {
                this.clock = Objects.requireNonNull(clock, "clock");
                return this;
            }

            /** Source of every unset random value (default: a shared {@link SecureRandom}). */
            public Builder random(Random random) {
                this.random = Objects.requireNonNull(random, "random");
                return this;
            }

            /** The wrap's signing key (default: a fresh key per wrap). Tests only. */
            public Builder ephemeralKey(PrivateKey key) {
                this.ephemeralKey = Objects.requireNonNull(key, "key");
                return this;
            }

            /** The seal's {@code created_at} (default: now minus up to two days, uniformly). */
            public Builder sealCreatedAt(long unixSeconds) {
                this.sealCreatedAt = nonNegative(unixSeconds);
                return this;
            }

            /** The wrap's {@code created_at} (default: now minus up to two days, uniformly). */
            public Builder wrapCreatedAt(long unixSeconds) {
                this.wrapCreatedAt = nonNegative(unixSeconds);
                return this;
            }

            /** The seal's 32-byte NIP-44 nonce (default: random). Tests only. */
            public Builder sealNonce(byte[] nonce) {
                this.sealNonce = bytes32(nonce, "seal nonce");
                return this;
            }

            /** The wrap's 32-byte NIP-44 nonce (default: random). Tests only. */
            public Builder wrapNonce(byte[] nonce) {
                this.wrapNonce = bytes32(nonce, "wrap nonce");
                return this;
            }

            /** BIP-340 auxiliary randomness for the seal signature (default: random). */
            public Builder sealAuxRand(byte[] aux) {
                this.sealAuxRand = bytes32(aux, "seal aux_rand");
                return this;
            }

            /** BIP-340 auxiliary randomness for the wrap signature (default: random). */
            public Builder wrapAuxRand(byte[] aux) {
                this.wrapAuxRand = bytes32(aux, "wrap aux_rand");
                return this;
            }

            /** Cache for the (seal signer, receiver) conversation key (default: none). */
            public Builder conversationKeyCache(Nip44.ConversationKeyCache cache) {
                this.cache = cache;
                return this;
            }

            public WrapOptions build() {
                return new WrapOptions(this);
            }

            private static long nonNegative(long v) {
                if (v < 0) {
                    throw new InvalidInputException("created_at must not be negative");
                }
                return v;
            }

            private static byte[] bytes32(byte[] b, String what) {
                if (b == null || b.length != 32) {
                    throw new InvalidInputException(what + " must be 32 bytes");
                }
                return b.clone();
            }
        }
    }
}
