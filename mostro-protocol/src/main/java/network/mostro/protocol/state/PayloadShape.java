package network.mostro.protocol.state;

/**
 * The payload a notification carries, at the level of detail the state machine fixes (SPEC §7.1). Immutable and
 * thread-safe.
 */
public enum PayloadShape {
    /** {@code null}. */
    NONE,
    /** {@code order} (a SmallOrder). */
    ORDER,
    /** {@code payment_request} with the escrow hold invoice. */
    HOLD_INVOICE_REQUEST,
    /** {@code payment_request} with a bond hold invoice. */
    BOND_INVOICE_REQUEST,
    /** {@code peer} with an empty pubkey: a reputation notice, not an invoice (§7.2). */
    REPUTATION_NOTICE,
    /** {@code peer} with a trade or solver pubkey. */
    PEER,
    /** {@code dispute} {@code [id, null]}. */
    DISPUTE_ID,
    /** {@code dispute} {@code [id, SolverDisputeInfo]}. */
    SOLVER_DISPUTE_INFO,
    /** {@code rating_user}. */
    RATING,
    /** {@code payment_failed}. */
    PAYMENT_FAILED,
    /** {@code bond_payout_request}. */
    BOND_PAYOUT_REQUEST
}
