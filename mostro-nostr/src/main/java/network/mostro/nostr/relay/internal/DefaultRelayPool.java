package network.mostro.nostr.relay.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.TransportException;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayDiagnostic;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.RelayPoolListener;
import network.mostro.nostr.relay.RelayReply;
import network.mostro.nostr.relay.RelayStatus;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;
import network.mostro.nostr.relay.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link RelayPool} implementation. Thread-safe. */
public final class DefaultRelayPool implements RelayPool {
    static final Logger LOG = LoggerFactory.getLogger(RelayPool.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final int LISTENER_QUEUE_LIMIT = 10_000;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final PoolConfig cfg;
    private final WebSocketTransport transport;
    private final boolean ownsTransport;
    private final Executor callbacks;
    private final ExecutorService ownedCallbacks;
    private final ScheduledThreadPoolExecutor workers;
    private final Set<Thread> ownThreads = ConcurrentHashMap.newKeySet();
    private final SerialQueue listenerQueue;
    private final RelayPoolListener listener;
    private final EventVerifier verifier;
    private final Map<URI, RelayConnection> relays = new LinkedHashMap<>(); // guarded by itself
    private final Map<String, DefaultSubscription> subs = new ConcurrentHashMap<>();
    private final AtomicLong subSeq = new AtomicLong();
    private final AtomicLong droppedDiagnostics = new AtomicLong();
    private volatile boolean closed;

    private DefaultRelayPool(PoolConfig cfg) {
        this.cfg = cfg;
        int id = IDS.incrementAndGet();
        this.ownsTransport = cfg.transport() == null;
        this.transport = ownsTransport ? WebSocketTransport.jdk(cfg.connectTimeout()) : cfg.transport();
        this.workers = new ScheduledThreadPoolExecutor(2, factory("mostro-relay-pool-" + id + "-worker-"));
        workers.setRemoveOnCancelPolicy(true);
        workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        if (cfg.callbackExecutor() == null) {
            ownedCallbacks = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    factory("mostro-relay-pool-" + id + "-callbacks-"));
            callbacks = ownedCallbacks;
        } else {
            ownedCallbacks = null;
            callbacks = cfg.callbackExecutor();
        }
        this.listener = cfg.listener();
        this.listenerQueue = new SerialQueue(callbacks, LISTENER_QUEUE_LIMIT);
        this.verifier = new EventVerifier(16_384);
    }

    private ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            ownThreads.add(t);
            return t;
        };
    }

    /** Creates the pool and starts connecting to its relays. */
    public static DefaultRelayPool start(PoolConfig cfg) {
        List<URI> uris = new ArrayList<>();
        for (URI u : cfg.relays()) {
            uris.add(normalize(u));
        }
        DefaultRelayPool pool = new DefaultRelayPool(cfg);
        for (URI u : uris) {
            pool.addRelay(u);
        }
        return pool;
    }

    /**
     * Lower-cases scheme and host and drops a bare trailing {@code /}, so equal relays compare equal.
     *
     * @throws InvalidInputException if it is not an absolute ws:// or wss:// URI with a host
     */
    public static URI normalize(URI uri) {
        Objects.requireNonNull(uri, "relay");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
            throw new InvalidInputException("relay URL must be ws:// or wss:// with a host");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        try {
            return new URI(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new InvalidInputException("relay URL is not valid", e);
        }
    }

    // ---------------------------------------------------------------- services for connections

    WebSocketTransport transport() {
        return transport;
    }

    EventVerifier verifier() {
        return verifier;
    }

    DefaultSubscription subscription(String id) {
        return subs.get(id);
    }

    ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return workers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    ScheduledFuture<?> scheduleRepeating(Runnable task, long periodMillis) {
        try {
            return workers.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs on a worker; throws RejectedExecutionException once closed. */
    void execute(Runnable task) {
        workers.execute(task);
    }

    /** Runs on a worker, or not at all once closed. */
    void executeQuietly(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    void status(URI relay, RelayStatus status, String detail) {
        LOG.debug("relay {} {} {}", relay, status, detail);
        listenerQueue.force(() -> listener.onStatus(relay, status, detail));
    }

    void notice(URI relay, String message) {
        LOG.debug("relay {} NOTICE {}", relay, message);
        if (!listenerQueue.offer(() -> listener.onNotice(relay, message))) {
            droppedDiagnostics.incrementAndGet();
        }
    }

    void auth(URI relay, boolean accepted, String message) {
        LOG.debug("relay {} AUTH {} {}", relay, accepted ? "accepted" : "rejected", message);
        listenerQueue.force(() -> listener.onAuth(relay, accepted, message));
    }

    void diagnostic(RelayDiagnostic d) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("relay diagnostic: {}", d.describe());
        }
        if (!listenerQueue.offer(() -> listener.onDiagnostic(d))) {
            droppedDiagnostics.incrementAndGet();
        }
    }

    void unsubscribe(DefaultSubscription sub) {
        subs.remove(sub.id());
        for (RelayConnection c : connections()) {
            c.removeSubscription(sub.id());
        }
    }

    private List<RelayConnection> connections() {
        synchronized (relays) {
            return new ArrayList<>(relays.values());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new TransportException("the relay pool is closed");
        }
    }

    // ---------------------------------------------------------------- API

    @Override
    public Set<URI> relays() {
        synchronized (relays) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(relays.keySet()));
        }
    }

    @Override
    public Map<URI, RelayStatus> statuses() {
        Map<URI, RelayStatus> out = new LinkedHashMap<>();
        for (RelayConnection c : connections()) {
            out.put(c.uri, c.status());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public void addRelay(URI relay) {
        URI u = normalize(relay);
        RelayConnection c;
        synchronized (relays) {
            checkOpen();
            if (relays.containsKey(u)) {
                return;
            }
            c = new RelayConnection(this, u, cfg);
            relays.put(u, c);
        }
        for (DefaultSubscription s : subs.values()) {
            if (s.appliesTo(u)) {
                c.addSubscription(s);
            }
        }
        c.connect();
    }

    @Override
    public boolean removeRelay(URI relay) {
        RelayConnection c;
        synchronized (relays) {
            c = relays.remove(normalize(relay));
        }
        if (c == null) {
            return false;
        }
        c.shutdown();
        return true;
    }

    @Override
    public CompletionStage<PublishResult> publish(Event event) {
        return publish(event, relays());
    }

    @Override
    public CompletionStage<PublishResult> publish(Event event, Set<URI> targets) {
        Objects.requireNonNull(event, "event");
        checkOpen();
        Set<URI> norm = new LinkedHashSet<>();
        for (URI u : targets) {
            norm.add(normalize(u));
        }
        if (norm.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(new PublishResult(event.id(), Map.of()));
        }
        PublishTracker tracker = new PublishTracker(event.id(), norm, callbacks);
        String frame = RelayFrames.event(event);
        List<RelayConnection> targetsConns = new ArrayList<>();
        for (URI u : norm) {
            RelayConnection c;
            synchronized (relays) {
                c = relays.get(u);
            }
            if (c == null) {
                tracker.complete(u, RelayReply.local(RelayReply.Status.NOT_CONNECTED, "relay is not in the pool"));
            } else {
                targetsConns.add(c);
                c.publish(event.id(), frame, tracker);
            }
        }
        ScheduledFuture<?> timer = schedule(() -> {
            for (RelayConnection c : targetsConns) {
                c.expirePublish(event.id(), tracker);
            }
            tracker.completeRemaining(RelayReply.local(RelayReply.Status.TIMEOUT, "no OK in time"));
        }, cfg.publishTimeout().toMillis());
        if (timer != null) {
            tracker.timer(timer);
        }
        return tracker.future;
    }

    @Override
    public Subscription subscribe(List<Filter> filters, SubscriptionListener listener) {
        return subscribe(filters, listener, null);
    }

    @Override
    public Subscription subscribe(List<Filter> filters, SubscriptionListener subListener, Set<URI> targets) {
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(subListener, "listener");
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one filter");
        }
        checkOpen();
        Set<URI> norm = null;
        if (targets != null) {
            norm = new LinkedHashSet<>();
            for (URI u : targets) {
                norm.add(normalize(u));
            }
        }
        String id = "sub" + subSeq.incrementAndGet();
        DefaultSubscription sub = new DefaultSubscription(this, id, filters, subListener, norm, cfg, callbacks);
        List<RelayConnection> conns = new ArrayList<>();
        Set<URI> awaiting = new LinkedHashSet<>();
        synchronized (relays) {
            subs.put(id, sub);
            for (RelayConnection c : relays.values()) {
                if (sub.appliesTo(c.uri)) {
                    conns.add(c);
                    awaiting.add(c.uri);
                }
            }
        }
        if (norm != null) {
            awaiting.addAll(norm); // targets outside the pool can only time out
        }
        sub.startEose(awaiting, cfg.eoseTimeout().toMillis());
        for (RelayConnection c : conns) {
            c.addSubscription(sub);
        }
        return sub;
    }

    @Override
    public void close() {
        List<RelayConnection> conns;
        synchronized (relays) {
            if (closed) {
                return;
            }
            closed = true;
            conns = new ArrayList<>(relays.values());
        }
        for (DefaultSubscription s : subs.values()) {
            s.terminate();
        }
        subs.clear();
        for (RelayConnection c : conns) {
            c.shutdown();
        }
        workers.shutdownNow();
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown(); // lets the queued CLOSED statuses and publish results run
        }
        boolean fromOwnThread = ownThreads.contains(Thread.currentThread());
        if (!fromOwnThread) {
            await(workers);
            if (ownedCallbacks != null) {
                await(ownedCallbacks);
            }
        }
        listenerQueue.shutdown();
        if (ownsTransport) {
            transport.close();
        }
        long dropped = droppedDiagnostics.get();
        if (dropped > 0) {
            LOG.debug("relay pool closed; {} diagnostics were dropped because the listener fell behind", dropped);
        }
    }

    private static void await(ExecutorService ex) {
        try {
            if (!ex.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("relay pool threads did not stop within {} ms", CLOSE_WAIT_MILLIS);
                ex.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RelayPool" + relays();
    }
}
