package network.mostro.protocol.transport;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip13;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.PrivateKey;

/**
 * How a transport builds an outgoing event: timestamps, NIP-40 expiration, NIP-13 proof of work, and — for tests
 * and reproducible fixtures only — fixed NIP-44 nonces, BIP-340 auxiliary randomness and the v1 ephemeral key.
 *
 * <pre>{@code
 * WrapOptions live = WrapOptions.builder().pow(PowPolicy.fromInfo(info).firstContactDifficulty()).build();
 * WrapOptions fixed = WrapOptions.builder().createdAt(1735689600).expiration(1738281600)
 *         .nonce(nonce).allAuxRand(new byte[32]).build();       // byte-identical output
 * }</pre>
 * Never reuse a fixed nonce or ephemeral key for real messages. Immutable and thread-safe (if the supplied
 * {@link Random} is); the builder is not thread-safe.
 */
public final class WrapOptions {
    /** Default lifetime of the NIP-40 {@code expiration} tag: 30 days, Mostro's {@code dm_days}. */
    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofDays(30);

    /**
     * The default randomness: one shared instance (SecureRandom is thread-safe; seeding one per message is waste).
     * Declared before {@link #DEFAULTS}, whose builder reads it during class initialization.
     */
    private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();
    private static final WrapOptions DEFAULTS = builder().build();

    final Clock clock;
    final Random random;
    final long createdAt;
    final Duration expiresIn;
    final long expiration;
    final byte[] nonce;
    final byte[] wrapNonce;
    final byte[] eventAuxRand;
    final byte[] tradeSigAuxRand;
    final byte[] identitySigAuxRand;
    final byte[] sealAuxRand;
    final PrivateKey ephemeralKey;
    final long sealCreatedAt;
    final long wrapCreatedAt;
    final int pow;
    final Nip13.Miner miner;
    final Nip44.ConversationKeyCache cache;

    private WrapOptions(Builder b) {
        clock = b.clock;
        random = b.random;
        createdAt = b.createdAt;
        expiresIn = b.expiresIn;
        expiration = b.expiration;
        nonce = b.nonce;
        wrapNonce = b.wrapNonce;
        eventAuxRand = b.eventAuxRand;
        tradeSigAuxRand = b.tradeSigAuxRand;
        identitySigAuxRand = b.identitySigAuxRand;
        sealAuxRand = b.sealAuxRand;
        ephemeralKey = b.ephemeralKey;
        sealCreatedAt = b.sealCreatedAt;
        wrapCreatedAt = b.wrapCreatedAt;
        pow = b.pow;
        miner = b.miner;
        cache = b.cache;
    }

    /** Real time, 30-day expiration, no proof of work, everything random. */
    public static WrapOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The NIP-13 difficulty mined on the outer event (0 = none). */
    public int pow() {
        return pow;
    }

    /** The clock timestamps come from. */
    public Clock clock() {
        return clock;
    }

    /** A copy with a different proof-of-work difficulty. */
    public WrapOptions withPow(int difficulty) {
        Builder b = toBuilder();
        b.pow(difficulty);
        return b.build();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clock = clock;
        b.random = random;
        b.createdAt = createdAt;
        b.expiresIn = expiresIn;
        b.expiration = expiration;
        b.nonce = nonce;
        b.wrapNonce = wrapNonce;
        b.eventAuxRand = eventAuxRand;
        b.tradeSigAuxRand = tradeSigAuxRand;
        b.identitySigAuxRand = identitySigAuxRand;
        b.sealAuxRand = sealAuxRand;
        b.ephemeralKey = ephemeralKey;
        b.sealCreatedAt = sealCreatedAt;
        b.wrapCreatedAt = wrapCreatedAt;
        b.pow = pow;
        b.miner = miner;
        b.cache = cache;
        return b;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    /** The inner created_at: fixed, or the clock's current second. */
    long innerCreatedAt() {
        return createdAt >= 0 ? createdAt : now();
    }

    /** The expiration timestamp for an event created at {@code createdAt}, or -1 for none. */
    long expirationFor(long createdAt) {
        if (expiration >= 0) {
            return expiration;
        }
        return expiresIn == null ? -1 : createdAt + expiresIn.getSeconds();
    }

    byte[] nonceOrRandom(byte[] fixed) {
        return fixed != null ? fixed.clone() : random32();
    }

    byte[] random32() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    @Override
    public String toString() {
        return "WrapOptions[pow=" + pow + ", createdAt=" + createdAt + ", expiresIn=" + expiresIn
                + ", expiration=" + expiration + ", fixedRandomness=" + (nonce != null || eventAuxRand != null) + "]";
    }

    /** Mutable builder for {@link WrapOptions}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Random random = DEFAULT_RANDOM;
        private long createdAt = -1;
        private Duration expiresIn = DEFAULT_EXPIRES_IN;
        private long expiration = -1;
        private byte[] nonce;
        private byte[] wrapNonce;
        private byte[] eventAuxRand;
        private byte[] tradeSigAuxRand;
        private byte[] identitySigAuxRand;
        private byte[] sealAuxRand;
        private PrivateKey ephemeralKey;
        private long sealCreatedAt = -1;
        private long wrapCreatedAt = -1;
        private int pow;
        private Nip13.Miner miner;
        private Nip44.ConversationKeyCache cache;

        private Builder() {}

        /** Clock for {@code created_at} and the v1 timestamp randomization (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Source of every random value not fixed here (default: a shared {@link SecureRandom}). */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * The inner {@code created_at} (v2: the event's; v1: the rumor's) (default: the clock's current second).
         * The node drops messages older than 10 s, so only tests should fix it.
         */
        public Builder createdAt(long unixSeconds) {
            this.createdAt = nonNegative(unixSeconds, "created_at");
            return this;
        }

        /** Expiration = created_at + {@code duration} (default: 30 days). */
        public Builder expiresIn(Duration duration) {
            this.expiresIn = Objects.requireNonNull(duration, "duration");
            this.expiration = -1;
            return this;
        }

        /** A fixed NIP-40 expiration timestamp (default: created_at + 30 days). */
        public Builder expiration(long unixSeconds) {
            this.expiration = nonNegative(unixSeconds, "expiration");
            return this;
        }

        /** No {@code expiration} tag (default: 30 days). The daemon does not require one. */
        public Builder noExpiration() {
            this.expiresIn = null;
            this.expiration = -1;
            return this;
        }

        /** NIP-44 nonce of the content (v2) or the seal (v1) (default: random). Tests only. */
        public Builder nonce(byte[] nonce) {
            this.nonce = bytes32(nonce, "nonce");
            return this;
        }

        /** NIP-44 nonce of the v1 gift wrap (default: random). Tests only. */
        public Builder wrapNonce(byte[] nonce) {
            this.wrapNonce = bytes32(nonce, "wrap nonce");
            return this;
        }

        /** BIP-340 aux_rand of the outer event signature (v2 event, v1 wrap) (default: random). */
        public Builder eventAuxRand(byte[] aux) {
            this.eventAuxRand = bytes32(aux, "event aux_rand");
            return this;
        }

        /** BIP-340 aux_rand of the trade signature (default: random). */
        public Builder tradeSigAuxRand(byte[] aux) {
            this.tradeSigAuxRand = bytes32(aux, "trade signature aux_rand");
            return this;
        }

        /** BIP-340 aux_rand of the v2 identity proof (default: random). */
        public Builder identitySigAuxRand(byte[] aux) {
            this.identitySigAuxRand = bytes32(aux, "identity signature aux_rand");
            return this;
        }

        /** BIP-340 aux_rand of the v1 seal signature (default: random). */
        public Builder sealAuxRand(byte[] aux) {
            this.sealAuxRand = bytes32(aux, "seal aux_rand");
            return this;
        }

        /** The same aux_rand for every signature (the vectors use 32 zero bytes). Tests only. */
        public Builder allAuxRand(byte[] aux) {
            return eventAuxRand(aux).tradeSigAuxRand(aux).identitySigAuxRand(aux).sealAuxRand(aux);
        }

        /** The v1 wrap's signing key (default: a fresh key per wrap). Tests only. */
        public Builder ephemeralKey(PrivateKey key) {
            this.ephemeralKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The v1 seal's created_at (default: now minus up to two days). */
        public Builder sealCreatedAt(long unixSeconds) {
            this.sealCreatedAt = nonNegative(unixSeconds, "seal created_at");
            return this;
        }

        /** The v1 wrap's created_at (default: now minus up to two days). */
        public Builder wrapCreatedAt(long unixSeconds) {
            this.wrapCreatedAt = nonNegative(unixSeconds, "wrap created_at");
            return this;
        }

        /**
         * NIP-13 difficulty to mine on the outer event (default: 0). Use the node's {@code pow}, or
         * {@code pow_first_contact} for a trade key the node may not know yet (SPEC §3.6).
         */
        public Builder pow(int difficulty) {
            if (difficulty < 0 || difficulty > Nip13.MAX_DIFFICULTY) {
                throw new InvalidInputException("pow difficulty must be between 0 and 256");
            }
            this.pow = difficulty;
            return this;
        }

        /** The miner used when {@link #pow(int)} is positive (default: {@link Nip13.Miner#defaultMiner()}). */
        public Builder miner(Nip13.Miner miner) {
            this.miner = Objects.requireNonNull(miner, "miner");
            return this;
        }

        /** Cache for conversation keys with the same peer (default: none). */
        public Builder conversationKeyCache(Nip44.ConversationKeyCache cache) {
            this.cache = cache;
            return this;
        }

        public WrapOptions build() {
            return new WrapOptions(this);
        }

        private static long nonNegative(long v, String what) {
            if (v < 0) {
                throw new InvalidInputException(what + " must not be negative");
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
