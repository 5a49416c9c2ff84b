package network.mostro.server.lightning.lnd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;

/**
 * {@link LightningBackend} over LND's REST API. Owns an HTTP executor, a timer thread and (unless the caller gave
 * one) a callback pool; {@link #close()} stops all of them. Thread-safe.
 */
public final class LndRestBackend implements LightningBackend {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final HexFormat HEX = HexFormat.of();

    private final LndConfig config;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService timer;
    private final ExecutorService ownedCallbacks;
    private final Executor callbacks;
    private final LndHttp http;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final Set<InvoiceWatch> watches = ConcurrentHashMap.newKeySet();
    private final Set<PaymentRun> payments = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Starts a backend with validated settings (no network traffic until the first call). */
    public LndRestBackend(LndConfig config) {
        this.config = config;
        int id = INSTANCES.incrementAndGet();
        this.httpExecutor = Executors.newCachedThreadPool(daemon("mostro-lnd-" + id + "-http"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("mostro-lnd-" + id + "-timer"));
        if (config.callbackExecutor() == null) {
            this.ownedCallbacks = Executors.newCachedThreadPool(daemon("mostro-lnd-" + id + "-callback"));
            this.callbacks = ownedCallbacks;
        } else {
            this.ownedCallbacks = null;
            this.callbacks = config.callbackExecutor();
        }
        this.http = new LndHttp(config, httpExecutor, timer);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    LndHttp http() {
        return http;
    }

    void forget(InvoiceWatch w) {
        watches.remove(w);
    }

    // ---------------------------------------------------------------- plumbing

    /** A stage the caller sees: completed on the callback executor, failed with CLOSED on close. */
    private <T> CompletableFuture<T> track(CompletableFuture<T> inner) {
        CompletableFuture<T> out = new CompletableFuture<>();
        if (closed.get()) {
            inner.cancel(true);
            out.completeExceptionally(closedException());
            return out;
        }
        pending.add(out);
        inner.whenComplete((v, err) -> {
            pending.remove(out);
            Runnable r = err == null ? () -> out.complete(v)
                    : () -> out.completeExceptionally(LndErrors.transport(err, "call"));
            try {
                callbacks.execute(r);
            } catch (RejectedExecutionException e) {
                r.run();
            }
        });
        return out;
    }

    private static LightningException closedException() {
        return new LightningException(Reason.CLOSED, "LND backend closed");
    }

    private static <T> CompletableFuture<T> failed(Reason reason, String message) {
        return CompletableFuture.failedFuture(new LightningException(reason, message));
    }

    private static boolean isHash(String hex) {
        return hex != null && hex.length() == 64 && hex.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f'));
    }

    // ---------------------------------------------------------------- unary calls

    @Override
    public CompletionStage<NodeInfo> getInfo() {
        return track(http.get("/v1/getinfo", "GetInfo").thenApply(LndJson::nodeInfo));
    }

    @Override
    public CompletionStage<HoldInvoice> addHoldInvoice(HoldInvoiceRequest request) {
        if (request == null) {
            return track(failed(Reason.INVALID_REQUEST, "request is null"));
        }
        ObjectNode body = LndJson.object();
        body.put("memo", request.memo());
        body.put("hash", LndJson.b64(request.paymentHashHex()));
        body.put("value", Long.toString(request.amountSats()));
        body.put("cltv_expiry", Long.toString(request.cltvExpiry()));
        if (request.expirySeconds() > 0) {
            body.put("expiry", Long.toString(request.expirySeconds()));
        }
        return track(http.post("/v2/invoices/hodl", body, "AddHoldInvoice").thenApply(r -> {
            LndJson.requireObject(r, "AddHoldInvoice");
            String pr = LndJson.text(r, "payment_request");
            if (pr.isEmpty()) {
                throw LndJson.malformed("AddHoldInvoice", "payment_request missing");
            }
            checkInvoiceHash(pr, request.paymentHashHex());
            return new HoldInvoice(request.paymentHashHex(), pr, request.amountSats());
        }));
    }

    /** Refuses an invoice the node issued for another hash; tolerates invoices our decoder cannot read. */
    private static void checkInvoiceHash(String paymentRequest, String hashHex) {
        Bolt11Invoice inv;
        try {
            inv = Bolt11.decode(paymentRequest);
        } catch (RuntimeException e) {
            return;
        }
        if (!inv.paymentHash().equals(hashHex)) {
            throw LndJson.malformed("AddHoldInvoice", "payment_request is for another payment hash");
        }
    }

    @Override
    public CompletionStage<Void> settleHoldInvoice(String preimageHex) {
        if (!isHash(preimageHex)) {
            return track(failed(Reason.INVALID_REQUEST, "preimage must be 64 lowercase hex characters"));
        }
        ObjectNode body = LndJson.object();
        body.put("preimage", LndJson.b64(preimageHex));
        return track(http.post("/v2/invoices/settle", body, "SettleInvoice").handle((r, err) -> {
            if (err == null) {
                return null;
            }
            LightningException e = LndErrors.transport(err, "SettleInvoice");
            if (e.reason() == Reason.INVALID_STATE && e.getMessage().contains("already settled")) {
                return null; // idempotent: LND keys invoices by SHA256(preimage), so it is the same preimage
            }
            throw e;
        }));
    }

    @Override
    public CompletionStage<Void> cancelHoldInvoice(String paymentHashHex) {
        if (!isHash(paymentHashHex)) {
            return track(failed(Reason.INVALID_REQUEST, "payment hash must be 64 lowercase hex characters"));
        }
        ObjectNode body = LndJson.object();
        body.put("payment_hash", LndJson.b64(paymentHashHex));
        return track(http.post("/v2/invoices/cancel", body, "CancelInvoice").handle((r, err) -> {
            if (err == null) {
                return null;
            }
            LightningException e = LndErrors.transport(err, "CancelInvoice");
            if (e.reason() == Reason.INVALID_STATE && e.getMessage().contains("already canceled")) {
                return null; // idempotent (recent LND already answers success)
            }
            throw e;
        }));
    }

    /** LookupInvoice without the caller-facing wrapper (used by subscriptions). */
    CompletableFuture<InvoiceUpdate> lookupRaw(String hashHex) {
        return http.get("/v1/invoice/" + hashHex, "LookupInvoice")
                .thenApply(r -> LndJson.invoiceUpdate(r, hashHex, "LookupInvoice"));
    }

    @Override
    public CompletionStage<InvoiceUpdate> lookupInvoice(String paymentHashHex) {
        if (!isHash(paymentHashHex)) {
            return track(failed(Reason.INVALID_REQUEST, "payment hash must be 64 lowercase hex characters"));
        }
        return track(lookupRaw(paymentHashHex));
    }

    @Override
    public InvoiceSubscription subscribeInvoice(String paymentHashHex, InvoiceListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        SerialExecutor delivery = new SerialExecutor(callbacks);
        if (!isHash(paymentHashHex) || closed.get()) {
            LightningException e = closed.get() ? closedException()
                    : new LightningException(Reason.INVALID_REQUEST, "payment hash must be 64 lowercase hex characters");
            delivery.execute(() -> listener.onError(e));
            return () -> { };
        }
        InvoiceWatch w = new InvoiceWatch(this, paymentHashHex, listener, delivery, timer, config);
        watches.add(w);
        if (closed.get()) {
            w.backendClosed();
            watches.remove(w);
        } else {
            w.start();
        }
        return w;
    }

    // ---------------------------------------------------------------- payments

    @Override
    public CompletionStage<Payment> sendPayment(PayRequest request) {
        if (request == null) {
            return track(failed(Reason.INVALID_REQUEST, "request is null"));
        }
        Bolt11Invoice inv;
        try {
            inv = Bolt11.decode(request.bolt11().strip());
        } catch (RuntimeException e) {
            return track(failed(Reason.INVALID_REQUEST, "invoice does not decode: " + e.getMessage()));
        }
        ObjectNode body = LndJson.object();
        body.put("payment_request", request.bolt11().strip());
        if (inv.isAmountless()) {
            if (request.amountSats() <= 0) {
                return track(failed(Reason.INVALID_REQUEST, "amountless invoice needs an amount"));
            }
            body.put("amt", Long.toString(request.amountSats()));
        } else if (request.amountSats() > 0 && inv.amountMsat().getAsLong() != request.amountSats() * 1000) {
            return track(failed(Reason.INVALID_REQUEST, "amount " + request.amountSats()
                    + " sats differs from the invoice's " + inv.amountMsat().getAsLong() + " msat"));
        }
        body.put("fee_limit_sat", Long.toString(request.feeLimitSats()));
        long secs = Math.max(1, (request.timeout().toMillis() + 999) / 1000);
        body.put("timeout_seconds", (int) Math.min(Integer.MAX_VALUE, secs));
        body.put("no_inflight_updates", true);
        long deadlineMs = Math.addExact(request.timeout().toMillis(), config.paymentGrace().toMillis());
        PaymentRun run = new PaymentRun(inv.paymentHash(), body, deadlineMs);
        payments.add(run);
        run.result.whenComplete((p, e) -> payments.remove(run));
        run.start();
        return track(run.result);
    }

    private static boolean isDuplicatePayment(LightningException e) {
        String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return e.reason() == Reason.ALREADY_EXISTS || m.contains("payment is in transition")
                || m.contains("invoice is already paid") || m.contains("already been initiated")
                || m.contains("payment already exists") || m.contains("already paid");
    }

    /**
     * One {@code sendPayment}: SendPaymentV2, and TrackPaymentV2 whenever the outcome is not known yet (LND already
     * has the payment, the stream dropped or ended early). LND refuses a second payment for a hash that is in
     * flight or paid, so re-sending after "not initiated" is safe.
     */
    private final class PaymentRun {
        final String hashHex;
        final ObjectNode body;
        final CompletableFuture<Payment> result = new CompletableFuture<>();
        final long deadlineMs;
        private LndHttp.Stream stream; // guarded by this
        private boolean stopped; // guarded by this: no further HTTP call once set
        private long backoffMs = Math.max(1, config.reconnectMin().toMillis());
        private final AtomicInteger step = new AtomicInteger();

        PaymentRun(String hashHex, ObjectNode body, long deadlineMs) {
            this.hashHex = hashHex;
            this.body = body;
            this.deadlineMs = deadlineMs;
        }

        void start() {
            try {
                timer.schedule(() -> fail(new LightningException(Reason.TIMEOUT, "payment " + hashHex
                        + " has no final outcome after " + deadlineMs + " ms; track it later")),
                        deadlineMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                fail(closedException());
                return;
            }
            send();
        }

        private void open(int s, LndHttp.Stream st) {
            synchronized (this) {
                if (result.isDone() || s != step.get()) {
                    st.cancel();
                    return;
                }
                stream = st;
            }
        }

        // send() and trackNow() check, under this run's lock, that the caller has not been given an outcome yet
        // before any HTTP call: a retry scheduled by later() may fire after fail() timed the run out, and a
        // SendPaymentV2 must never reach LND after the caller was told the outcome is unknown. fail() sets
        // `stopped` under the same lock, so a request is either issued before the time-out (and canceled by it) or
        // not at all.
        private void send() {
            synchronized (this) {
                if (stopped || result.isDone()) {
                    return;
                }
                int s = step.incrementAndGet();
                open(s, http.streamPost("/v2/router/send", body, "SendPaymentV2", handler(s, true)));
            }
        }

        private void trackNow() {
            synchronized (this) {
                if (stopped || result.isDone()) {
                    return;
                }
                int s = step.incrementAndGet();
                open(s, http.streamGet("/v2/router/track/" + LndJson.b64url(hashHex) + "?no_inflight_updates=true",
                        "TrackPaymentV2", handler(s, false)));
            }
        }

        private synchronized void later(Runnable r) {
            long delay = backoffMs;
            backoffMs = Math.min(Math.max(backoffMs, config.reconnectMax().toMillis()), backoffMs * 2);
            try {
                timer.schedule(r, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                fail(closedException());
            }
        }

        private NdjsonSubscriber.StreamHandler handler(int s, boolean sending) {
            return new NdjsonSubscriber.StreamHandler() {
                @Override
                public void onResult(JsonNode r) {
                    if (s != step.get()) {
                        return;
                    }
                    Payment p = LndJson.payment(r, hashHex, sending ? "SendPaymentV2" : "TrackPaymentV2");
                    if (p.status() == PaymentStatus.SUCCEEDED || p.status() == PaymentStatus.FAILED) {
                        finish(p);
                    }
                }

                @Override
                public void onError(LightningException e) {
                    if (s != step.get() || result.isDone()) {
                        return;
                    }
                    if (sending && isDuplicatePayment(e)) {
                        trackNow();
                    } else if (!sending && e.reason() == Reason.NOT_FOUND) {
                        later(PaymentRun.this::send); // never reached LND: sending again is safe
                    } else if (e.isRetryable()) {
                        later(PaymentRun.this::trackNow);
                    } else {
                        fail(e);
                    }
                }

                @Override
                public void onEnd() {
                    if (s == step.get() && !result.isDone()) {
                        later(PaymentRun.this::trackNow);
                    }
                }
            };
        }

        private void finish(Payment p) {
            synchronized (this) {
                stopped = true;
            }
            if (result.complete(p)) {
                cancelStream();
            }
        }

        void fail(LightningException e) {
            synchronized (this) {
                stopped = true;
            }
            if (result.completeExceptionally(e)) {
                cancelStream();
            }
        }

        private void cancelStream() {
            LndHttp.Stream st;
            synchronized (this) {
                st = stream;
                stream = null;
            }
            step.incrementAndGet();
            if (st != null) {
                st.cancel();
            }
        }
    }

    @Override
    public CompletionStage<Payment> trackPayment(String paymentHashHex) {
        if (!isHash(paymentHashHex)) {
            return track(failed(Reason.INVALID_REQUEST, "payment hash must be 64 lowercase hex characters"));
        }
        CompletableFuture<Payment> out = new CompletableFuture<>();
        LndHttp.Stream st = http.streamGet("/v2/router/track/" + LndJson.b64url(paymentHashHex)
                + "?no_inflight_updates=false", "TrackPaymentV2", new NdjsonSubscriber.StreamHandler() {
                    @Override
                    public void onResult(JsonNode r) {
                        out.complete(LndJson.payment(r, paymentHashHex, "TrackPaymentV2"));
                    }

                    @Override
                    public void onError(LightningException e) {
                        if (e.reason() == Reason.NOT_FOUND) {
                            out.complete(new Payment(paymentHashHex, PaymentStatus.UNKNOWN, 0, 0, Optional.empty(),
                                    Optional.empty()));
                        } else {
                            out.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void onEnd() {
                        out.completeExceptionally(new LightningException(Reason.UNAVAILABLE,
                                "LND TrackPaymentV2: stream ended without a state"));
                    }
                });
        CompletableFuture<Payment> bounded = http.within(out, config.requestTimeout().toMillis())
                .handle((p, err) -> {
                    st.cancel();
                    if (err != null) {
                        if (LndErrors.unwrap(err) instanceof java.util.concurrent.TimeoutException) {
                            throw new LightningException(Reason.TIMEOUT, "LND TrackPaymentV2: no state in time");
                        }
                        throw LndErrors.transport(err, "TrackPaymentV2");
                    }
                    return p;
                });
        return track(bounded);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (InvoiceWatch w : watches) {
            w.backendClosed();
        }
        watches.clear();
        for (PaymentRun r : payments) {
            r.fail(closedException());
        }
        for (CompletableFuture<?> f : pending) {
            f.completeExceptionally(closedException());
        }
        pending.clear();
        timer.shutdownNow();
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown(); // lets the queued onError(CLOSED) calls run
            try {
                if (!ownedCallbacks.awaitTermination(2, TimeUnit.SECONDS)) {
                    ownedCallbacks.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownedCallbacks.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        httpExecutor.shutdownNow();
        http.close();
    }

    /** Hex helper for tests of this package. */
    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
