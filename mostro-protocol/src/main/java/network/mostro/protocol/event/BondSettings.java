package network.mostro.protocol.event;

import java.util.Optional;

/**
 * Anti-abuse bond settings advertised in the info event when {@code bond_enabled} is true (SPEC §12.3, §14). Members
 * are null when the tag is absent. Immutable and thread-safe.
 *
 * @param amountPct {@code bond_amount_pct}: fraction of the order amount
 * @param baseAmountSats {@code bond_base_amount_sats}
 * @param applyTo {@code bond_apply_to}: {@code take}, {@code make} or {@code both}
 * @param slashOnWaitingTimeout {@code bond_slash_on_waiting_timeout}
 * @param slashNodeSharePct {@code bond_slash_node_share_pct}
 * @param payoutClaimWindowDays {@code bond_payout_claim_window_days}
 */
public record BondSettings(Double amountPct, Long baseAmountSats, String applyTo, Boolean slashOnWaitingTimeout,
        Double slashNodeSharePct, Long payoutClaimWindowDays) {

    /** Who must post a bond. */
    public enum ApplyTo {
        /** Takers only. */
        TAKE("take"),
        /** Makers only. */
        MAKE("make"),
        /** Both. */
        BOTH("both");

        private final String wireName;

        ApplyTo(String wireName) {
            this.wireName = wireName;
        }

        /** The tag value. */
        public String wireName() {
            return wireName;
        }

        /** The constant with this tag value, if any. */
        public static Optional<ApplyTo> fromWire(String wire) {
            for (ApplyTo a : values()) {
                if (a.wireName.equals(wire)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** {@link #applyTo()} as a known value, if it is one. */
    public Optional<ApplyTo> applyToKnown() {
        return ApplyTo.fromWire(applyTo);
    }
}
