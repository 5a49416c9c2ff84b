package network.mostro.examples.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import network.mostro.client.ClientListener;
import network.mostro.client.MostroClient;
import network.mostro.client.MostroNodeInfo;
import network.mostro.client.SessionStore;
import network.mostro.client.Trade;
import network.mostro.client.TradeEvent;
import network.mostro.nostr.Event;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;

/**
 * One invocation's connection: a relay pool, a {@link MostroClient} restored from the data dir, and the message
 * journal. {@link #sync()} lets the restored trades catch up with what Mostro sent while no CLI was running: it waits
 * for the relays' end of stored events on the trade keys, then for a short quiet period. Used by one command thread;
 * the event bookkeeping is thread-safe.
 */
final class CliSession implements AutoCloseable {
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final Duration MAX_QUIET_WAIT = Duration.ofSeconds(5);

    final CliConfig cfg;
    final RelayPool pool;
    final MostroClient client;
    final Journal journal;
    private final List<Map<String, Object>> arrived = new ArrayList<>();
    private volatile long lastEventNanos = System.nanoTime();
    private MostroNodeInfo node;

    private CliSession(CliConfig cfg, Function<String, String> env) {
        this.cfg = cfg;
        var mnemonic = cfg.mnemonic(env);
        try {
            Files.createDirectories(cfg.dataDir());
        } catch (IOException e) {
            throw new CliException("cannot create the data dir " + cfg.dataDir() + ": " + e.getMessage(), e);
        }
        this.journal = new Journal(cfg.dataDir().resolve(CliConfig.JOURNAL_FILE));
        this.pool = RelayPool.builder().relays(cfg.relays()).build();
        try {
            this.client = MostroClient.builder().relayPool(pool).mnemonic(mnemonic).privacyMode(cfg.mode())
                    .sessionStore(SessionStore.file(cfg.dataDir().resolve(CliConfig.SESSION_FILE)))
                    .requestTimeout(cfg.requestTimeout()).listener(new ClientListener() {
                        @Override
                        public void onTradeEvent(Trade trade, TradeEvent event) {
                            record(trade, event);
                        }
                    }).build();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    static CliSession open(CliConfig cfg, Function<String, String> env) {
        return new CliSession(cfg, env);
    }

    private void record(Trade trade, TradeEvent event) {
        Map<String, Object> d = Describe.event(event);
        journal.append(System.currentTimeMillis() / 1000, trade.orderId().toString(), d);
        Map<String, Object> withOrder = new java.util.LinkedHashMap<>();
        withOrder.put("order", trade.orderId().toString());
        withOrder.putAll(d);
        synchronized (arrived) {
            arrived.add(withOrder);
        }
        lastEventNanos = System.nanoTime();
    }

    /** The events processed by this invocation so far, oldest first. */
    List<Map<String, Object>> arrived() {
        synchronized (arrived) {
            return List.copyOf(arrived);
        }
    }

    /** The node's info (kind 38385), waiting up to the request timeout. */
    MostroNodeInfo node() {
        if (node == null) {
            node = join(client.awaitNode(cfg.node()));
        }
        return node;
    }

    /** Lets the restored, unfinished trades process what Mostro sent since the last invocation. */
    void sync() {
        List<String> keys = new ArrayList<>();
        for (Trade t : client.trades()) {
            if (!t.isFinished()) {
                keys.add(t.tradePublicKey().toHex());
            }
        }
        if (!keys.isEmpty()) {
            awaitEose(Filter.builder().kinds(14, 1059).tag('p', keys.toArray(String[]::new)).build());
        }
        quiet();
    }

    /** Waits for the relays' end of stored events of {@code filter} (bounded by the request timeout). */
    void awaitEose(Filter filter) {
        CountDownLatch done = new CountDownLatch(1);
        Subscription sub = pool.subscribe(List.of(filter), new SubscriptionListener() {
            @Override
            public void onEvent(Event event, URI relay) {
                // the client's own subscriptions process the events; this one only marks the end of history
            }

            @Override
            public void onEoseComplete(Set<URI> timedOut) {
                done.countDown();
            }
        });
        try {
            done.await(cfg.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sub.close();
        }
    }

    /** Waits until no trade event arrived for a short quiet period (at most a few seconds). */
    void quiet() {
        long start = System.nanoTime();
        lastEventNanos = Math.max(lastEventNanos, start);
        while (System.nanoTime() - start < MAX_QUIET_WAIT.toNanos()
                && System.nanoTime() - lastEventNanos < QUIET.toNanos()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The trade of {@code id} from the data dir, or a usage error. */
    Trade trade(UUID id) {
        return client.trade(id).orElseThrow(() -> new CliException("order " + id + " is not a trade of this data dir ("
                + cfg.dataDir() + "); take or create it here, or run restore"));
    }

    /**
     * The first of {@code types} that {@code t} received or receives within {@code wait}, or null. Prints nothing;
     * the caller shows {@link #arrived()}.
     */
    @SafeVarargs
    final TradeEvent waitFor(Trade t, Duration wait, Class<? extends TradeEvent>... types) {
        CompletableFuture<TradeEvent> any = new CompletableFuture<>();
        for (Class<? extends TradeEvent> c : types) {
            t.awaitEvent(c).thenAccept(any::complete);
        }
        try {
            TradeEvent e = any.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            quiet(); // let the notifications that travel with it arrive too
            return e;
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** Waits for {@code stage} and rethrows its failure unwrapped. */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            pool.close();
        }
    }
}
