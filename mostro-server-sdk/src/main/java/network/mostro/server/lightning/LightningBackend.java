package network.mostro.server.lightning;

import java.util.concurrent.CompletionStage;

/**
 * The Lightning node a Mostro node escrows with (SPEC §10): hold invoices for the seller's sats, payouts to the
 * buyer, payment tracking, and the chain facts the escrow deadline guard needs.
 *
 * <p>Two implementations ship with the SDK: the embedded in-process network ({@code EmbeddedLightning}, the
 * default for demos and tests) and LND over REST ({@code LndBackend}). Payment hashes and preimages are 64-character
 * lowercase hex strings; amounts are whole sats.
 *
 * <p>Failures complete the returned stage exceptionally with a {@link LightningException}. Every method is
 * non-blocking and <b>implementations must be thread-safe</b>; listeners may be called from any thread but never
 * concurrently for the same subscription.
 */
public interface LightningBackend extends AutoCloseable {

    /** The backend's identity, network and current block height (LND {@code GetInfo}). */
    CompletionStage<NodeInfo> getInfo();

    /**
     * Creates a hold invoice for {@code request.paymentHash()} (LND {@code AddHoldInvoice}). The backend never sees
     * the preimage until {@link #settleHoldInvoice}.
     *
     * @return the invoice; fails with {@link LightningException.Reason#ALREADY_EXISTS} if the hash is taken
     */
    CompletionStage<HoldInvoice> addHoldInvoice(HoldInvoiceRequest request);

    /**
     * Settles an accepted hold invoice with its preimage (LND {@code SettleInvoice}). Settling an invoice that is
     * already settled with the same preimage succeeds (idempotent); settling one that is not accepted fails with
     * {@link LightningException.Reason#INVALID_STATE}.
     */
    CompletionStage<Void> settleHoldInvoice(String preimageHex);

    /**
     * Cancels a hold invoice, refunding an accepted HTLC (LND {@code CancelInvoice}). Canceling a canceled invoice
     * succeeds (idempotent); canceling a settled one fails with {@link LightningException.Reason#INVALID_STATE}.
     */
    CompletionStage<Void> cancelHoldInvoice(String paymentHashHex);

    /** The current state of an invoice this backend created (LND {@code LookupInvoice}); NOT_FOUND otherwise. */
    CompletionStage<InvoiceUpdate> lookupInvoice(String paymentHashHex);

    /**
     * Streams the state of one invoice (LND {@code SubscribeSingleInvoice}): the current state first, then every
     * change, in order, without gaps — implementations reconnect after a dropped stream and re-read the state.
     * Close the returned subscription to stop.
     */
    InvoiceSubscription subscribeInvoice(String paymentHashHex, InvoiceListener listener);

    /**
     * Pays a BOLT11 invoice and completes when the payment is final (LND {@code SendPaymentV2} then
     * {@code TrackPaymentV2}). Idempotent per payment hash: if the backend already knows a payment for this invoice,
     * it tracks that payment instead of paying again, so retrying after a crash never pays twice.
     *
     * @return the final payment ({@link PaymentStatus#SUCCEEDED} or {@link PaymentStatus#FAILED}). The stage fails
     *     with {@link LightningException.Reason#INVALID_REQUEST} when the request was refused before anything was
     *     sent (malformed invoice, amount mismatch: nothing was paid), and with {@code UNAVAILABLE}, {@code TIMEOUT}
     *     or {@code CLOSED} when the outcome is unknown — callers must then {@link #trackPayment track} the payment
     *     and must not pay another invoice for the same purpose until it is known to have failed
     */
    CompletionStage<Payment> sendPayment(PayRequest request);

    /**
     * The state of an outgoing payment (LND {@code TrackPaymentV2}); {@link PaymentStatus#UNKNOWN} if this backend
     * never attempted it.
     */
    CompletionStage<Payment> trackPayment(String paymentHashHex);

    /** Releases connections and threads; pending stages fail with {@link LightningException.Reason#CLOSED}. */
    @Override
    void close();
}
