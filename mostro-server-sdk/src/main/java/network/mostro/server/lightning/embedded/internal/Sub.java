package network.mostro.server.lightning.embedded.internal;

import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningException;

/** One invoice subscription: updates go through its own serial queue, so never concurrently. Thread-safe. */
final class Sub implements InvoiceSubscription {
    private final Net net;
    final NodeHandle owner;
    final Net.InvoiceRec rec;
    private final InvoiceListener listener;
    private final SerialQueue queue;
    private volatile boolean closed;

    Sub(Net net, NodeHandle owner, Net.InvoiceRec rec, InvoiceListener listener, SerialQueue queue) {
        this.net = net;
        this.owner = owner;
        this.rec = rec;
        this.listener = listener;
        this.queue = queue;
    }

    void deliver(InvoiceUpdate update) {
        queue.submit(() -> {
            if (!closed) {
                listener.onUpdate(update);
            }
        });
    }

    /** Ends the subscription with an error, delivered after every update queued before it. */
    void fail(LightningException error) {
        queue.submit(() -> {
            if (!closed) {
                closed = true;
                listener.onError(error);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        synchronized (net.lock) {
            if (rec != null) {
                net.unsubscribeLocked(rec, this);
            }
            owner.forget(this);
        }
    }
}
