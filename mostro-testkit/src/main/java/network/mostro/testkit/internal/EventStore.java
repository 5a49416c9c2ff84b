package network.mostro.testkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;

/**
 * The relay's in-memory event store with NIP-01 replaceable/addressable replacement, ephemeral kinds and
 * NIP-40 expiry. Not thread-safe: the relay guards it with its lock.
 */
public final class EventStore {
    /** What {@link #add} did. */
    public enum Outcome {
        /** Stored (possibly replacing an older version). */
        STORED,
        /** An event with this id is already stored. */
        DUPLICATE,
        /** A replaceable/addressable event that loses to the stored version (older, or same time and higher id). */
        SUPERSEDED,
        /** An ephemeral event: accepted for live delivery, never stored. */
        EPHEMERAL
    }

    private final Map<String, Stored> byId = new HashMap<>();
    private final TreeSet<Stored> ordered = new TreeSet<>(Stored.NEWEST_FIRST);
    private final Map<String, Stored> latestByKey = new HashMap<>();

    public static boolean isEphemeral(int kind) {
        return kind >= 20000 && kind < 30000;
    }

    public static boolean isReplaceable(int kind) {
        return kind == 0 || kind == 3 || (kind >= 10000 && kind < 20000);
    }

    public static boolean isAddressable(int kind) {
        return kind >= 30000 && kind < 40000;
    }

    /** The replacement key: kind:pubkey for replaceable kinds, kind:pubkey:d for addressable ones, else null. */
    static String replaceKey(Event e) {
        if (isReplaceable(e.kind())) {
            return e.kind() + ":" + e.pubkey().toHex();
        }
        if (isAddressable(e.kind())) {
            return e.kind() + ":" + e.pubkey().toHex() + ":" + e.firstTagValue("d").orElse("");
        }
        return null;
    }

    /** True when {@code a} wins over {@code b} under NIP-01 (newer, or equal time and lower id). */
    static boolean wins(Event a, Event b) {
        if (a.createdAt() != b.createdAt()) {
            return a.createdAt() > b.createdAt();
        }
        return a.id().compareTo(b.id()) < 0;
    }

    public Outcome add(Stored s) {
        Event e = s.event();
        if (isEphemeral(e.kind())) {
            return Outcome.EPHEMERAL;
        }
        if (byId.containsKey(e.id())) {
            return Outcome.DUPLICATE;
        }
        String key = replaceKey(e);
        if (key != null) {
            Stored current = latestByKey.get(key);
            if (current != null) {
                if (!wins(e, current.event())) {
                    return Outcome.SUPERSEDED;
                }
                remove(current);
            }
            latestByKey.put(key, s);
        }
        byId.put(e.id(), s);
        ordered.add(s);
        return Outcome.STORED;
    }

    private void remove(Stored s) {
        byId.remove(s.event().id());
        ordered.remove(s);
        String key = replaceKey(s.event());
        if (key != null && latestByKey.get(key) == s) {
            latestByKey.remove(key);
        }
    }

    /** Drops every event expired at {@code nowSeconds}. */
    public void purgeExpired(long nowSeconds) {
        Iterator<Stored> it = ordered.iterator();
        List<Stored> expired = new ArrayList<>();
        while (it.hasNext()) {
            Stored s = it.next();
            if (s.expiredAt(nowSeconds)) {
                expired.add(s);
            }
        }
        expired.forEach(this::remove);
    }

    /** Stored events matching any filter, each filter limited on its own, merged newest first. */
    public List<Stored> query(List<Filter> filters, long nowSeconds) {
        Map<String, Stored> union = new LinkedHashMap<>();
        for (Filter f : filters) {
            int limit = f.limit() == null ? Integer.MAX_VALUE : f.limit();
            if (limit == 0) {
                continue;
            }
            int n = 0;
            Iterable<Stored> candidates = ordered;
            if (f.ids() != null) {
                TreeSet<Stored> byIds = new TreeSet<>(Stored.NEWEST_FIRST);
                for (String id : f.ids()) {
                    Stored s = byId.get(id);
                    if (s != null) {
                        byIds.add(s);
                    }
                }
                candidates = byIds;
            }
            for (Stored s : candidates) {
                if (!s.expiredAt(nowSeconds) && f.matches(s.event())) {
                    union.putIfAbsent(s.event().id(), s);
                    if (++n >= limit) {
                        break;
                    }
                }
            }
        }
        List<Stored> out = new ArrayList<>(union.values());
        out.sort(Stored.NEWEST_FIRST);
        return out;
    }

    /** Every stored, unexpired event, newest first. */
    public List<Stored> all(long nowSeconds) {
        List<Stored> out = new ArrayList<>(ordered.size());
        for (Stored s : ordered) {
            if (!s.expiredAt(nowSeconds)) {
                out.add(s);
            }
        }
        return out;
    }

    public int size() {
        return byId.size();
    }

    public void clear() {
        byId.clear();
        ordered.clear();
        latestByKey.clear();
    }
}
