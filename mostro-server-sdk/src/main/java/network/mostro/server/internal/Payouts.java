package network.mostro.server.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import network.mostro.protocol.Fees;
import network.mostro.protocol.event.DevFeeAuditEvent;
import network.mostro.protocol.event.Platform;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.InvoiceRequirements;
import network.mostro.protocol.lightning.InvoiceRule;
import network.mostro.protocol.lightning.InvoiceValidation;
import network.mostro.protocol.lightning.InvoiceValidator;
import network.mostro.protocol.lightning.PaymentRequestKind;
import network.mostro.protocol.lightning.PaymentRequests;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.state.OrderState;
import network.mostro.protocol.state.RequestFacts;
import network.mostro.protocol.state.SystemEvent;
import network.mostro.protocol.state.Trigger;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Money leaving the node (SPEC §10.3, §9.2): the buyer payout, claimed before it is sent and resolved with
 * {@code trackPayment} after a restart so it is never paid twice, and the development fee with its kind-8383 audit
 * event. Part of {@link Engine}; thread-safe (one payout per order at a time).
 */
final class Payouts {
    private static final Logger LOG = LoggerFactory.getLogger(Payouts.class);
    private static final long DAY = 86_400L;
    private static final int MAX_ATTEMPTS = 50;
    /** Meta key prefix of the invoice an LNURL payout claimed (neutralised with an empty value once it ended). */
    static final String META_PAYOUT_INVOICE = "payout.invoice.";

    private final Engine engine;

    Payouts(Engine engine) {
        this.engine = engine;
    }

    /** {@code job_process_dev_fee_payment}: pay the dev fee of completed orders through LNURL-pay, then kind 8383. */
    void jobDevFee() {
        if (engine.lnurl == null || engine.s.devFeeAddress() == null || engine.s.devFeeAddress().isBlank()) {
            return;
        }
        for (OrderRecord o : engine.store.ordersByStatus(List.of(OrderStatus.SUCCESS))) {
            if (o.devFee() > 0 && !o.devFeePaid()) {
                try {
                    payDevFee(o);
                } catch (RuntimeException e) {
                    LOG.info("dev fee of order {} not paid yet: {}", o.id(), e.toString());
                }
            }
        }
    }

    private void payDevFee(OrderRecord o) {
        if (o.devFeePaymentHash() != null) {
            Payment p = Engine.join(engine.ln.trackPayment(o.devFeePaymentHash()));
            if (p.status() == PaymentStatus.SUCCEEDED) {
                markDevFeePaid(o.id(), p);
                return;
            }
            if (p.status() == PaymentStatus.IN_FLIGHT) {
                return;
            }
        }
        String bolt11;
        try {
            bolt11 = engine.lnurl.invoiceFor(engine.s.devFeeAddress(), o.devFee()).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.info("dev fee invoice for order {} unavailable: {}", o.id(), e.toString());
            return;
        }
        Bolt11Invoice inv;
        try {
            inv = Bolt11.decode(bolt11);
        } catch (RuntimeException e) {
            LOG.warn("dev fee invoice for order {} does not decode: {}", o.id(), e.toString());
            return;
        }
        // SPEC §9.2/§10.3: the right network, not expired, an acceptable CLTV and exactly the dev fee (an amountless
        // invoice is paid the dev fee explicitly) — checked before anything is claimed or paid.
        if (!payable(inv, o.devFee(), false)) {
            LOG.warn("dev fee invoice for order {} is unusable (network/amount/expiry/cltv)", o.id());
            return;
        }
        OrderRecord claimed = o.toBuilder().version(o.version() + 1).devFeePaymentHash(inv.paymentHash()).build();
        if (!engine.store.commit(List.of(new Write.UpdateOrder(claimed)))) {
            return; // changed meanwhile; next run
        }
        long budget = Fees.routingFeeBudget(o.devFee(), engine.s.maxRoutingFee());
        long amount = inv.amountMsat().isEmpty() ? o.devFee() : 0;
        Payment p = Engine.join(engine.ln.sendPayment(new PayRequest(bolt11, amount, budget,
                Duration.ofSeconds(engine.s.payoutTimeoutSeconds()))));
        if (p.status() == PaymentStatus.SUCCEEDED) {
            markDevFeePaid(o.id(), p);
        }
    }

    /**
     * SPEC §10.3 checks of an invoice the node is about to pay: its network, not expired, {@code min_final_cltv}
     * at most {@code max_final_cltv_expiry_delta}, and the exact amount ({@code requireAmount}: an amountless invoice
     * is refused, as for an invoice fetched through LNURL-pay, which must carry the amount asked for).
     */
    private boolean payable(Bolt11Invoice inv, long sats, boolean requireAmount) {
        InvoiceValidation v = InvoiceValidator.validate(inv, InvoiceRequirements.builder(engine.nodeInfo.network())
                .maxFinalCltvExpiryDelta(engine.s.maxFinalCltvExpiryDelta()).expectedAmountSats(sats).build(),
                engine.clock.instant());
        if (v.failed(InvoiceRule.WRONG_NETWORK) || v.failed(InvoiceRule.EXPIRED)
                || v.failed(InvoiceRule.CLTV_DELTA_TOO_LARGE) || v.failed(InvoiceRule.AMOUNT_MISMATCH)) {
            return false;
        }
        if (requireAmount && inv.amountMsat().isEmpty()) {
            return false;
        }
        return InvoiceValidator.amountMatchesPayout(inv, sats);
    }

    private void markDevFeePaid(UUID orderId, Payment p) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            OrderRecord cur = engine.store.order(orderId).orElseThrow();
            if (cur.devFeePaid()) {
                return;
            }
            long now = engine.now();
            OrderRecord paid = cur.toBuilder().version(cur.version() + 1).devFeePaid(true)
                    .devFeePaymentHash(p.paymentHashHex()).build();
            DevFeeAuditEvent audit = new DevFeeAuditEvent(
                    orderId.toString(), cur.devFee(), p.paymentHashHex(), engine.s.devFeeAddress(),
                    engine.nodeInfo.network().wireName(), Platform.mostro(engine.s.name()),
                    DevFeeAuditEvent.Z, now + engine.s.feeAuditDays() * DAY, List.of());
            if (engine.store.commit(List.of(new Write.UpdateOrder(paid), new Write.Enqueue(OutboxEntry.of(
                    audit.toUnsignedEvent(engine.nodePub, now).sign(engine.nodeKey).toJson(), "dev-fee-audit", 0))))) {
                engine.requestFlush();
                return;
            }
        }
    }

    /** Runs the buyer payout of an order on the executor (SPEC §10.3), idempotently. */
    void startPayout(UUID orderId) {
        if (engine.closed || !engine.payoutsRunning.add(orderId)) {
            return;
        }
        try {
            engine.executor.execute(() -> {
                try {
                    payout(orderId);
                } catch (RuntimeException e) {
                    LOG.warn("payout of order {} failed internally", orderId, e);
                } finally {
                    engine.payoutsRunning.remove(orderId);
                }
            });
        } catch (RuntimeException e) {
            engine.payoutsRunning.remove(orderId);
        }
    }

    private void payout(UUID orderId) {
        OrderRecord o = engine.store.order(orderId).orElse(null);
        if (o == null || o.status() != OrderStatus.SETTLED_HOLD_INVOICE || !o.context().payoutInFlight()) {
            return;
        }
        // Never pay out before the escrow is settled.
        if (o.holdHash() != null) {
            InvoiceUpdate hold = Engine.join(engine.ln.lookupInvoice(o.holdHash()));
            if (hold.state() == InvoiceState.ACCEPTED) {
                engine.settleQuietly(o.preimage());
                hold = Engine.join(engine.ln.lookupInvoice(o.holdHash()));
            }
            if (hold.state() != InvoiceState.SETTLED) {
                LOG.warn("escrow of order {} is {}, not settled: payout postponed", orderId, hold.state());
                return;
            }
        }
        // A claimed payout: ask the backend what happened before paying again.
        long payoutSats = o.amount() - o.fee();
        String dest = o.buyerInvoice();
        PaymentRequestKind kind = PaymentRequests.classify(dest);
        boolean viaLnurl = kind == PaymentRequestKind.LIGHTNING_ADDRESS || kind == PaymentRequestKind.LNURL;
        String bolt11 = null;
        boolean claimedAlready = false;
        if (o.payoutHash() != null && o.payoutClaimedAt() != null) {
            Payment p = Engine.join(engine.ln.trackPayment(o.payoutHash()));
            switch (p.status()) {
                case SUCCEEDED, FAILED -> {
                    payoutResult(orderId, p);
                    return;
                }
                case IN_FLIGHT -> {
                    return; // the reconciler asks again
                }
                case UNKNOWN -> { } // never reached the backend: send the claimed invoice (never a new one)
            }
            bolt11 = claimedInvoice(o, viaLnurl);
            if (bolt11 != null) {
                Bolt11Invoice claimedInv = Bolt11.decode(bolt11);
                if (claimedInv.isExpiredAt(engine.clock.instant())) {
                    // the backend never saw it and it can no longer be paid: the attempt failed, nothing moved
                    LOG.info("claimed payout invoice of order {} expired unpaid", orderId);
                    payoutResult(orderId, null);
                    return;
                }
                claimedAlready = true;
            }
        }
        if (bolt11 == null) {
            try {
                if (viaLnurl) {
                    if (engine.lnurl == null) {
                        throw new IllegalStateException("no LNURL resolver configured");
                    }
                    bolt11 = engine.lnurl.invoiceFor(dest, payoutSats).toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
                } else {
                    bolt11 = dest;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.info("payout destination of order {} did not resolve: {}", orderId, e.toString());
                payoutResult(orderId, null);
                return;
            }
        }
        Bolt11Invoice inv;
        try {
            inv = Bolt11.decode(bolt11);
        } catch (RuntimeException e) {
            payoutResult(orderId, null);
            return;
        }
        // SPEC §10.3: network, not expired, CLTV, exact amount (an LNURL invoice must carry the amount asked for)
        if (!payable(inv, payoutSats, viaLnurl)) {
            LOG.info("payout invoice of order {} unusable (network/amount/expiry/cltv)", orderId);
            payoutResult(orderId, null);
            return;
        }
        if (!claimedAlready && !claim(orderId, inv, viaLnurl ? bolt11 : null)) {
            // no durable claim, so no payment: the payout stays in flight and the reconciler runs it again
            LOG.warn("payout of order {} could not be claimed; retried by the reconciler", orderId);
            return;
        }
        long fee = Fees.routingFeeBudget(payoutSats, engine.s.maxRoutingFee());
        Payment p;
        try {
            long amount = inv.amountMsat().isEmpty() ? payoutSats : 0;
            p = Engine.join(engine.ln.sendPayment(new PayRequest(bolt11, amount, fee,
                    Duration.ofSeconds(engine.s.payoutTimeoutSeconds()))));
        } catch (LightningException e) {
            if (e.reason() == LightningException.Reason.INVALID_REQUEST) {
                // refused before anything was sent (SPI contract): nothing was paid
                LOG.info("payout of order {} refused by the backend: {}", orderId, e.getMessage());
                payoutResult(orderId, null);
                return;
            }
            LOG.warn("payout of order {} has an unknown outcome; the reconciler will track it: {}", orderId,
                    e.toString());
            return;
        } catch (RuntimeException e) {
            LOG.warn("payout of order {} has an unknown outcome; the reconciler will track it: {}", orderId,
                    e.toString());
            return;
        }
        if (p.status() == PaymentStatus.SUCCEEDED || p.status() == PaymentStatus.FAILED) {
            payoutResult(orderId, p);
        } else {
            // IN_FLIGHT or UNKNOWN from a backend that returns before the end: not a failure. The claim stays, so
            // no new invoice is fetched; the reconciler (every 60 s) resolves it with trackPayment.
            LOG.info("payout of order {} is {}; the reconciler will track it", orderId, p.status());
        }
    }

    /** The invoice a claimed payout sent: the buyer's bolt11, or the one fetched through LNURL (kept in meta). */
    private String claimedInvoice(OrderRecord o, boolean viaLnurl) {
        String candidate = viaLnurl ? engine.store.meta(META_PAYOUT_INVOICE + o.id()).orElse(null) : o.buyerInvoice();
        if (candidate == null || candidate.isEmpty()) {
            return null;
        }
        try {
            return Bolt11.decode(candidate).paymentHash().equals(o.payoutHash()) ? candidate : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Commits the payout claim (hash and time; for an LNURL destination also the fetched invoice, so that a payment
     * whose outcome is unknown is retried with the same invoice and never with a new one). False if no attempt
     * committed.
     */
    private boolean claim(UUID orderId, Bolt11Invoice inv, String lnurlInvoice) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            OrderRecord cur = engine.store.order(orderId).orElse(null);
            if (cur == null || cur.status() != OrderStatus.SETTLED_HOLD_INVOICE || !cur.context().payoutInFlight()) {
                return false;
            }
            OrderRecord claimed = cur.toBuilder().version(cur.version() + 1).payoutHash(inv.paymentHash())
                    .payoutClaimedAt(engine.now()).build();
            List<Write> w = lnurlInvoice == null ? List.of(new Write.UpdateOrder(claimed))
                    : List.of(new Write.UpdateOrder(claimed), new Write.PutMeta(META_PAYOUT_INVOICE + orderId,
                            lnurlInvoice));
            if (engine.store.commit(w)) {
                return true;
            }
        }
        return false;
    }

    /** Records a final payout outcome ({@code p == null}: failed before reaching the backend). */
    private void payoutResult(UUID orderId, Payment p) {
        boolean ok = p != null && p.status() == PaymentStatus.SUCCEEDED;
        if (ok) {
            engine.counters.payoutsOk.incrementAndGet();
        } else {
            engine.counters.payoutsFailed.incrementAndGet();
        }
        engine.commitWithRetry(() -> {
            OrderRecord o = engine.store.order(orderId).orElse(null);
            if (o == null) {
                return null;
            }
            SystemEvent ev;
            if (ok) {
                ev = SystemEvent.PAYOUT_SUCCEEDED;
            } else {
                int attempts = o.paymentAttempts() + 1;
                ev = attempts >= engine.s.paymentAttempts() ? SystemEvent.PAYOUT_FAILED_LAST
                        : attempts == 1 ? SystemEvent.PAYOUT_FAILED_FIRST : SystemEvent.PAYOUT_FAILED_RETRY;
            }
            Engine.Req q = new Engine.Req();
            q.event = ev;
            q.payment = p;
            q.payoutFailed = !ok;
            Engine.Out out = engine.outcome(o, engine.sm.apply(new OrderState(o.kind(), o.status(), o.context()),
                    new Trigger.Event(ev, RequestFacts.DEFAULT)), q);
            String key = META_PAYOUT_INVOICE + orderId;
            if (out != null && out.accepted && !engine.store.meta(key).orElse("").isEmpty()) {
                out.writes.add(new Write.PutMeta(key, "")); // the claimed invoice is resolved: neutralise its row
            }
            return out;
        }, null);
    }
}
