package network.mostro.examples.node;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.mostro.examples.node.NodeConfig.Lnd;
import network.mostro.server.MostroNode;
import network.mostro.server.lnurl.HttpLnurlPay;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node built from a valid {@link NodeConfig}: it owns the Lightning backend, the store, the price source and
 * the node, and {@link #close()} stops them in order after giving the outbox a moment to drain.
 *
 * <p>Thread-safe: {@link #close()} may be called from a shutdown hook while another thread waits.
 */
public final class NodeRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRunner.class);

    private final Components.Lightning lightning;
    private final OrderStore store;
    private final PriceSource prices;
    private final MostroNode node;
    private final Duration drainGrace;
    private boolean closed;

    private NodeRunner(Components.Lightning lightning, OrderStore store, PriceSource prices, MostroNode node,
            Duration drainGrace) {
        this.lightning = lightning;
        this.store = store;
        this.prices = prices;
        this.node = node;
        this.drainGrace = drainGrace;
    }

    /**
     * Builds every component and starts the node.
     *
     * @param startTimeout how long {@code start()} may take (it waits for Lightning's getInfo)
     * @param drainGrace how long {@link #close()} waits for the outbox to empty before stopping the node
     * @throws IllegalStateException if the configuration has errors
     * @throws StartException if a component cannot be built or the node does not start (everything is closed)
     */
    public static NodeRunner start(NodeConfig cfg, Duration startTimeout, Duration drainGrace) {
        if (!cfg.valid()) {
            throw new IllegalStateException("the configuration has errors: " + cfg.errors());
        }
        Components.Lightning ln = null;
        OrderStore store = null;
        PriceSource prices = null;
        MostroNode node = null;
        String step = "lightning";
        try {
            ln = Components.lightning(cfg.lightning().orElseThrow());
            LOG.info("Lightning backend: {}", ln.description());
            step = "database";
            store = Components.store(cfg.database().orElseThrow());
            LOG.info("Database: {}", store);
            step = "price";
            prices = Components.priceSource(cfg.prices().orElseThrow());
            LOG.info("Price source: {}", prices == null ? "none (market-price orders are refused)" : prices.id());
            step = "node";
            MostroNode.Builder b = MostroNode.builder().nodeKey(cfg.nodeKey().orElseThrow()).relays(cfg.relays())
                    .settings(cfg.settings().orElseThrow()).lightning(ln.backend()).store(store)
                    .listener((id, from, to, rule) -> LOG.info("order {}: {} -> {} ({})", id, from, to, rule));
            if (prices != null) {
                b.priceSource(prices);
            }
            if (cfg.lightning().get() instanceof Lnd) {
                // Lightning-address payouts and the dev fee need LNURL-pay; the embedded network cannot pay them.
                b.lnurl(HttpLnurlPay.builder().build());
            }
            node = b.build();
            step = "start";
            LOG.info("Starting Mostro node {} on {} relay(s)", node.publicKey().toNpub(), cfg.relays().size());
            node.start().toCompletableFuture().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Mostro node {} is running", node.publicKey().toHex());
            return new NodeRunner(ln, store, prices, node, drainGrace);
        } catch (ExecutionException | CompletionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            closeAll(node, prices, store, ln);
            throw new StartException(step + ": " + c.getMessage(), c);
        } catch (TimeoutException e) {
            closeAll(node, prices, store, ln);
            throw new StartException(step + ": the node did not start within " + startTimeout.toSeconds() + " s"
                    + " (is Lightning reachable?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(node, prices, store, ln);
            throw new StartException(step + ": interrupted", e);
        } catch (RuntimeException e) {
            closeAll(node, prices, store, ln);
            throw new StartException(step + ": " + e.getMessage(), e);
        }
    }

    /** The running node. */
    public MostroNode node() {
        return node;
    }

    /**
     * Stops gracefully: waits up to the drain grace for the outbox to be published, then closes the node (its relay
     * connections and threads), the price source, the store and the Lightning backend. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Shutting down Mostro node {}", node.publicKey().toHex());
        boolean drained = false;
        try {
            drained = node.drainOutbox(drainGrace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long left = drained ? 0 : node.counters().outboxSize();
        if (left > 0) {
            LOG.warn("{} event(s) still in the outbox; they are kept in the database and sent on the next start", left);
        }
        closeAll(node, prices, store, lightning);
        LOG.info("Mostro node stopped");
    }

    private static void closeAll(MostroNode node, PriceSource prices, OrderStore store, Components.Lightning ln) {
        for (AutoCloseable c : new AutoCloseable[] {node, prices, store, ln}) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The node could not be started; the message names the step. Immutable. */
    public static final class StartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
