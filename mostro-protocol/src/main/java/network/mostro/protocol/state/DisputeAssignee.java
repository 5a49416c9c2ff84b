package network.mostro.protocol.state;

/**
 * Who took the order's dispute with {@code admin-take-dispute} (SPEC §13). Immutable and thread-safe.
 */
public enum DisputeAssignee {
    /** Nobody took it (or there is no dispute). */
    NONE,
    /** A read-only solver: may talk to the parties, may not settle or cancel. */
    READ_SOLVER,
    /** A read-write solver. */
    READ_WRITE_SOLVER,
    /** The node key (admin); it has write permission. */
    NODE_ADMIN
}
