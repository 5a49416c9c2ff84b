package network.mostro.server.store;

/** Runs the store contract against {@link OrderStore#inMemory()}. */
class InMemoryOrderStoreTest extends OrderStoreContract {
    @Override
    protected OrderStore newStore() {
        return OrderStore.inMemory();
    }
}
