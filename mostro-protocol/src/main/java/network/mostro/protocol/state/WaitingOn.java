package network.mostro.protocol.state;

/**
 * Whose move it is in a status ({@link OrderStateMachine#waitingOn}). Immutable and thread-safe.
 */
public enum WaitingOn {
    /** The buyer must act (send an invoice, send fiat). */
    BUYER,
    /** The seller must act (lock a bond or the escrow, release). */
    SELLER,
    /** A taker must take the order (or a bonded taker lock its bond); the node expires it otherwise. */
    TAKER,
    /** A solver must resolve the dispute. */
    SOLVER,
    /** The node must act (pay the buyer). */
    NODE,
    /** Nobody: the status is terminal (or never stored). */
    NONE
}
