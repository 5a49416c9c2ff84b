package network.mostro.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One active dispute in a {@code restore_data} payload (SPEC §5.3). The daemon includes {@code solver_pubkey},
 * which the protocol book omits; a missing {@code initiator} or {@code solver_pubkey} decodes as null and is
 * re-encoded as {@code null}. Immutable and thread-safe.
 *
 * @param disputeId the dispute id
 * @param orderId the disputed order's id
 * @param tradeIndex the user's trade index on that order
 * @param status the dispute status as sent (a free string in mostro-core; see {@link #knownStatus()})
 * @param initiator who opened it; nullable
 * @param solverPubkey hex key of the assigned solver; nullable
 */
public record RestoredDispute(
        UUID disputeId, UUID orderId, long tradeIndex, String status, DisputeInitiator initiator,
        String solverPubkey) {
    /** @throws NullPointerException if an id or {@code status} is null */
    public RestoredDispute {
        Objects.requireNonNull(disputeId, "disputeId");
        Objects.requireNonNull(orderId, "orderId");
        Checks.text(status, "status");
        Checks.optionalText(solverPubkey, "solverPubkey");
    }

    /** The status as a {@link DisputeStatus}, or empty if the spelling is not known. */
    public Optional<DisputeStatus> knownStatus() {
        return DisputeStatus.fromWire(status);
    }
}
