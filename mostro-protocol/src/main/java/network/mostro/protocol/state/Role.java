package network.mostro.protocol.state;

/**
 * Who sent a user action, as the node resolves it from the sender's trade key and identity (SPEC §7.2, §13).
 *
 * <p>{@link #BUYER} and {@link #SELLER} are the keys stored on the order (maker or taker, depending on the order
 * kind, see {@link Party#maker}). Before an order is taken only the maker's slot exists; a role whose slot is empty
 * is rejected by {@link OrderStateMachine#apply} (see {@link #isPresentIn(OrderState)}). Solver roles matter only for
 * {@code admin-*} actions; for any other action a solver or the node key is an ordinary {@link #OTHER_USER}.
 * Immutable and thread-safe.
 */
public enum Role {
    /** The order's buyer trade key. */
    BUYER,
    /** The order's seller trade key. */
    SELLER,
    /** A prospective taker whose taker bond is outstanding on a pending / waiting-taker-bond order (SPEC §14). */
    BONDED_TAKER,
    /** Any other user: a would-be taker, a stranger, a solver acting as a user. */
    OTHER_USER,
    /** A registered read-only solver (category 1) that is not the dispute's assigned solver. */
    SOLVER_READ,
    /** A registered read-write solver (category 2) that is not the dispute's assigned solver. */
    SOLVER_READ_WRITE,
    /** The dispute's assigned solver, read-only. */
    ASSIGNED_SOLVER_READ,
    /** The dispute's assigned solver, read-write. */
    ASSIGNED_SOLVER_READ_WRITE,
    /** The node's own key (the admin); it is the assigned solver iff {@link TradeContext#disputeAssignee()} says so. */
    NODE_ADMIN;

    /** The trading party this role denotes, or null for non-party roles. */
    public Party party() {
        return switch (this) {
            case BUYER -> Party.BUYER;
            case SELLER -> Party.SELLER;
            default -> null;
        };
    }

    /**
     * Whether a sender with this role can exist for {@code state}: the taker's party slot exists only once a taker
     * was assigned, {@link #BONDED_TAKER} only while taker bonds are outstanding, the assigned-solver roles only when
     * the context names an assignee of that permission.
     */
    public boolean isPresentIn(OrderState state) {
        TradeContext c = state.context();
        return switch (this) {
            case BUYER, SELLER -> party().isMakerOf(state.kind()) || c.takerAssigned();
            case BONDED_TAKER -> c.takerBonds() > 0;
            case ASSIGNED_SOLVER_READ -> c.disputeAssignee() == DisputeAssignee.READ_SOLVER;
            case ASSIGNED_SOLVER_READ_WRITE -> c.disputeAssignee() == DisputeAssignee.READ_WRITE_SOLVER;
            case OTHER_USER, SOLVER_READ, SOLVER_READ_WRITE, NODE_ADMIN -> true;
        };
    }
}
