package network.mostro.protocol.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.protocol.keys.ChatKeys;

/**
 * Validates and opens incoming chat events for one conversation (SPEC §15.2), running the checks cheapest first and
 * stopping at the first failure:
 * author = {@code pub(K_sign)} → exactly one {@code p} tag = {@code pub(K_conv)} → future skew ≤ 60 s → content ≤
 * 64 KiB → outer id not seen → rate limit → outer signature → decrypt → inner signature → inner author accepted →
 * inner kind 1 → inner id not seen → |inner − outer {@code created_at}| ≤ 60 s.
 *
 * <p>Ids are recorded only when a message is accepted, so a corrupted copy cannot suppress the genuine event.
 *
 * <pre>{@code
 * ChatKeys keys = ChatKeys.derive(myTradeKey, peerTradePubkey);
 * ChatReceiver rx = ChatReceiver.builder(keys).acceptedSenders(List.of(myTradePub, peerTradePubkey)).build();
 * ChatMessage m = rx.receive(event);   // throws ChatRejectedException
 * }</pre>
 * Thread-safe.
 */
public final class ChatReceiver {
    /** Largest accepted content, in characters (64 KiB). */
    public static final int DEFAULT_MAX_CONTENT_CHARS = 64 * 1024;
    /** Allowed clock skew. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

    private final ChatKeys keys;
    private final PublicKey author;
    private final String pTag;
    private final Set<PublicKey> accepted;
    private final Clock clock;
    private final long skewSeconds;
    private final int maxContentChars;
    private final int maxPerMinute;
    private final ReplayWindow outerSeen;
    private final ChatIdStore innerSeen;
    private final byte[] conversationKey;
    private long rateWindowStart = Long.MIN_VALUE;
    private int rateCount;

    private ChatReceiver(Builder b) {
        keys = b.keys;
        author = keys.signingPublicKey();
        pTag = keys.conversationPublicKey().toHex();
        accepted = Set.copyOf(b.accepted);
        clock = b.clock;
        skewSeconds = b.skew.getSeconds();
        maxContentChars = b.maxContentChars;
        maxPerMinute = b.maxPerMinute;
        outerSeen = b.outerSeen != null ? b.outerSeen : ReplayWindow.of(Duration.ofHours(1), 10_000, clock);
        innerSeen = b.innerSeen != null ? b.innerSeen : ChatIdStore.inMemory(100_000);
        conversationKey = Nip44.conversationKey(keys.conversationKey(), keys.conversationPublicKey());
    }

    /** A builder for the conversation with {@code keys}. */
    public static Builder builder(ChatKeys keys) {
        return new Builder(keys);
    }

    /** A P2P chat receiver accepting the two trade keys as inner signers. */
    public static ChatReceiver p2p(ChatKeys keys, PublicKey ownTradeKey, PublicKey peerTradeKey) {
        return builder(keys).acceptedSenders(List.of(ownTradeKey, peerTradeKey)).build();
    }

    /** A dispute chat receiver (SPEC §15.3) accepting the party's trade key and the solver's key. */
    public static ChatReceiver dispute(ChatKeys keys, PublicKey partyTradeKey, PublicKey solverKey) {
        return builder(keys).acceptedSenders(List.of(partyTradeKey, solverKey)).build();
    }

    /**
     * Validates and opens {@code outer}.
     *
     * @throws ChatRejectedException with the first failed check
     */
    public ChatMessage receive(Event outer) {
        if (outer == null) {
            throw new InvalidInputException("event is required");
        }
        if (outer.kind() != Chat.OUTER_KIND) {
            throw reject(ChatRejectedException.Reason.WRONG_KIND, "kind " + outer.kind());
        }
        if (!outer.pubkey().equals(author)) {
            throw reject(ChatRejectedException.Reason.WRONG_AUTHOR, "author is not pub(K_sign)");
        }
        List<Tag> ps = outer.tags("p");
        if (ps.size() != 1 || !pTag.equals(ps.get(0).value())) {
            throw reject(ChatRejectedException.Reason.BAD_P_TAG, "expected exactly one p tag = pub(K_conv)");
        }
        long now = clock.instant().getEpochSecond();
        if (outer.createdAt() > now + skewSeconds) {
            throw reject(ChatRejectedException.Reason.FUTURE_TIMESTAMP, "created_at too far in the future");
        }
        if (outer.content().length() > maxContentChars) {
            throw reject(ChatRejectedException.Reason.TOO_LARGE, "content longer than " + maxContentChars);
        }
        if (outerSeen.contains(outer.id())) {
            throw reject(ChatRejectedException.Reason.DUPLICATE_OUTER, "outer id already accepted");
        }
        if (!takeRateToken(clock.millis())) {
            throw reject(ChatRejectedException.Reason.RATE_LIMITED, "more than " + maxPerMinute + " per minute");
        }
        if (!outer.verify()) {
            throw reject(ChatRejectedException.Reason.BAD_OUTER_SIGNATURE, "outer id or signature does not verify");
        }
        Event inner = openInner(outer.content(), conversationKey);
        ChatMessage m = checkInner(inner, accepted, outer);
        if (Math.abs(inner.createdAt() - outer.createdAt()) > skewSeconds) {
            throw reject(ChatRejectedException.Reason.TIMESTAMP_MISMATCH, "inner and outer created_at differ");
        }
        synchronized (this) {
            if (innerSeen.contains(inner.id())) {
                throw reject(ChatRejectedException.Reason.DUPLICATE_INNER, "inner id already accepted");
            }
            if (!outerSeen.firstSeen(outer.id())) {
                throw reject(ChatRejectedException.Reason.DUPLICATE_OUTER, "outer id already accepted");
            }
            innerSeen.add(inner.id());
        }
        return m;
    }

    /** Decrypts and parses the inner event (shared with {@link LegacyChat}). */
    static Event openInner(String content, byte[] conversationKey) {
        String json;
        try {
            json = Nip44.decrypt(content, conversationKey);
        } catch (NostrException e) {
            throw reject(ChatRejectedException.Reason.UNDECRYPTABLE, "content does not decrypt");
        }
        try {
            return Event.fromJson(json);
        } catch (NostrException e) {
            throw reject(ChatRejectedException.Reason.MALFORMED_INNER, "inner is not a signed event");
        }
    }

    /** Inner signature, author and kind checks (shared with {@link LegacyChat}); the inner-id check is separate. */
    static ChatMessage checkInner(Event inner, Set<PublicKey> accepted, Event outer) {
        if (!inner.verify()) {
            throw reject(ChatRejectedException.Reason.BAD_INNER_SIGNATURE, "inner id or signature does not verify");
        }
        if (!accepted.contains(inner.pubkey())) {
            throw reject(ChatRejectedException.Reason.UNKNOWN_INNER_AUTHOR, "inner author is not a party");
        }
        if (inner.kind() != Chat.INNER_KIND) {
            throw reject(ChatRejectedException.Reason.WRONG_INNER_KIND, "inner kind " + inner.kind());
        }
        return new ChatMessage(inner.content(), inner.pubkey(), inner.createdAt(), inner, outer.id());
    }

    private synchronized boolean takeRateToken(long nowMillis) {
        if (rateWindowStart == Long.MIN_VALUE || nowMillis < rateWindowStart || nowMillis - rateWindowStart >= 60_000) {
            rateWindowStart = nowMillis;
            rateCount = 0;
        }
        if (rateCount >= maxPerMinute) {
            return false;
        }
        rateCount++;
        return true;
    }

    static ChatRejectedException reject(ChatRejectedException.Reason reason, String message) {
        return new ChatRejectedException(reason, message);
    }

    /** The conversation's keys. */
    public ChatKeys keys() {
        return keys;
    }

    @Override
    public String toString() {
        return "ChatReceiver[" + keys + ", " + accepted.size() + " senders]";
    }

    /** Configures a {@link ChatReceiver}. Not thread-safe. */
    public static final class Builder {
        private final ChatKeys keys;
        private Collection<PublicKey> accepted = List.of();
        private Clock clock = Clock.systemUTC();
        private Duration skew = DEFAULT_SKEW;
        private int maxContentChars = DEFAULT_MAX_CONTENT_CHARS;
        private int maxPerMinute = 120;
        private ReplayWindow outerSeen;
        private ChatIdStore innerSeen;

        private Builder(ChatKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /** Keys allowed to sign inner events: both trade keys, or the party and the solver (required). */
        public Builder acceptedSenders(Collection<PublicKey> senders) {
            if (senders == null || senders.isEmpty() || senders.stream().anyMatch(Objects::isNull)) {
                throw new InvalidInputException("accepted senders must be a non-empty list of keys");
            }
            this.accepted = List.copyOf(senders);
            return this;
        }

        /** Clock for the skew checks and rate limit (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Allowed future skew and inner/outer difference (default: 60 s). */
        public Builder skew(Duration skew) {
            if (skew == null || skew.isNegative()) {
                throw new InvalidInputException("skew must be non-negative");
            }
            this.skew = skew;
            return this;
        }

        /** Largest content in characters (default: 65,536). */
        public Builder maxContentChars(int max) {
            if (max < 1) {
                throw new InvalidInputException("maxContentChars must be positive");
            }
            this.maxContentChars = max;
            return this;
        }

        /** Messages accepted per minute (default: 120). */
        public Builder maxPerMinute(int max) {
            if (max < 1) {
                throw new InvalidInputException("maxPerMinute must be positive");
            }
            this.maxPerMinute = max;
            return this;
        }

        /** Outer-id dedup (default: 1 h window, 10,000 ids, on this builder's clock). */
        public Builder outerDedup(ReplayWindow window) {
            this.outerSeen = Objects.requireNonNull(window, "window");
            return this;
        }

        /** Durable inner-id dedup (default: in memory, 100,000 ids). */
        public Builder innerDedup(ChatIdStore store) {
            this.innerSeen = Objects.requireNonNull(store, "store");
            return this;
        }

        /** @throws InvalidInputException if no accepted senders were set */
        public ChatReceiver build() {
            if (accepted.isEmpty()) {
                throw new InvalidInputException("accepted senders are required");
            }
            return new ChatReceiver(this);
        }
    }

}
