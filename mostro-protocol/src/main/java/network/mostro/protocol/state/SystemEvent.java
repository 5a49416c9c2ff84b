package network.mostro.protocol.state;

/**
 * Something that happens to an order without a user message: Lightning backend callbacks and scheduler jobs
 * (SPEC §10, §11, §14). Immutable and thread-safe.
 */
public enum SystemEvent {
    /** LND reports the escrow hold invoice ACCEPTED (the seller paid; {@code hold_invoice_paid}). */
    HOLD_INVOICE_ACCEPTED,
    /** LND canceled the held escrow HTLC on its own (past the guardian deadline, §10.1). */
    HOLD_INVOICE_CANCELED,
    /** The maker's bond HTLC was accepted. */
    MAKER_BOND_ACCEPTED,
    /** A prospective taker's bond HTLC was accepted first; the facts are those of that taker's take. */
    TAKER_BOND_ACCEPTED,
    /** The buyer payout succeeded. */
    PAYOUT_SUCCEEDED,
    /** The first buyer payout attempt failed. */
    PAYOUT_FAILED_FIRST,
    /** A retry failed and attempts remain. */
    PAYOUT_FAILED_RETRY,
    /** The last allowed attempt failed ({@code payment_attempts} reached). */
    PAYOUT_FAILED_LAST,
    /** The payout retry job ticks ({@code payment_retries_interval}). */
    PAYOUT_RETRY_DUE,
    /** {@code job_expire_pending_older_orders}: {@code expires_at} passed. */
    PENDING_EXPIRED,
    /** {@code job_cancel_orders}: a waiting duty ran out ({@code expiration_seconds}). */
    WAITING_TIMEOUT,
    /** {@code job_enforce_escrow_deadline}: the escrow HTLC is within the safety margin of its expiry. */
    ESCROW_DEADLINE,
    /** {@code job_process_bond_payouts}: ask the winner of a slashed bond for an invoice (again). */
    BOND_PAYOUT_REQUEST_DUE,
    /** The slashed bond's share was paid to the winner. */
    BOND_PAYOUT_SUCCEEDED
}
