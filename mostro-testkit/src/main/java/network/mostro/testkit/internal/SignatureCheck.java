package network.mostro.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import network.mostro.nostr.BatchVerifier;
import network.mostro.nostr.Event;

/**
 * Id and signature checks of the events in one batch of a connection's frames, done lazily: the first time
 * the relay needs the verdict for an event, that event and every later one of the batch are checked
 * together, the signatures with {@link BatchVerifier} (several times faster per signature than one by one,
 * most of all for many events by one author). Events refused before that point (rate limit, auth, reject
 * faults) are never verified. The verdicts are exactly those of {@link #check(Event)}. Not thread-safe:
 * used by the one task that handles the batch.
 */
final class SignatureCheck {
    static final String BAD_ID = "invalid: event id does not match its content";
    static final String BAD_SIGNATURE = "invalid: bad signature";

    private final List<Event> events; // null where the batch item is not a candidate
    private final String[] problems;
    private final boolean[] checked;
    private int largestBatch;

    /** @param events the batch's events, null for items that are not checked here */
    SignatureCheck(List<Event> events) {
        this.events = events;
        this.problems = new String[events.size()];
        this.checked = new boolean[events.size()];
    }

    /** The reason the event at {@code index} is refused, or null when its id and signature are valid. */
    String problem(int index) {
        Event e = events.get(index);
        if (e == null) {
            throw new IllegalStateException("batch item " + index + " is not an event to check");
        }
        if (!checked[index]) {
            checkFrom(index);
        }
        return problems[index];
    }

    /** The most signatures handed to {@link BatchVerifier} together so far (0 when none were). */
    int largestBatch() {
        return largestBatch;
    }

    /** One event alone, as the relay always did: the id first, then the signature. */
    static String check(Event event) {
        try {
            if (!event.computeId().equals(event.id())) {
                return BAD_ID;
            }
            return event.verifySignature() ? null : BAD_SIGNATURE;
        } catch (RuntimeException e) {
            return BAD_SIGNATURE;
        }
    }

    private void checkFrom(int from) {
        List<Integer> where = new ArrayList<>();
        List<BatchVerifier.Item> items = new ArrayList<>();
        for (int i = from; i < events.size(); i++) {
            Event e = events.get(i);
            if (e == null || checked[i]) {
                continue;
            }
            checked[i] = true;
            try {
                if (!e.computeId().equals(e.id())) {
                    problems[i] = BAD_ID;
                    continue;
                }
                items.add(BatchVerifier.Item.of(e));
                where.add(i);
            } catch (RuntimeException ex) {
                problems[i] = BAD_SIGNATURE;
            }
        }
        if (items.isEmpty()) {
            return;
        }
        largestBatch = Math.max(largestBatch, items.size());
        List<Integer> invalid;
        try {
            invalid = BatchVerifier.findInvalid(items);
        } catch (RuntimeException ex) {
            for (int i : where) {
                problems[i] = check(events.get(i));
            }
            return;
        }
        for (int bad : invalid) {
            problems[where.get(bad)] = BAD_SIGNATURE;
        }
    }
}
