package network.mostro.nostr.relay.internal;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayReply;

/** Collects one publish's per-relay replies and completes its future once all are in. Thread-safe. */
final class PublishTracker {
    private final String eventId;
    private final Map<URI, RelayReply> replies = new LinkedHashMap<>();
    private final Executor callbacks;
    private int remaining;
    private ScheduledFuture<?> timer;
    final CompletableFuture<PublishResult> future = new CompletableFuture<>();

    PublishTracker(String eventId, Collection<URI> targets, Executor callbacks) {
        this.eventId = eventId;
        this.callbacks = callbacks;
        for (URI u : targets) {
            replies.put(u, null);
        }
        this.remaining = replies.size();
    }

    synchronized void timer(ScheduledFuture<?> t) {
        if (remaining == 0) {
            t.cancel(false);
        } else {
            this.timer = t;
        }
    }

    /** Records the reply of {@code relay} if it has none yet. */
    void complete(URI relay, RelayReply reply) {
        PublishResult result;
        synchronized (this) {
            if (!replies.containsKey(relay) || replies.get(relay) != null) {
                return;
            }
            replies.put(relay, reply);
            if (--remaining > 0) {
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            result = new PublishResult(eventId, replies);
        }
        try {
            callbacks.execute(() -> future.complete(result));
        } catch (RejectedExecutionException e) {
            future.complete(result);
        }
    }

    /** Gives every relay without a reply yet {@code reply}. */
    void completeRemaining(RelayReply reply) {
        java.util.List<URI> missing = new java.util.ArrayList<>();
        synchronized (this) {
            replies.forEach((k, v) -> {
                if (v == null) {
                    missing.add(k);
                }
            });
        }
        for (URI u : missing) {
            complete(u, reply);
        }
    }

    /** True when complete. */
    synchronized boolean done() {
        return remaining == 0;
    }
}
