package network.mostro.server.store;

import network.mostro.nostr.InvalidInputException;

/**
 * One write in an atomic {@link OrderStore#commit commit}. Updates of orders and disputes are compare-and-swap:
 * the record carries the new version, and the store applies it only if the stored version is exactly one less.
 * Immutable and thread-safe.
 */
public sealed interface Write {

    /** Inserts a new order (version 0); conflicts if the id exists. */
    record InsertOrder(OrderRecord order) implements Write {
        /** @throws InvalidInputException if the order is null or its version is not 0 */
        public InsertOrder {
            if (order == null || order.version() != 0) {
                throw new InvalidInputException("insert order: null or version != 0");
            }
        }
    }

    /** Replaces an order; conflicts unless the stored version is {@code order.version() - 1}. */
    record UpdateOrder(OrderRecord order) implements Write {
        /** @throws InvalidInputException if the order is null or its version is 0 */
        public UpdateOrder {
            if (order == null || order.version() < 1) {
                throw new InvalidInputException("update order: null or version < 1");
            }
        }
    }

    /**
     * Inserts a new dispute (version 0); conflicts if the id exists, the order already has a dispute, or no order
     * with {@code dispute.orderId()} exists.
     */
    record InsertDispute(DisputeRecord dispute) implements Write {
        /** @throws InvalidInputException if the dispute is null or its version is not 0 */
        public InsertDispute {
            if (dispute == null || dispute.version() != 0) {
                throw new InvalidInputException("insert dispute: null or version != 0");
            }
        }
    }

    /**
     * Replaces a dispute; conflicts unless the stored version is {@code dispute.version() - 1} and the stored
     * dispute belongs to the same order (a dispute's order never changes).
     */
    record UpdateDispute(DisputeRecord dispute) implements Write {
        /** @throws InvalidInputException if the dispute is null or its version is 0 */
        public UpdateDispute {
            if (dispute == null || dispute.version() < 1) {
                throw new InvalidInputException("update dispute: null or version < 1");
            }
        }
    }

    /** Inserts or replaces a user (last writer wins; users change only under the order's CAS). */
    record PutUser(UserRecord user) implements Write {
        /** @throws InvalidInputException if the user is null */
        public PutUser {
            if (user == null) {
                throw new InvalidInputException("put user: null");
            }
        }
    }

    /** Inserts or replaces a solver. */
    record PutSolver(SolverRecord solver) implements Write {
        /** @throws InvalidInputException if the solver is null */
        public PutSolver {
            if (solver == null) {
                throw new InvalidInputException("put solver: null");
            }
        }
    }

    /** Appends an event to the outbox. */
    record Enqueue(OutboxEntry entry) implements Write {
        /** @throws InvalidInputException if the entry is null */
        public Enqueue {
            if (entry == null) {
                throw new InvalidInputException("enqueue: null");
            }
        }
    }

    /** Removes a published outbox entry (no conflict if already gone). */
    record Dequeue(long seq) implements Write {}

    /** Records a failed publish of an outbox entry (no conflict if already gone). */
    record Reschedule(long seq, int attempts, long notBefore) implements Write {
        /** @throws InvalidInputException if {@code attempts} or {@code notBefore} is negative */
        public Reschedule {
            if (attempts < 0 || notBefore < 0) {
                throw new InvalidInputException("reschedule: negative number");
            }
        }
    }

    /**
     * Marks an inbound event id as processed, so a redelivery after a restart is not processed twice; conflicts if
     * the id was already marked (the event was processed by a concurrent or earlier commit).
     */
    record MarkProcessed(String eventId, long at) implements Write {
        /** @throws InvalidInputException if the id is null */
        public MarkProcessed {
            if (eventId == null) {
                throw new InvalidInputException("mark processed: null id");
            }
        }
    }

    /** Forgets processed-event marks older than {@code before} (unix seconds). */
    record PruneProcessed(long before) implements Write {}

    /** Sets a node metadata value (e.g. the relay {@code since} cursor). */
    record PutMeta(String key, String value) implements Write {
        /** @throws InvalidInputException if a component is null */
        public PutMeta {
            if (key == null || value == null) {
                throw new InvalidInputException("put meta: null component");
            }
        }
    }
}
