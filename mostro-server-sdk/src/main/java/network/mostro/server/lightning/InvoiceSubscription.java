package network.mostro.server.lightning;

/** A live invoice subscription; {@link #close()} is idempotent and thread-safe. */
public interface InvoiceSubscription extends AutoCloseable {
    /** Stops delivering updates. */
    @Override
    void close();
}
