package network.mostro.server.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderStatus;

/**
 * Where a Mostro node keeps its state: orders, disputes, users, solvers, the outbox of events to publish, processed
 * inbound event ids and a few metadata values.
 *
 * <p>Every change goes through {@link #commit(List)}, which applies a list of {@link Write}s atomically: all or
 * nothing. Order and dispute updates are compare-and-swap on their {@code version}, so of many concurrent takes of
 * one order exactly one commit wins and the others see {@code false} and re-read. The node writes a state change
 * and the events announcing it in one commit, so nothing is announced that was not persisted.
 *
 * <p>Implementations: {@link #inMemory()}, and JDBC stores for SQLite (the embedded default) and PostgreSQL in
 * {@code network.mostro.server.store.jdbc}. Reads return the latest committed state. <b>Implementations must be
 * thread-safe.</b> Failures throw {@link StoreException}.
 */
public interface OrderStore extends AutoCloseable {

    /** A thread-safe store in memory (lost on exit). */
    static OrderStore inMemory() {
        return new network.mostro.server.store.internal.InMemoryOrderStore();
    }

    /** The order with this id. */
    Optional<OrderRecord> order(UUID id);

    /** Orders in any of these statuses, oldest first. */
    List<OrderRecord> ordersByStatus(Collection<OrderStatus> statuses);

    /** Orders whose master buyer or master seller key is {@code identityHex}, oldest first. */
    List<OrderRecord> ordersByIdentity(String identityHex);

    /** The dispute with this id. */
    Optional<DisputeRecord> dispute(UUID disputeId);

    /** The dispute of an order, if one was opened. */
    Optional<DisputeRecord> disputeOfOrder(UUID orderId);

    /** Disputes in any of these statuses, oldest first. */
    List<DisputeRecord> disputesByStatus(Collection<DisputeStatus> statuses);

    /** The user with this identity key. */
    Optional<UserRecord> user(String identityHex);

    /** The solver with this key. */
    Optional<SolverRecord> solver(String pubkeyHex);

    /** Outbox entries with {@code notBefore <= now}, in {@code seq} order, at most {@code limit}. */
    List<OutboxEntry> outboxDue(long now, int limit);

    /** Number of outbox entries not yet published. */
    long outboxSize();

    /** Whether an inbound event id was marked processed. */
    boolean processed(String eventId);

    /** A metadata value. */
    Optional<String> meta(String key);

    /**
     * Applies {@code writes} atomically.
     *
     * @return true if all were applied; false if a compare-and-swap or uniqueness check failed, in which case nothing
     *     was applied
     * @throws StoreException if the store failed (nothing was applied)
     */
    boolean commit(List<Write> writes);

    /** Releases connections. */
    @Override
    void close();
}
