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
        Bolt11Invoice inv = Bolt11.decode(bolt11);
        if (inv.network() != engine.nodeInfo.network()) {
            LOG.warn("dev fee invoice is for {}, not {}", inv.network(), engine.nodeInfo.network());
            return;
        }
        OrderRecord claimed = o.toBuilder().version(o.version() + 1).devFeePaymentHash(inv.paymentHash()).build();
        if (!engine.store.commit(List.of(new Write.UpdateOrder(claimed)))) {
            return; // changed meanwhile; next run
        }
        long budget = Fees.routingFeeBudget(o.devFee(), engine.s.maxRoutingFee());
        Payment p = Engine.join(engine.ln.sendPayment(new PayRequest(bolt11, 0, budget,
                Duration.ofSeconds(engine.s.payoutTimeoutSeconds()))));
        if (p.status() == PaymentStatus.SUCCEEDED) {
            markDevFeePaid(o.id(), p);
        }
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
                case UNKNOWN -> { } // never reached the backend: pay
            }
        }
        long payoutSats = o.amount() - o.fee();
        String bolt11;
        String dest = o.buyerInvoice();
        PaymentRequestKind kind = PaymentRequests.classify(dest);
        try {
            if (kind == PaymentRequestKind.LIGHTNING_ADDRESS || kind == PaymentRequestKind.LNURL) {
                if (engine.lnurl == null) {
                    throw new IllegalStateException("no LNURL resolver configured");
                }
                bolt11 = engine.lnurl.invoiceFor(dest, payoutSats).toCompletableFuture().get(30, TimeUnit.SECONDS);
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
        Bolt11Invoice inv;
        try {
            inv = Bolt11.decode(bolt11);
        } catch (RuntimeException e) {
            payoutResult(orderId, null);
            return;
        }
        if (inv.network() != engine.nodeInfo.network() || !InvoiceValidator.amountMatchesPayout(inv, payoutSats)
                || inv.isExpiredAt(engine.clock.instant())) {
            LOG.info("payout invoice of order {} unusable (network/amount/expiry)", orderId);
            payoutResult(orderId, null);
            return;
        }
        // Claim: the hash and time are durable before any money moves.
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            OrderRecord cur = engine.store.order(orderId).orElseThrow();
            if (cur.status() != OrderStatus.SETTLED_HOLD_INVOICE || !cur.context().payoutInFlight()) {
                return;
            }
            OrderRecord claimed = cur.toBuilder().version(cur.version() + 1).payoutHash(inv.paymentHash())
                    .payoutClaimedAt(engine.now()).build();
            if (engine.store.commit(List.of(new Write.UpdateOrder(claimed)))) {
                break;
            }
        }
        long fee = Fees.routingFeeBudget(payoutSats, engine.s.maxRoutingFee());
        Payment p;
        try {
            long amount = inv.amountMsat().isEmpty() ? payoutSats : 0;
            p = Engine.join(engine.ln.sendPayment(new PayRequest(bolt11, amount, fee,
                    Duration.ofSeconds(engine.s.payoutTimeoutSeconds()))));
        } catch (RuntimeException e) {
            LOG.warn("payout of order {} has an unknown outcome; the reconciler will track it: {}", orderId,
                    e.toString());
            return;
        }
        payoutResult(orderId, p);
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
            return engine.outcome(o, engine.sm.apply(new OrderState(o.kind(), o.status(), o.context()),
                    new Trigger.Event(ev, RequestFacts.DEFAULT)), q);
        }, null);
    }
}
