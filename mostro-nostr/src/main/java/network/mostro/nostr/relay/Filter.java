package network.mostro.nostr.relay;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.relay.internal.FilterJson;

/**
 * A NIP-01 subscription filter. A null component means "no constraint"; an empty set matches nothing. An
 * event matches when it satisfies every present component; a subscription matches when any of its filters
 * does. {@code limit} only bounds the relay's initial stored-event query and plays no part in
 * {@link #matches}.
 *
 * <pre>{@code
 * Filter f = Filter.builder().kinds(38383).tag('s', "pending").since(now - 3600).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param ids event ids, 64 lowercase hex characters each, or null
 * @param authors author public keys as 64 lowercase hex characters, or null
 * @param kinds event kinds 0–65535, or null
 * @param tags single-letter tag name ({@code "p"}, {@code "e"}, {@code "d"}, …) to accepted values
 *     ({@code "#p": [...]} on the wire); never null, empty when there is no tag constraint
 * @param since oldest {@code created_at} accepted, or null
 * @param until newest {@code created_at} accepted, or null
 * @param limit most stored events the relay should return initially, or null
 */
public record Filter(Set<String> ids, Set<String> authors, Set<Integer> kinds, Map<String, Set<String>> tags,
                     Long since, Long until, Integer limit) {

    public Filter {
        ids = ids == null ? null : checkedHex(ids, "ids");
        authors = authors == null ? null : checkedHex(authors, "authors");
        if (kinds != null) {
            for (Integer k : kinds) {
                if (k == null || k < 0 || k > 65535) {
                    throw new InvalidInputException("filter kinds must be between 0 and 65535");
                }
            }
            kinds = Collections.unmodifiableSet(new LinkedHashSet<>(kinds));
        }
        TreeMap<String, Set<String>> t = new TreeMap<>();
        if (tags != null) {
            for (Map.Entry<String, Set<String>> e : tags.entrySet()) {
                String name = e.getKey();
                if (name == null || name.length() != 1 || !isAsciiLetter(name.charAt(0))) {
                    throw new InvalidInputException("filter tag names must be one ASCII letter");
                }
                if (e.getValue() == null || e.getValue().contains(null)) {
                    throw new InvalidInputException("filter tag values must not be null");
                }
                t.put(name, Collections.unmodifiableSet(new LinkedHashSet<>(e.getValue())));
            }
        }
        tags = Collections.unmodifiableMap(t);
        if (since != null && since < 0 || until != null && until < 0) {
            throw new InvalidInputException("filter since/until must not be negative");
        }
        if (limit != null && limit < 0) {
            throw new InvalidInputException("filter limit must not be negative");
        }
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static Set<String> checkedHex(Set<String> values, String what) {
        for (String s : values) {
            if (!Hex.isLowerHex(s, 64)) {
                throw new InvalidInputException("filter " + what + " must be 64 lowercase hex characters");
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this filter. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ids = ids == null ? null : new LinkedHashSet<>(ids);
        b.authors = authors == null ? null : new LinkedHashSet<>(authors);
        b.kinds = kinds == null ? null : new LinkedHashSet<>(kinds);
        tags.forEach((k, v) -> b.tags.put(k, new LinkedHashSet<>(v)));
        b.since = since;
        b.until = until;
        b.limit = limit;
        return b;
    }

    /** A copy with {@code since} replaced (null removes it). */
    public Filter withSince(Long newSince) {
        return new Filter(ids, authors, kinds, tags, newSince, until, limit);
    }

    /** A copy with {@code limit} replaced (null removes it). */
    public Filter withLimit(Integer newLimit) {
        return new Filter(ids, authors, kinds, tags, since, until, newLimit);
    }

    /** True when {@code event} satisfies every present constraint (NIP-01 semantics; {@code limit} ignored). */
    public boolean matches(Event event) {
        if (ids != null && !ids.contains(event.id())) {
            return false;
        }
        if (kinds != null && !kinds.contains(event.kind())) {
            return false;
        }
        if (since != null && event.createdAt() < since) {
            return false;
        }
        if (until != null && event.createdAt() > until) {
            return false;
        }
        if (authors != null && !authors.contains(event.pubkey().toHex())) {
            return false;
        }
        for (Map.Entry<String, Set<String>> e : tags.entrySet()) {
            if (!hasTag(event, e.getKey(), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasTag(Event event, String name, Set<String> values) {
        for (Tag t : event.tags()) {
            if (t.size() > 1 && t.name().equals(name) && values.contains(t.value())) {
                return true;
            }
        }
        return false;
    }

    /** The wire JSON object, compact, members in a fixed order, set values sorted. */
    public String toJson() {
        return FilterJson.write(new StringBuilder(64), this).toString();
    }

    /**
     * Parses a filter object as a relay receives it in {@code REQ}.
     *
     * @throws network.mostro.nostr.MalformedInputException if the text is not one JSON object
     * @throws InvalidInputException if a member has the wrong type or value
     * @throws network.mostro.nostr.UnsupportedInputException for a member NIP-01 does not define
     *     (e.g. {@code search}, {@code &t})
     */
    public static Filter fromJson(String json) {
        return FilterJson.parse(json);
    }

    /** Mutable builder for {@link Filter}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private Set<String> ids;
        private Set<String> authors;
        private Set<Integer> kinds;
        private final Map<String, Set<String>> tags = new TreeMap<>();
        private Long since;
        private Long until;
        private Integer limit;

        private Builder() {}

        /** Adds event ids (64 lowercase hex each). */
        public Builder ids(String... values) {
            if (ids == null) {
                ids = new LinkedHashSet<>();
            }
            Collections.addAll(ids, values);
            return this;
        }

        /** Adds authors. */
        public Builder authors(PublicKey... keys) {
            if (authors == null) {
                authors = new LinkedHashSet<>();
            }
            for (PublicKey k : keys) {
                authors.add(k.toHex());
            }
            return this;
        }

        /** Adds authors as 64-character lowercase hex. */
        public Builder authorsHex(String... hex) {
            if (authors == null) {
                authors = new LinkedHashSet<>();
            }
            Collections.addAll(authors, hex);
            return this;
        }

        /** Adds kinds. */
        public Builder kinds(int... values) {
            if (kinds == null) {
                kinds = new LinkedHashSet<>();
            }
            for (int k : values) {
                kinds.add(k);
            }
            return this;
        }

        /** Adds accepted values for the single-letter tag {@code name} ({@code "#name"} on the wire). */
        public Builder tag(char name, String... values) {
            Set<String> set = tags.computeIfAbsent(String.valueOf(name), k -> new LinkedHashSet<>());
            Collections.addAll(set, values);
            return this;
        }

        /** Oldest {@code created_at} (unix seconds) accepted. */
        public Builder since(long unixSeconds) {
            this.since = unixSeconds;
            return this;
        }

        /** Newest {@code created_at} (unix seconds) accepted. */
        public Builder until(long unixSeconds) {
            this.until = unixSeconds;
            return this;
        }

        /** Most stored events to return initially. */
        public Builder limit(int max) {
            this.limit = max;
            return this;
        }

        /**
         * Builds the filter.
         *
         * @throws InvalidInputException if a value is out of range or malformed
         */
        public Filter build() {
            return new Filter(ids, authors, kinds, tags, since, until, limit);
        }
    }
}
