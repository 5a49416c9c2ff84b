package network.mostro.server.store;

import java.util.UUID;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.DisputeInitiator;
import network.mostro.protocol.DisputeStatus;

/**
 * A dispute (SPEC §13). Immutable and thread-safe.
 *
 * @param id the dispute id
 * @param orderId the disputed order
 * @param status the dispute status
 * @param version compare-and-swap counter: 0 when inserted, +1 on every update
 * @param initiator who opened it
 * @param initiatorPubkey the initiator's trade key, hex
 * @param solverPubkey the assigned solver's key, hex, or null
 * @param createdAt when it was opened, unix seconds
 * @param takenAt when a solver took it, unix seconds, or null
 * @param eventCreatedAt {@code created_at} of the last published kind-38386 revision (strictly increasing)
 */
public record DisputeRecord(UUID id, UUID orderId, DisputeStatus status, long version, DisputeInitiator initiator,
        String initiatorPubkey, String solverPubkey, long createdAt, Long takenAt, long eventCreatedAt) {
    /** @throws InvalidInputException if a required component is null or the version is negative */
    public DisputeRecord {
        if (id == null || orderId == null || status == null || initiator == null || initiatorPubkey == null) {
            throw new InvalidInputException("dispute record: null required component");
        }
        if (version < 0) {
            throw new InvalidInputException("dispute record: negative version");
        }
    }
}
