package network.mostro.testkit.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.Tag;

/**
 * One parsed NIP-01 subscription filter. A null field is absent (matches everything); an empty set matches
 * nothing. Immutable and thread-safe.
 *
 * @param ids event ids (64 lowercase hex)
 * @param authors author keys (64 lowercase hex)
 * @param kinds event kinds
 * @param tags single-letter tag name to accepted values
 * @param since lowest created_at, inclusive
 * @param until highest created_at, inclusive
 * @param limit most stored events returned for this filter
 */
public record Filter(Set<String> ids, Set<String> authors, Set<Integer> kinds, Map<Character, Set<String>> tags,
        Long since, Long until, Integer limit) {

    public Filter {
        ids = ids == null ? null : Set.copyOf(ids);
        authors = authors == null ? null : Set.copyOf(authors);
        kinds = kinds == null ? null : Set.copyOf(kinds);
        tags = Map.copyOf(tags);
    }

    /** True when {@code e} satisfies every condition (the limit is not a condition). */
    public boolean matches(Event e) {
        if (ids != null && !ids.contains(e.id())) {
            return false;
        }
        if (authors != null && !authors.contains(e.pubkey().toHex())) {
            return false;
        }
        if (kinds != null && !kinds.contains(e.kind())) {
            return false;
        }
        if (since != null && e.createdAt() < since) {
            return false;
        }
        if (until != null && e.createdAt() > until) {
            return false;
        }
        for (Map.Entry<Character, Set<String>> t : tags.entrySet()) {
            if (!hasTag(e.tags(), t.getKey(), t.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasTag(List<Tag> tags, char name, Set<String> values) {
        for (Tag t : tags) {
            String n = t.name();
            if (n.length() == 1 && n.charAt(0) == name && t.size() > 1 && values.contains(t.value())) {
                return true;
            }
        }
        return false;
    }

    /** True when any of {@code filters} matches. */
    public static boolean anyMatches(List<Filter> filters, Event e) {
        for (Filter f : filters) {
            if (f.matches(e)) {
                return true;
            }
        }
        return false;
    }
}
