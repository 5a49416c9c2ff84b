package network.mostro.server.lightning.embedded.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import network.mostro.nostr.NostrException;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;

/**
 * One connection to an embedded node. The node's invoices, payments and balance live in the {@link Net} and
 * outlive the handle, so a new handle after {@link #close()} sees them, like a restarted client of a running LND.
 * Stages complete and listeners run on this handle's own pool. Thread-safe.
 */
final class NodeHandle implements LightningBackend {
    private final Net net;
    private final Net.Party node;
    private final String poolName;
    private final int seq;
    private final ThreadPoolExecutor pool;
    private final Set<Sub> subs = new LinkedHashSet<>();
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private boolean closed;

    NodeHandle(Net net, Net.Party node, int seq) {
        this.net = net;
        this.node = node;
        this.seq = seq;
        this.poolName = net.threadPrefix + node.name + "-" + seq;
        this.pool = Pools.cached(poolName);
    }

    private <T> CompletionStage<T> call(Supplier<T> body) {
        T value;
        synchronized (net.lock) {
            if (closed) {
                return CompletableFuture.failedFuture(closedError());
            }
            if (net.unavailable()) {
                return CompletableFuture.failedFuture(
                        new LightningException(Reason.UNAVAILABLE, "embedded node " + node.name + " is unavailable"));
            }
            try {
                value = body.get();
            } catch (LightningException e) {
                return CompletableFuture.failedFuture(e);
            } catch (NostrException e) {
                return CompletableFuture.failedFuture(
                        new LightningException(Reason.INVALID_REQUEST, e.getMessage(), e));
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        track(f);
        try {
            pool.execute(() -> f.complete(value));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(closedError());
        }
        return f;
    }

    private void track(CompletableFuture<?> f) {
        pending.add(f);
        f.whenComplete((v, e) -> pending.remove(f));
    }

    private LightningException closedError() {
        return new LightningException(Reason.CLOSED, "embedded node handle " + node.name + "#" + seq + " is closed");
    }

    private static String hash(String hex, String what) {
        if (Bytes.unhex(hex, 32) == null) {
            throw new LightningException(Reason.INVALID_REQUEST, what + " must be 64 lowercase hex characters");
        }
        return hex;
    }

    private Net.InvoiceRec mine(String hashHex) {
        Net.InvoiceRec rec = net.invoiceOf(node, hashHex);
        if (rec == null) {
            throw new LightningException(Reason.NOT_FOUND, "no invoice with payment hash " + hashHex);
        }
        return rec;
    }

    @Override
    public CompletionStage<NodeInfo> getInfo() {
        return call(() -> {
            net.sweepLocked();
            return new NodeInfo(node.pubkey, node.name, Net.VERSION, "", net.network, net.blockHeight(), List.of());
        });
    }

    @Override
    public CompletionStage<HoldInvoice> addHoldInvoice(HoldInvoiceRequest request) {
        if (request == null) {
            return CompletableFuture.failedFuture(new LightningException(Reason.INVALID_REQUEST, "request is null"));
        }
        return call(() -> {
            long expiry = request.expirySeconds() == 0 ? Net.DEFAULT_HOLD_EXPIRY_SECONDS : request.expirySeconds();
            Net.InvoiceRec rec = net.createInvoiceLocked(node, request.paymentHashHex(), null, request.amountSats(),
                    request.memo(), expiry, request.cltvExpiry(), true);
            return new HoldInvoice(rec.hash, rec.invoice.paymentRequest(), request.amountSats());
        });
    }

    @Override
    public CompletionStage<Void> settleHoldInvoice(String preimageHex) {
        return call(() -> {
            byte[] preimage = Bytes.unhex(preimageHex, 32);
            if (preimage == null) {
                throw new LightningException(Reason.INVALID_REQUEST, "preimage must be 64 lowercase hex characters");
            }
            net.sweepLocked();
            Net.InvoiceRec rec = mine(Bytes.hex(Bytes.sha256(preimage)));
            if (!rec.hold) {
                throw new LightningException(Reason.INVALID_STATE, "not a hold invoice");
            }
            if (rec.state == InvoiceState.SETTLED) {
                return null;
            }
            if (rec.state != InvoiceState.ACCEPTED) {
                throw new LightningException(Reason.INVALID_STATE,
                        "cannot settle a hold invoice in state " + rec.state);
            }
            net.settleLocked(rec, preimageHex);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> cancelHoldInvoice(String paymentHashHex) {
        return call(() -> {
            Net.InvoiceRec rec = mine(hash(paymentHashHex, "payment hash"));
            net.sweepLocked();
            if (rec.state == InvoiceState.SETTLED) {
                throw new LightningException(Reason.INVALID_STATE, "cannot cancel a settled invoice");
            }
            net.cancelLocked(rec, Net.INCORRECT_PAYMENT_DETAILS);
            return null;
        });
    }

    @Override
    public CompletionStage<InvoiceUpdate> lookupInvoice(String paymentHashHex) {
        return call(() -> {
            Net.InvoiceRec rec = mine(hash(paymentHashHex, "payment hash"));
            net.sweepLocked();
            return rec.update();
        });
    }

    @Override
    public InvoiceSubscription subscribeInvoice(String paymentHashHex, InvoiceListener listener) {
        Objects.requireNonNull(listener, "listener");
        SerialQueue queue = new SerialQueue(pool);
        synchronized (net.lock) {
            Net.InvoiceRec rec = Bytes.unhex(paymentHashHex, 32) == null ? null : net.invoiceOf(node, paymentHashHex);
            Sub sub = new Sub(net, this, rec, listener, queue);
            if (closed) {
                // The pool is gone: the only thread left to tell the listener is the caller's.
                listener.onError(closedError());
                return sub;
            }
            if (rec == null) {
                sub.fail(new LightningException(Reason.NOT_FOUND, "no invoice with payment hash " + paymentHashHex));
                return sub;
            }
            if (!rec.state.isFinal()) {
                subs.add(sub);
            }
            net.subscribeLocked(rec, sub);
            return sub;
        }
    }

    void forget(Sub sub) {
        subs.remove(sub);
    }

    @Override
    public CompletionStage<Payment> sendPayment(PayRequest request) {
        if (request == null) {
            return CompletableFuture.failedFuture(new LightningException(Reason.INVALID_REQUEST, "request is null"));
        }
        synchronized (net.lock) {
            if (closed) {
                return CompletableFuture.failedFuture(closedError());
            }
        }
        if (net.unavailable()) {
            return CompletableFuture.failedFuture(
                    new LightningException(Reason.UNAVAILABLE, "embedded node " + node.name + " is unavailable"));
        }
        return net.pay(node, true, request.bolt11(), request.amountSats(), request.feeLimitSats(), request.timeout(),
                pool, this::track);
    }

    @Override
    public CompletionStage<Payment> trackPayment(String paymentHashHex) {
        return call(() -> net.track(node, hash(paymentHashHex, "payment hash")));
    }

    @Override
    public void close() {
        List<Sub> ended;
        synchronized (net.lock) {
            if (closed) {
                return;
            }
            closed = true;
            ended = new ArrayList<>(subs);
            subs.clear();
            for (Sub s : ended) {
                if (s.rec != null) {
                    net.unsubscribeLocked(s.rec, s);
                }
            }
        }
        for (Sub s : ended) {
            s.fail(closedError());
        }
        for (CompletableFuture<?> f : List.copyOf(pending)) {
            f.completeExceptionally(closedError());
        }
        net.handleClosed(this);
        Pools.stop(pool, poolName);
    }

    @Override
    public String toString() {
        return "EmbeddedNode[" + node.name + "#" + seq + "]";
    }
}
