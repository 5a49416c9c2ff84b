package network.mostro.server.store;

import network.mostro.nostr.InvalidInputException;

/**
 * A registered dispute solver (SPEC §13, {@code admin-add-solver}). Immutable and thread-safe.
 *
 * @param pubkey the solver's key, hex
 * @param canWrite category 2 ({@code read-write}: may settle and cancel); false = category 1 ({@code read})
 * @param createdAt when it was registered, unix seconds
 */
public record SolverRecord(String pubkey, boolean canWrite, long createdAt) {
    /** @throws InvalidInputException if the key is null */
    public SolverRecord {
        if (pubkey == null) {
            throw new InvalidInputException("solver record: null pubkey");
        }
    }
}
