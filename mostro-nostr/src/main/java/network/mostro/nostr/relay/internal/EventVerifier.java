package network.mostro.nostr.relay.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mostro.nostr.BatchVerifier;
import network.mostro.nostr.Event;

/**
 * Checks ids and signatures of events received from relays, a batch at a time. Signatures already verified
 * (same id and signature, e.g. the copy of an event from a second relay) are not verified again. Thread-safe.
 *
 * <p>Signatures of a batch (the frames that piled up while the previous batch was processed) are checked
 * with {@link BatchVerifier}, which is several times faster per signature than one-by-one verification
 * (it checks small batches one by one itself).
 */
final class EventVerifier {
    private final Map<String, String> verified; // id -> sig, bounded, guarded by itself

    EventVerifier(int cacheSize) {
        this.verified = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /** The failure reason for each event (null = valid), index for index. */
    String[] verify(List<Event> events) {
        String[] reasons = new String[events.size()];
        boolean[] pending = new boolean[events.size()];
        int toCheck = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (!e.computeId().equals(e.id())) {
                reasons[i] = "id does not match the content";
                continue;
            }
            String known;
            synchronized (verified) {
                known = verified.get(e.id());
            }
            if (!e.sig().equals(known)) {
                pending[i] = true;
                toCheck++;
            }
        }
        if (toCheck > 0) {
            boolean[] ok = verifySignatures(events, pending);
            for (int i = 0; i < events.size(); i++) {
                if (!pending[i]) {
                    continue;
                }
                if (ok[i]) {
                    synchronized (verified) {
                        verified.put(events.get(i).id(), events.get(i).sig());
                    }
                } else {
                    reasons[i] = "signature does not verify";
                }
            }
        }
        return reasons;
    }

    /** BIP-340 verification of {@code events[i]} for every {@code i} with {@code which[i]}. */
    static boolean[] verifySignatures(List<Event> events, boolean[] which) {
        boolean[] ok = new boolean[events.size()];
        List<BatchVerifier.Item> items = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < ok.length; i++) {
            if (which[i]) {
                Event e = events.get(i);
                items.add(BatchVerifier.Item.of(e));
                where.add(i);
            }
        }
        for (int i : where) {
            ok[i] = true;
        }
        for (int bad : BatchVerifier.findInvalid(items)) {
            ok[where.get(bad)] = false;
        }
        return ok;
    }
}
