package network.mostro.protocol.state;

/**
 * Which anti-abuse bonds the node requires ({@code [anti_abuse_bond] apply_to}, SPEC §14). Immutable and
 * thread-safe.
 */
public enum BondPolicy {
    /** Bonds disabled. */
    NONE,
    /** Takers lock a bond ({@code take}). */
    TAKE,
    /** Makers lock a bond ({@code make}). */
    MAKE,
    /** Both ({@code both}). */
    BOTH;

    /** Whether a taker must lock a bond. */
    public boolean takerBond() {
        return this == TAKE || this == BOTH;
    }

    /** Whether a maker must lock a bond. */
    public boolean makerBond() {
        return this == MAKE || this == BOTH;
    }
}
