package network.mostro.server.lightning.lnd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;

/**
 * One invoice subscription that survives dropped streams. Each connection ("generation") first re-reads the state
 * with {@code LookupInvoice}, then opens {@code SubscribeSingleInvoice} (whose first message is the current state
 * again); a drop, a stream end, an error or a silent stream schedules the next generation after an exponential
 * backoff with jitter. Updates are de-duplicated and delivered in order through a {@link SerialExecutor}; a hold
 * invoice seen SETTLED right after OPEN (both changes happened while disconnected) is reported ACCEPTED first,
 * since a hold invoice is only settled from ACCEPTED. A final state or a permanent error (unknown invoice,
 * refused credentials) ends the watch. Thread-safe.
 */
final class InvoiceWatch implements InvoiceSubscription {
    private final LndRestBackend backend;
    private final String hashHex;
    private final InvoiceListener listener;
    private final SerialExecutor delivery;
    private final ScheduledExecutorService timer;
    private final long backoffMinMs;
    private final long backoffMaxMs;
    private final long idleMs;

    // guarded by this
    private boolean closed;
    private int generation;
    private long backoffMs;
    private LndHttp.Stream stream;
    private ScheduledFuture<?> pendingTimer;
    private InvoiceUpdate last;

    InvoiceWatch(LndRestBackend backend, String hashHex, InvoiceListener listener, SerialExecutor delivery,
            ScheduledExecutorService timer, LndConfig cfg) {
        this.backend = backend;
        this.hashHex = hashHex;
        this.listener = listener;
        this.delivery = delivery;
        this.timer = timer;
        this.backoffMinMs = Math.max(1, cfg.reconnectMin().toMillis());
        this.backoffMaxMs = Math.max(backoffMinMs, cfg.reconnectMax().toMillis());
        this.idleMs = Math.max(1, cfg.streamIdleTimeout().toMillis());
        this.backoffMs = backoffMinMs;
    }

    void start() {
        connect(0);
    }

    private void connect(int gen) {
        synchronized (this) {
            if (closed || gen != generation) {
                return;
            }
        }
        backend.lookupRaw(hashHex).whenComplete((u, err) -> {
            if (err != null) {
                failure(gen, LndErrors.transport(err, "LookupInvoice"));
                return;
            }
            update(gen, u);
            openStream(gen);
        });
    }

    private void openStream(int gen) {
        LndHttp.Stream s;
        synchronized (this) {
            if (closed || gen != generation) {
                return;
            }
            armIdle(gen);
        }
        s = backend.http().streamGet("/v2/invoices/subscribe/" + LndJson.b64url(hashHex), "SubscribeSingleInvoice",
                new NdjsonSubscriber.StreamHandler() {
                    @Override
                    public void onResult(JsonNode result) {
                        InvoiceUpdate u;
                        try {
                            u = LndJson.invoiceUpdate(result, hashHex, "SubscribeSingleInvoice");
                        } catch (LightningException e) {
                            failure(gen, e);
                            return;
                        }
                        synchronized (InvoiceWatch.this) {
                            if (gen == generation) {
                                backoffMs = backoffMinMs; // a working stream resets the backoff
                                armIdle(gen);
                            }
                        }
                        update(gen, u);
                    }

                    @Override
                    public void onError(LightningException error) {
                        failure(gen, error);
                    }

                    @Override
                    public void onEnd() {
                        failure(gen, new LightningException(Reason.UNAVAILABLE, "invoice stream ended"));
                    }
                });
        boolean cancel;
        synchronized (this) {
            cancel = closed || gen != generation;
            if (!cancel) {
                stream = s;
            }
        }
        if (cancel) {
            s.cancel();
        }
    }

    /** (Re)starts the silence timer of generation {@code gen}; caller holds the lock. */
    private void armIdle(int gen) {
        if (pendingTimer != null) {
            pendingTimer.cancel(false);
        }
        try {
            pendingTimer = timer.schedule(() -> failure(gen, new LightningException(Reason.TIMEOUT,
                    "invoice stream silent for " + idleMs + " ms")), idleMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pendingTimer = null;
        }
    }

    private void update(int gen, InvoiceUpdate u) {
        boolean terminal;
        synchronized (this) {
            if (closed || gen != generation) {
                return;
            }
            InvoiceUpdate prev = last;
            if (prev != null && prev.state() == u.state() && prev.amountPaidSats() == u.amountPaidSats()
                    && prev.htlcExpiryHeight() == u.htlcExpiryHeight()) {
                return;
            }
            if (prev != null && prev.state() == InvoiceState.OPEN && u.state() == InvoiceState.SETTLED) {
                InvoiceUpdate accepted = new InvoiceUpdate(hashHex, InvoiceState.ACCEPTED, u.amountPaidSats(), 0);
                delivery.execute(() -> listener.onUpdate(accepted));
            }
            last = u;
            delivery.execute(() -> listener.onUpdate(u));
            terminal = u.state().isFinal();
            if (terminal) {
                endLocked();
            }
        }
        if (terminal) {
            backend.forget(this);
        }
    }

    private void failure(int gen, LightningException e) {
        boolean permanent = e.reason() == Reason.NOT_FOUND || e.reason() == Reason.UNAUTHORIZED
                || e.reason() == Reason.INVALID_REQUEST || e.reason() == Reason.CLOSED;
        synchronized (this) {
            if (closed || gen != generation) {
                return;
            }
            if (permanent) {
                endLocked();
                delivery.execute(() -> listener.onError(e));
            } else {
                generation++;
                LndHttp.Stream old = stream;
                stream = null;
                if (old != null) {
                    old.cancel();
                }
                long delay = backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
                backoffMs = Math.min(backoffMaxMs, backoffMs * 2);
                int next = generation;
                if (pendingTimer != null) {
                    pendingTimer.cancel(false);
                }
                try {
                    pendingTimer = timer.schedule(() -> connect(next), delay, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException rejected) {
                    pendingTimer = null;
                }
                return;
            }
        }
        backend.forget(this);
    }

    /** Stops everything; caller holds the lock. */
    private void endLocked() {
        closed = true;
        generation++;
        if (pendingTimer != null) {
            pendingTimer.cancel(false);
            pendingTimer = null;
        }
        if (stream != null) {
            stream.cancel();
            stream = null;
        }
    }

    /** The backend is closing: report CLOSED to a live subscription and stop. */
    void backendClosed() {
        synchronized (this) {
            if (closed) {
                return;
            }
            endLocked();
            LightningException e = new LightningException(Reason.CLOSED, "LND backend closed");
            delivery.execute(() -> listener.onError(e));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            endLocked();
        }
        backend.forget(this);
    }
}
