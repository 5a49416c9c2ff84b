package network.mostro.server.lightning;

/** The state of an outgoing payment. */
public enum PaymentStatus {
    /** The backend has no record of the payment. */
    UNKNOWN,
    /** HTLCs are in flight; the outcome is not known yet. */
    IN_FLIGHT,
    /** Paid; the preimage is known. */
    SUCCEEDED,
    /** Failed for good; no HTLC is in flight, so paying again is safe. */
    FAILED
}
