package network.mostro.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.relay.Filter;
import network.mostro.testkit.RelayFaults;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket server behind {@code MockRelay}: NIP-01 message handling, NIP-42 auth, NIP-40 expiry and the
 * hooks for fault injection. Thread-safe: relay state (store and subscriptions) is guarded by {@link #lock};
 * each connection's outgoing frames are ordered by its {@link Outbox}.
 *
 * <p>Threads: the library's decoder workers parse each frame and queue it in the connection's {@link Inbox};
 * a small handler pool takes what piled up there, checks the signatures of the EVENTs among it as one batch
 * ({@link SignatureCheck}) and handles the frames in arrival order, one batch of a connection at a time. So
 * a connection's frames are answered in the order they arrived (a REQ sees the EVENTs sent before it), while
 * bursts of events (a Mostro node publishing) cost a fraction of one-by-one verification.
 */
public final class RelayServer extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** NIP-42: how far an AUTH event's created_at may be from now. */
    static final long AUTH_WINDOW_SECONDS = 600;
    /** How long a clean disconnect waits for the client's close frame before cutting the TCP connection. */
    static final long CLOSE_GRACE_MILLIS = 1000;

    private final RelayConfig config;
    private final FrameParser parser;
    private final Object lock = new Object();
    private final Object changes = new Object();
    private final EventStore store = new EventStore();
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Set<PublicKey> authenticated = ConcurrentHashMap.newKeySet();
    private final RealRelayFaults faults;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService handlers;
    private final List<Thread> handlerThreads = new CopyOnWriteArrayList<>();
    private final AtomicInteger largestSignatureBatch = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Random challenges;
    private final int id = SEQUENCE.incrementAndGet();
    /** Threads handling client frames (as many as the library's decoder workers). */
    static final int HANDLER_THREADS = 2;
    /** Most client frames kept for {@link #receivedFrames()}. */
    public static final int MAX_RECORDED_FRAMES = 10_000;

    private final java.util.ArrayDeque<String> received = new java.util.ArrayDeque<>();
    private volatile Exception startFailure;
    private volatile Thread selectorThread;
    private volatile URI uri;
    private volatile PrivateKey garbageKey;

    public RelayServer(RelayConfig config) {
        this(config, null);
    }

    /**
     * A relay whose connections' frames are handled on {@code handlers} (tests); null: its own pool. The
     * relay shuts the executor down in {@link #shutdown()}.
     */
    RelayServer(RelayConfig config, ExecutorService handlers) {
        super(new InetSocketAddress("127.0.0.1", 0), 2,
                List.<Draft>of(new Draft_6455(Collections.emptyList(), config.maxFrameSize())));
        this.config = config;
        this.parser = new FrameParser(config.limits());
        this.faults = new RealRelayFaults(this, config.seed());
        this.challenges = new Random(config.seed() ^ 0x5DEECE66DL);
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mock-relay-" + id + "-scheduler");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        if (handlers == null) {
            AtomicInteger n = new AtomicInteger();
            handlers = new ThreadPoolExecutor(HANDLER_THREADS, HANDLER_THREADS, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "mock-relay-" + id + "-handler-" + n.getAndIncrement());
                        t.setDaemon(true);
                        handlerThreads.add(t);
                        return t;
                    });
        }
        this.handlers = handlers;
        setReuseAddr(true);
        setTcpNoDelay(true);
        setDaemon(true);
        setConnectionLostTimeout(0);
        for (int i = 0; i < decoders.size(); i++) {
            decoders.get(i).setName("mock-relay-" + id + "-worker-" + i);
        }
    }

    /** Binds and starts; returns once the port is open. */
    public void startAndWait(Duration timeout) {
        if (handlers instanceof ThreadPoolExecutor pool) {
            pool.prestartAllCoreThreads(); // all threads exist from the start, like the library's own
        }
        start();
        try {
            if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                shutdown();
                throw new IllegalStateException("MockRelay did not start within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown();
            throw new IllegalStateException("interrupted while starting MockRelay", e);
        }
        Exception failure = startFailure;
        if (failure != null) {
            shutdown();
            throw new UncheckedIOException("MockRelay could not bind 127.0.0.1",
                    failure instanceof IOException io ? io : new IOException(failure));
        }
        uri = URI.create("ws://127.0.0.1:" + getPort());
    }

    public URI uri() {
        return uri;
    }

    public RelayFaults faults() {
        return faults;
    }

    // ---- WebSocketServer callbacks ----

    @Override
    public void onStart() {
        selectorThread = Thread.currentThread();
        selectorThread.setName("mock-relay-" + id + "-selector");
        started.countDown();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        if (faults.refusingConnections()) {
            throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, "MockRelay is refusing connections");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        byte[] c = new byte[16];
        synchronized (challenges) {
            challenges.nextBytes(c);
        }
        Client client = new Client(conn, Hex.encode(c), new Outbox(conn, scheduler, faults, () -> onWriteDemand(conn)),
                handlers, this::handleBatch);
        conn.setAttachment(client);
        clients.add(client);
        client.outbox.kickSoon(); // the 101 response was queued by the library from this worker thread
        if (config.authRequired()) {
            client.outbox.send(Frames.auth(client.challenge));
        }
        signal();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Client client = conn.getAttachment();
        if (client == null) {
            return;
        }
        synchronized (lock) {
            clients.remove(client);
            client.subscriptions.clear();
        }
        client.outbox.close();
        signal();
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Client client = conn.getAttachment();
        if (client == null) {
            return;
        }
        synchronized (received) {
            if (received.size() >= MAX_RECORDED_FRAMES) {
                received.pollFirst();
            }
            received.addLast(message);
        }
        Inbound item;
        try {
            item = new Inbound.Parsed(parser.parse(message));
        } catch (BadFrameException e) {
            item = new Inbound.Refused(e);
        } catch (RuntimeException e) {
            LOG.warn("MockRelay failed to parse a message", e);
            item = new Inbound.Refused(new BadFrameException("error: internal error in the mock relay", null, null, null));
        }
        client.inbox.offer(item);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        Client client = conn.getAttachment();
        if (client != null) {
            client.inbox.offer(new Inbound.Binary());
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && started.getCount() > 0) {
            startFailure = ex;
            started.countDown();
            return;
        }
        LOG.debug("MockRelay connection error", ex);
    }

    // ---- NIP-01 handling ----

    /** Handles a connection's frames in arrival order (on a handler thread; one batch of a client at a time). */
    private void handleBatch(Client client, List<Inbound> batch) {
        List<Event> toCheck = new ArrayList<>(batch.size());
        for (Inbound item : batch) {
            toCheck.add(item instanceof Inbound.Parsed p && p.message() instanceof ClientMessage.Publish pub
                    && pub.event().kind() != 22242 ? pub.event() : null);
        }
        SignatureCheck signatures = new SignatureCheck(toCheck);
        for (int i = 0; i < batch.size(); i++) {
            int index = i;
            try {
                handle(client, batch.get(i), () -> signatures.problem(index));
            } catch (RuntimeException e) {
                LOG.warn("MockRelay failed to handle a message", e);
                client.outbox.send(Frames.notice("error: internal error in the mock relay"));
            }
        }
        largestSignatureBatch.accumulateAndGet(signatures.largestBatch(), Math::max);
    }

    private void handle(Client client, Inbound item, Supplier<String> signatureProblem) {
        if (item instanceof Inbound.Binary) {
            client.outbox.send(Frames.notice("invalid: binary frames are not supported"));
            return;
        }
        if (item instanceof Inbound.Refused refused) {
            BadFrameException e = refused.problem();
            if (e.eventId != null && ("EVENT".equals(e.type) || "AUTH".equals(e.type))) {
                client.outbox.send(Frames.ok(e.eventId, false, e.getMessage()));
            } else if (e.subscriptionId != null && "REQ".equals(e.type)) {
                // a refused REQ also ends an open subscription with the same id (NIP-01: a REQ replaces it)
                synchronized (lock) {
                    client.subscriptions.remove(e.subscriptionId);
                }
                client.outbox.send(Frames.closed(e.subscriptionId, e.getMessage()));
                signal();
            } else {
                client.outbox.send(Frames.notice(e.getMessage()));
            }
            return;
        }
        ClientMessage message = ((Inbound.Parsed) item).message();
        if (message instanceof ClientMessage.Publish p) {
            onPublish(client, p.event(), signatureProblem);
        } else if (message instanceof ClientMessage.Req r) {
            onReq(client, r);
        } else if (message instanceof ClientMessage.Close c) {
            synchronized (lock) {
                client.subscriptions.remove(c.subscriptionId());
            }
            signal();
        } else if (message instanceof ClientMessage.Auth a) {
            onAuth(client, a.event());
        }
    }

    private void onPublish(Client client, Event event, Supplier<String> signatureProblem) {
        if (config.authRequired() && client.authenticated.isEmpty()) {
            client.outbox.send(Frames.ok(event.id(), false, "auth-required: this relay requires NIP-42 authentication"));
            return;
        }
        if (!faults.tryAcquirePublish()) {
            client.outbox.send(Frames.ok(event.id(), false,
                    "rate-limited: at most " + faults.ratePerSecond() + " events per second"));
            return;
        }
        String reason = faults.rejectReason();
        if (reason != null) {
            client.outbox.send(Frames.ok(event.id(), false, reason));
            return;
        }
        Result r = accept(event, signatureProblem);
        client.outbox.send(Frames.ok(event.id(), r.accepted, r.message));
    }

    /** The outcome of offering an event to the relay. */
    public record Result(boolean accepted, String message, boolean delivered) {}

    /** Validates, stores and delivers an event as the relay does for a client's EVENT (without auth or faults). */
    public Result accept(Event event) {
        return accept(event, () -> checkSigned(event));
    }

    /** {@link #accept(Event)} with the id and signature verdict from {@code signatureProblem} (null: valid). */
    private Result accept(Event event, Supplier<String> signatureProblem) {
        if (event.kind() == 22242) {
            return new Result(false, "invalid: kind 22242 events belong in AUTH messages", false);
        }
        String invalid = signatureProblem.get();
        if (invalid != null) {
            return new Result(false, invalid, false);
        }
        if (config.minPowDifficulty() > 0) {
            int difficulty = leadingZeroBits(event.id());
            if (difficulty < config.minPowDifficulty()) {
                return new Result(false, "pow: difficulty " + difficulty + " is less than "
                        + config.minPowDifficulty(), false);
            }
        }
        long expiresAt;
        try {
            expiresAt = expiration(event);
        } catch (NumberFormatException e) {
            return new Result(false, "invalid: malformed expiration tag", false);
        }
        long now = nowSeconds();
        if (expiresAt <= now) {
            return new Result(false, "invalid: event has expired", false);
        }
        Stored stored = Stored.of(event, expiresAt);
        EventStore.Outcome outcome;
        synchronized (lock) {
            outcome = store.add(stored);
            if (outcome == EventStore.Outcome.STORED || outcome == EventStore.Outcome.EPHEMERAL) {
                for (Client c : clients) {
                    for (Map.Entry<String, List<Filter>> sub : c.subscriptions.entrySet()) {
                        if (anyMatches(sub.getValue(), event)) {
                            deliver(c, sub.getKey(), stored, true);
                        }
                    }
                }
            }
        }
        signal();
        return switch (outcome) {
            case STORED, EPHEMERAL -> new Result(true, "", true);
            case DUPLICATE -> new Result(true, "duplicate: already have this event", false);
            case SUPERSEDED -> new Result(true, "duplicate: a newer version of this replaceable event is stored", false);
        };
    }

    private static String checkSigned(Event event) {
        return SignatureCheck.check(event);
    }

    private static long expiration(Event event) {
        Optional<String> v = event.firstTagValue("expiration");
        if (v.isEmpty()) {
            return Long.MAX_VALUE;
        }
        String s = v.get();
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new NumberFormatException("expiration");
        }
        return Long.parseLong(s);
    }

    static int leadingZeroBits(String hexId) {
        int bits = 0;
        for (int i = 0; i < hexId.length(); i++) {
            int nibble = Character.digit(hexId.charAt(i), 16);
            if (nibble == 0) {
                bits += 4;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(nibble) - 28;
        }
        return bits;
    }

    private void deliver(Client c, String subscriptionId, Stored stored, boolean live) {
        if (faults.shouldDropEvent()) {
            return;
        }
        String frame = Frames.event(subscriptionId, stored.json());
        int copies = faults.copies();
        if (live && faults.reorder()) {
            c.outbox.sendSwapped(frame, copies);
        } else {
            for (int i = 0; i < copies; i++) {
                c.outbox.send(frame);
            }
        }
    }

    private void onReq(Client client, ClientMessage.Req req) {
        if (config.authRequired() && client.authenticated.isEmpty()) {
            client.outbox.send(Frames.closed(req.subscriptionId(), "auth-required: this relay requires NIP-42 authentication"));
            return; // nothing can be open on an unauthenticated connection
        }
        synchronized (lock) {
            client.subscriptions.put(req.subscriptionId(), req.filters());
            List<Stored> matches = store.query(req.filters(), nowSeconds());
            if (faults.reorder()) {
                matches = new ArrayList<>(matches);
                faults.shuffle(matches);
            }
            for (Stored s : matches) {
                deliver(client, req.subscriptionId(), s, false);
            }
            client.outbox.send(Frames.eose(req.subscriptionId()));
        }
        signal();
    }

    private void onAuth(Client client, Event event) {
        String problem = checkAuth(client, event);
        if (problem != null) {
            client.outbox.send(Frames.ok(event.id(), false, problem));
            return;
        }
        client.authenticated.add(event.pubkey());
        authenticated.add(event.pubkey());
        client.outbox.send(Frames.ok(event.id(), true, ""));
        signal();
    }

    private String checkAuth(Client client, Event event) {
        if (!config.authRequired()) {
            return "invalid: this relay did not ask for authentication";
        }
        if (event.kind() != 22242) {
            return "invalid: AUTH events must be kind 22242";
        }
        String invalid = checkSigned(event);
        if (invalid != null) {
            return invalid;
        }
        if (!client.challenge.equals(event.firstTagValue("challenge").orElse(null))) {
            return "invalid: the challenge tag does not match";
        }
        if (!sameRelay(event.firstTagValue("relay").orElse(null))) {
            return "invalid: the relay tag does not name this relay";
        }
        if (Math.abs(event.createdAt() - nowSeconds()) > AUTH_WINDOW_SECONDS) {
            return "invalid: created_at is too far from the current time";
        }
        return null;
    }

    private boolean sameRelay(String tag) {
        if (tag == null) {
            return false;
        }
        try {
            URI u = URI.create(tag.trim());
            String host = u.getHost() == null ? "" : u.getHost();
            String path = u.getPath() == null ? "" : u.getPath();
            return "ws".equalsIgnoreCase(u.getScheme()) && u.getPort() == getPort()
                    && (host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost"))
                    && (path.isEmpty() || path.equals("/"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private long nowSeconds() {
        return config.clock().millis() / 1000;
    }

    // ---- inspection for MockRelay ----

    /** Forgets every stored event (open subscriptions stay; nothing is sent to clients). */
    public void clearStoredEvents() {
        synchronized (lock) {
            store.clear();
        }
        signal();
    }

    public List<Event> storedEvents() {
        synchronized (lock) {
            store.purgeExpired(nowSeconds());
            return store.all(nowSeconds()).stream().map(Stored::event).toList();
        }
    }

    public int storedCount() {
        synchronized (lock) {
            return store.all(nowSeconds()).size();
        }
    }

    public List<String> receivedFrames() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public int connectionCount() {
        return clients.size();
    }

    public int subscriptionCount() {
        synchronized (lock) {
            int n = 0;
            for (Client c : clients) {
                n += c.subscriptions.size();
            }
            return n;
        }
    }

    public Set<PublicKey> authenticatedKeys() {
        return Set.copyOf(authenticated);
    }

    /** The most client event signatures handed to {@code BatchVerifier} together so far (0: none yet). */
    int largestSignatureBatch() {
        return largestSignatureBatch.get();
    }

    /** Waits until {@code condition} holds; true if it did within {@code timeout}. */
    public boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(changes, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void signal() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    // ---- fault actions ----

    int disconnectAll(boolean abrupt) {
        List<Client> all = new ArrayList<>(clients);
        for (Client c : all) {
            if (abrupt) {
                c.socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "MockRelay dropped the connection");
            } else {
                c.socket.close(CloseFrame.GOING_AWAY, "MockRelay disconnected all clients");
                // a client that never answers the close frame is cut off after a grace period
                try {
                    scheduler.schedule(() -> {
                        if (clients.contains(c)) {
                            c.socket.closeConnection(CloseFrame.GOING_AWAY, "MockRelay disconnected all clients");
                        }
                    }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // shutting down: stop() closes everything anyway
                }
            }
        }
        return all.size();
    }

    int sendToAll(String frame) {
        int n = 0;
        for (Client c : clients) {
            c.outbox.send(frame);
            n++;
        }
        return n;
    }

    int sendGarbage(RelayFaults.Garbage kind) {
        int n = 0;
        synchronized (lock) {
            for (Client c : clients) {
                switch (kind) {
                    case NON_JSON -> {
                        c.outbox.send("this is not JSON {\"EVENT\"");
                        n++;
                    }
                    case UNKNOWN_MESSAGE_TYPE -> {
                        c.outbox.send("[\"MOCK_UNKNOWN\",\"what is this\",42]");
                        n++;
                    }
                    case MALFORMED_MESSAGE -> {
                        String sub = c.subscriptions.isEmpty() ? "mock-relay-none" : c.subscriptions.keySet().iterator().next();
                        c.outbox.send(Frames.event(sub, "\"not an event\""));
                        c.outbox.send("[\"OK\"]");
                        c.outbox.send("[\"EOSE\",42]");
                        n += 3;
                    }
                    case UNKNOWN_SUBSCRIPTION -> {
                        Event e = signedGarbage(1, List.of(), nowSeconds());
                        c.outbox.send(Frames.event("mock-relay-never-opened", e.toJson()));
                        n++;
                    }
                    case BAD_SIGNATURE -> {
                        for (Map.Entry<String, List<Filter>> sub : c.subscriptions.entrySet()) {
                            Event e = badSignatureFor(sub.getValue());
                            c.outbox.send(Frames.event(sub.getKey(), e.toJson()));
                            n++;
                        }
                    }
                    case NOT_MATCHING -> {
                        for (Map.Entry<String, List<Filter>> sub : c.subscriptions.entrySet()) {
                            Event e = notMatching(sub.getValue());
                            if (e != null) {
                                c.outbox.send(Frames.event(sub.getKey(), e.toJson()));
                                n++;
                            }
                        }
                    }
                }
            }
        }
        return n;
    }

    private PrivateKey garbageKey() {
        PrivateKey k = garbageKey;
        if (k == null) {
            Random r = new Random(config.seed() * 31 + 7);
            k = PrivateKey.generate(r);
            garbageKey = k;
        }
        return k;
    }

    private Event signedGarbage(int kind, List<Tag> tags, long createdAt) {
        byte[] aux = new byte[32];
        faults.nextBytes(aux);
        return new UnsignedEvent(garbageKey().publicKey(), createdAt, kind, tags,
                "garbage from MockRelay " + faults.nextDouble()).sign(garbageKey(), aux);
    }

    /** An event with a correct id and a wrong signature that matches one of {@code filters} if possible. */
    private Event badSignatureFor(List<Filter> filters) {
        UnsignedEvent template = null;
        for (Filter f : filters) {
            template = matchingTemplate(f);
            if (template != null) {
                break;
            }
        }
        if (template == null) {
            template = new UnsignedEvent(garbageKey().publicKey(), nowSeconds(), 1, List.of(), "bad signature");
        }
        byte[] sig = new byte[64];
        faults.nextBytes(sig);
        return new Event(template.id(), template.pubkey(), template.createdAt(), template.kind(), template.tags(),
                template.content(), Hex.encode(sig));
    }

    private UnsignedEvent matchingTemplate(Filter f) {
        if (f.ids() != null) {
            return null;
        }
        if ((f.authors() != null && f.authors().isEmpty()) || (f.kinds() != null && f.kinds().isEmpty())) {
            return null;
        }
        PublicKey author = garbageKey().publicKey();
        if (f.authors() != null) {
            try {
                author = PublicKey.fromHex(f.authors().iterator().next());
            } catch (RuntimeException e) {
                return null;
            }
        }
        int kind = f.kinds() == null ? 1 : Collections.min(f.kinds());
        List<Tag> tags = new ArrayList<>();
        for (Map.Entry<String, Set<String>> t : f.tags().entrySet()) {
            if (t.getValue().isEmpty()) {
                return null;
            }
            tags.add(Tag.of(t.getKey(), t.getValue().iterator().next()));
        }
        long at = nowSeconds();
        if (f.since() != null && at < f.since()) {
            at = f.since();
        }
        if (f.until() != null && at > f.until()) {
            at = f.until();
        }
        UnsignedEvent u = new UnsignedEvent(author, at, kind, tags, "bad signature from MockRelay");
        return f.matches(new Event(u.id(), u.pubkey(), u.createdAt(), u.kind(), u.tags(), u.content(),
                "0".repeat(128))) ? u : null;
    }

    /** True when any of {@code filters} matches {@code e} (NIP-01: a subscription's filters are OR-ed). */
    static boolean anyMatches(List<Filter> filters, Event e) {
        for (Filter f : filters) {
            if (f.matches(e)) {
                return true;
            }
        }
        return false;
    }

    /** A correctly signed event matching none of {@code filters}, or null when they match everything. */
    private Event notMatching(List<Filter> filters) {
        long now = nowSeconds();
        int[] kinds = {1, 7, 4, 30078, 65000};
        long[] times = {now, 0, now + 10L * 365 * 24 * 3600};
        for (long at : times) {
            for (int kind : kinds) {
                Event e = signedGarbage(kind, List.of(), at);
                if (!anyMatches(filters, e)) {
                    return e;
                }
            }
        }
        return null;
    }

    // ---- shutdown ----

    /** Stops the server and waits for every thread it started. */
    public void shutdown() {
        boolean interrupted = false;
        try {
            stop(500, "MockRelay stopped");
        } catch (InterruptedException e) {
            interrupted = true;
        }
        for (WebSocket ws : new ArrayList<>(getConnections())) {
            ws.closeConnection(CloseFrame.GOING_AWAY, "MockRelay stopped");
        }
        for (Client c : clients) {
            c.outbox.close();
        }
        scheduler.shutdownNow();
        handlers.shutdownNow();
        List<Thread> threads = new ArrayList<>(decoders);
        threads.addAll(handlerThreads);
        Thread selector = selectorThread;
        if (selector != null) {
            threads.add(selector);
        }
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue;
            }
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        signal();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
