package network.mostro.server.lightning;

/** Receives the states of one subscribed invoice, in order. Called from a backend thread; return quickly. */
@FunctionalInterface
public interface InvoiceListener {
    /** A new state (the first call carries the state at subscription time). */
    void onUpdate(InvoiceUpdate update);

    /**
     * The subscription ended for good (invoice unknown, backend closed); not called on transient drops, which the
     * backend hides by reconnecting.
     */
    default void onError(LightningException error) {}
}
