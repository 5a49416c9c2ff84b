package network.mostro.nostr.relay.internal;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import network.mostro.nostr.Event;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayDiagnostic;
import network.mostro.nostr.relay.RelayMessagePrefix;
import network.mostro.nostr.relay.RelayReply;
import network.mostro.nostr.relay.RelayStatus;
import network.mostro.nostr.relay.WebSocketTransport;

/**
 * One relay of a pool: its socket, reconnect loop, outbound queue, pending publishes, per-relay subscription
 * state and NIP-42 state. The state is replayed onto every new socket (pending publishes re-sent,
 * subscriptions re-issued with {@code since}), so a reconnect loses nothing the relay still has.
 *
 * <p>Thread-safe: state is guarded by {@code this}; the inbound frame queue by {@code inLock}. Callbacks to
 * user code are only ever queued (never run) while a lock is held.
 */
final class RelayConnection {
    private static final int AUTH_KIND = 22242;
    private static final long STABLE_NANOS = 10_000_000_000L; // a connection up this long resets back-off
    private static final long MAX_INBOUND_CHARS = 8L * 1024 * 1024;
    private static final int DRAIN_BATCH = 256;

    private enum Auth { NONE, PENDING, AUTHENTICATED, FAILED }

    /** Subscription id of the keep-alive probe; pool subscription ids start with "sub". */
    static final String KEEPALIVE_ID = "mostro-keepalive";
    private static final String KEEPALIVE_REQ = RelayFrames.req(KEEPALIVE_ID, List.of(Filter.builder()
            .ids("0000000000000000000000000000000000000000000000000000000000000000").limit(0).build()));

    private static final class PendingPublish {
        final String frame;
        final List<PublishTracker> trackers = new ArrayList<>(1);
        boolean everSent;
        boolean sentAuthenticated;
        boolean authRetried;
        boolean waitingAuth;
        String rejection = "";

        PendingPublish(String frame) {
            this.frame = frame;
        }
    }

    private static final class SubState {
        final DefaultSubscription sub;
        boolean sent;
        boolean sentAuthenticated;
        boolean eose;
        boolean closedByRelay;
        boolean authRetried;
        boolean waitingAuth;
        String closedMessage = "";
        long newestSeen = -1;
        /** A re-issued REQ to send once more after its EOSE (see {@link #queueReq}), or null. */
        String catchUp;

        SubState(DefaultSubscription sub) {
            this.sub = sub;
        }
    }

    final URI uri;
    private final DefaultRelayPool pool;
    private final PoolConfig cfg;

    // guarded by this
    private volatile long gen;
    private RelayStatus status = RelayStatus.DISCONNECTED;
    private WebSocketTransport.Connection conn;
    private final ArrayDeque<String> outbound = new ArrayDeque<>();
    private boolean sending;
    private final Map<String, PendingPublish> publishes = new LinkedHashMap<>();
    private final Map<String, SubState> subs = new LinkedHashMap<>();
    private String challenge;
    private Auth auth = Auth.NONE;
    private String authEventId;
    private int failures;
    private long openedAtNanos;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> keepAliveTask;
    private volatile long lastReceivedNanos;
    private boolean shutdown;

    // guarded by inLock
    private final Object inLock = new Object();
    private final ArrayDeque<String> inbound = new ArrayDeque<>();
    private long inboundChars;
    private boolean draining;
    private CompletableFuture<Void> resume;

    RelayConnection(DefaultRelayPool pool, URI uri, PoolConfig cfg) {
        this.pool = pool;
        this.uri = uri;
        this.cfg = cfg;
    }

    synchronized RelayStatus status() {
        return status;
    }

    // ---------------------------------------------------------------- lifecycle

    void connect() {
        long g;
        synchronized (this) {
            if (shutdown) {
                return;
            }
            g = ++gen;
            setStatus(RelayStatus.CONNECTING, "");
            timer = pool.schedule(() -> connectTimedOut(g), cfg.connectTimeout().toMillis() + 1_000);
        }
        CompletionStage<WebSocketTransport.Connection> stage;
        try {
            stage = pool.transport().connect(uri, cfg.maxFrameChars(), new SocketListener(g));
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((c, err) -> {
            if (err != null) {
                socketFailed(g, "connect failed: " + describe(err));
            } else {
                opened(g, c);
            }
        });
    }

    private void connectTimedOut(long g) {
        boolean stuck;
        synchronized (this) {
            stuck = g == gen && conn == null && status == RelayStatus.CONNECTING;
        }
        if (stuck) {
            socketFailed(g, "connect timed out");
        }
    }

    private void opened(long g, WebSocketTransport.Connection c) {
        synchronized (this) {
            if (g != gen || shutdown) {
                c.close();
                return;
            }
            if (conn != null) {
                return; // onOpen already handled this socket
            }
            cancelTimer();
            conn = c;
            sending = false;
            openedAtNanos = System.nanoTime();
            lastReceivedNanos = openedAtNanos;
            long period = cfg.keepAlive().toMillis();
            if (period > 0) {
                keepAliveTask = pool.scheduleRepeating(() -> keepAliveTick(g), period);
            }
            for (PendingPublish p : publishes.values()) {
                if (!p.waitingAuth) {
                    queuePublish(p);
                }
            }
            for (SubState st : subs.values()) {
                if (!st.closedByRelay && !st.waitingAuth) {
                    queueReq(st);
                }
            }
            setStatus(RelayStatus.CONNECTED, "");
        }
        pump();
    }

    private void socketFailed(long g, String reason) {
        WebSocketTransport.Connection c;
        synchronized (this) {
            if (g != gen || shutdown) {
                return;
            }
            gen++; // late callbacks of this socket are now ignored
            c = conn;
            conn = null;
            cancelTimer();
            outbound.clear();
            sending = false;
            challenge = null;
            auth = Auth.NONE;
            authEventId = null;
            for (SubState st : subs.values()) {
                st.sent = false;
                st.authRetried = false;
                st.waitingAuth = false;
            }
            for (PendingPublish p : publishes.values()) {
                p.authRetried = false;
                p.waitingAuth = false;
            }
            if (status == RelayStatus.CONNECTED && System.nanoTime() - openedAtNanos >= STABLE_NANOS) {
                failures = 0;
            }
            setStatus(RelayStatus.DISCONNECTED, reason);
            long delay = backoffMillis(failures++);
            setStatus(RelayStatus.BACKOFF, "reconnecting in " + delay + " ms");
            timer = pool.schedule(this::connect, delay);
        }
        if (c != null) {
            c.close();
        }
    }

    private long backoffMillis(int attempt) {
        long initial = cfg.backoffInitial().toMillis();
        long max = cfg.backoffMax().toMillis();
        long d = attempt >= 30 ? max : Math.min(max, initial << attempt);
        long half = Math.max(1, d / 2);
        return half + ThreadLocalRandom.current().nextLong(d - half + 1);
    }

    /** Closes for good: the pool is closing or the relay was removed. */
    void shutdown() {
        WebSocketTransport.Connection c;
        List<PendingPublish> pending;
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
            gen++;
            cancelTimer();
            c = conn;
            conn = null;
            outbound.clear();
            pending = new ArrayList<>(publishes.values());
            publishes.clear();
            subs.clear();
            setStatus(RelayStatus.CLOSED, "");
        }
        RelayReply closed = RelayReply.local(RelayReply.Status.CLOSED, "the relay pool was closed");
        for (PendingPublish p : pending) {
            for (PublishTracker t : p.trackers) {
                t.complete(uri, closed);
            }
        }
        if (c != null) {
            c.close();
        }
        CompletableFuture<Void> r;
        synchronized (inLock) {
            inbound.clear();
            inboundChars = 0;
            r = resume;
            resume = null;
        }
        if (r != null) {
            r.complete(null);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
            keepAliveTask = null;
        }
    }

    private void keepAliveTick(long g) {
        long idle = System.nanoTime() - lastReceivedNanos;
        long period = cfg.keepAlive().toNanos();
        synchronized (this) {
            if (g != gen || conn == null) {
                return;
            }
            if (idle < 2 * period) {
                if (idle >= period) {
                    queue(KEEPALIVE_REQ);
                }
                idle = -1;
            }
        }
        if (idle >= 0) {
            socketFailed(g, "no frame received for " + idle / 1_000_000 + " ms, not even the keep-alive answer");
        } else {
            pump();
        }
    }

    private void setStatus(RelayStatus s, String detail) {
        status = s;
        pool.status(uri, s, detail);
    }

    // ---------------------------------------------------------------- outbound

    /** Queues {@code frame} (bypassing the bound: control frames and state replay are themselves bounded). */
    private void queue(String frame) {
        outbound.add(frame);
    }

    private void queuePublish(PendingPublish p) {
        queue(p.frame);
        p.everSent = true;
        p.sentAuthenticated = auth == Auth.AUTHENTICATED;
    }

    /**
     * Queues the subscription's REQ. A re-issued one (after a reconnect) is sent a second time, with the same
     * {@code since}, once its EOSE arrives: some relays answer a REQ from storage and only then start live
     * delivery, so events stored in between (typical right after a reconnect, when other clients replay
     * their publishes) would otherwise be missed. NIP-01 makes the second REQ replace the first; the
     * overlap is hidden by de-duplication.
     */
    private void queueReq(SubState st) {
        String frame = RelayFrames.req(st.sub.id(), reqFilters(st));
        queue(frame);
        st.catchUp = st.newestSeen >= 0 || st.eose ? frame : null;
        st.sent = true;
        st.sentAuthenticated = auth == Auth.AUTHENTICATED;
    }

    private List<Filter> reqFilters(SubState st) {
        List<Filter> filters = st.sub.filters();
        if (st.newestSeen < 0) {
            return filters;
        }
        long since = Math.max(0, st.newestSeen - cfg.resubscribeMargin().toSeconds());
        List<Filter> out = new ArrayList<>(filters.size());
        for (Filter f : filters) {
            Filter g = f.withLimit(null);
            if (f.since() == null || f.since() < since) {
                g = g.withSince(since);
            }
            out.add(g);
        }
        return out;
    }

    private void pump() {
        while (true) {
            String frame;
            WebSocketTransport.Connection c;
            long g;
            synchronized (this) {
                if (sending || conn == null || outbound.isEmpty()) {
                    return;
                }
                frame = outbound.poll();
                sending = true;
                c = conn;
                g = gen;
            }
            CompletableFuture<Void> f;
            try {
                f = c.sendText(frame).toCompletableFuture();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            if (f.isDone() && !f.isCompletedExceptionally()) {
                synchronized (this) {
                    if (g == gen) {
                        sending = false;
                    }
                }
                continue;
            }
            f.whenComplete((v, err) -> {
                synchronized (this) {
                    if (g == gen) {
                        sending = false;
                    }
                }
                if (err != null) {
                    socketFailed(g, "send failed: " + describe(err));
                } else {
                    pump();
                }
            });
            return;
        }
    }

    void publish(String eventId, String frame, PublishTracker t) {
        RelayReply immediate = null;
        synchronized (this) {
            PendingPublish p = publishes.get(eventId);
            if (shutdown) {
                immediate = RelayReply.local(RelayReply.Status.CLOSED, "the relay pool was closed");
            } else if (p != null) {
                p.trackers.add(t);
                return;
            } else if (publishes.size() >= cfg.maxOutboundQueue()) {
                immediate = RelayReply.local(RelayReply.Status.OVERLOADED, "too many publishes awaiting OK");
            } else if (conn != null && outbound.size() >= cfg.maxOutboundQueue()) {
                immediate = RelayReply.local(RelayReply.Status.OVERLOADED, "outbound queue full");
            } else {
                p = new PendingPublish(frame);
                p.trackers.add(t);
                publishes.put(eventId, p);
                if (conn != null) {
                    queuePublish(p);
                }
            }
        }
        if (immediate != null) {
            t.complete(uri, immediate);
        } else {
            pump();
        }
    }

    /** The publish timeout passed for {@code t}. */
    void expirePublish(String eventId, PublishTracker t) {
        RelayReply reply;
        synchronized (this) {
            PendingPublish p = publishes.get(eventId);
            if (p == null || !p.trackers.remove(t)) {
                return;
            }
            if (p.trackers.isEmpty()) {
                publishes.remove(eventId);
            }
            reply = p.everSent
                    ? RelayReply.local(RelayReply.Status.TIMEOUT, "no OK within " + cfg.publishTimeout().toMillis() + " ms")
                    : RelayReply.local(RelayReply.Status.NOT_CONNECTED, "not connected within "
                            + cfg.publishTimeout().toMillis() + " ms");
        }
        t.complete(uri, reply);
    }

    void addSubscription(DefaultSubscription sub) {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            SubState st = new SubState(sub);
            subs.put(sub.id(), st);
            if (conn != null) {
                queueReq(st);
            }
        }
        pump();
    }

    void removeSubscription(String subId) {
        synchronized (this) {
            SubState st = subs.remove(subId);
            if (st == null || !st.sent || conn == null) {
                return;
            }
            queue(RelayFrames.close(subId));
        }
        pump();
    }

    private synchronized boolean hasSubscription(String subId) {
        return subs.containsKey(subId);
    }

    // ---------------------------------------------------------------- inbound

    private final class SocketListener implements WebSocketTransport.Listener {
        private final long g;

        SocketListener(long g) {
            this.g = g;
        }

        @Override
        public void onOpen(WebSocketTransport.Connection connection) {
            opened(g, connection);
        }

        @Override
        public CompletionStage<?> onText(String message) {
            return g == gen ? enqueueInbound(message) : null;
        }

        @Override
        public void onMessageTooLarge(long chars) {
            if (g == gen) {
                pool.diagnostic(new RelayDiagnostic.OversizedFrame(uri, chars, cfg.maxFrameChars()));
            }
        }

        @Override
        public void onBinaryMessage(long bytes) {
            if (g == gen) {
                pool.diagnostic(new RelayDiagnostic.BinaryFrame(uri, bytes));
            }
        }

        @Override
        public void onClosed(int statusCode, String reason) {
            socketFailed(g, "closed by the relay (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        }

        @Override
        public void onError(Throwable error) {
            socketFailed(g, "connection error: " + describe(error));
        }
    }

    private CompletionStage<?> enqueueInbound(String frame) {
        lastReceivedNanos = System.nanoTime();
        boolean start;
        CompletableFuture<Void> wait = null;
        synchronized (inLock) {
            inbound.add(frame);
            inboundChars += frame.length();
            start = !draining;
            draining = true;
            if (inbound.size() >= cfg.maxInboundFrames() || inboundChars >= MAX_INBOUND_CHARS) {
                if (resume == null) {
                    resume = new CompletableFuture<>();
                }
                wait = resume;
            }
        }
        if (start) {
            submitDrain();
        }
        return wait;
    }

    private void submitDrain() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (inLock) {
                inbound.clear();
                inboundChars = 0;
                draining = false;
            }
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>(Math.min(DRAIN_BATCH, 16));
        synchronized (inLock) {
            for (int i = 0; i < DRAIN_BATCH && !inbound.isEmpty(); i++) {
                String f = inbound.poll();
                inboundChars -= f.length();
                batch.add(f);
            }
        }
        try {
            process(batch);
        } catch (RuntimeException e) {
            DefaultRelayPool.LOG.warn("relay pool: unexpected failure processing frames from {}", uri, e);
        }
        CompletableFuture<Void> r = null;
        boolean again;
        synchronized (inLock) {
            if (resume != null && inbound.size() <= cfg.maxInboundFrames() / 2 && inboundChars < MAX_INBOUND_CHARS / 2) {
                r = resume;
                resume = null;
            }
            again = !inbound.isEmpty();
            draining = again;
        }
        if (r != null) {
            r.complete(null);
        }
        if (again) {
            submitDrain();
        }
    }

    private void process(List<String> frames) {
        List<RelayMessage> messages = new ArrayList<>(frames.size());
        List<Event> toVerify = new ArrayList<>();
        List<Integer> verifyAt = new ArrayList<>();
        for (String frame : frames) {
            RelayMessage m;
            try {
                m = RelayFrames.parse(frame, cfg.eventLimits());
            } catch (NostrException e) {
                pool.diagnostic(new RelayDiagnostic.MalformedFrame(uri, e.getMessage(), excerpt(frame)));
                continue;
            }
            if (m instanceof RelayMessage.EventMsg em) {
                DefaultSubscription sub = pool.subscription(em.subscriptionId());
                if (sub == null || !hasSubscription(em.subscriptionId())) {
                    pool.diagnostic(new RelayDiagnostic.UnknownSubscription(uri, "EVENT", em.subscriptionId()));
                    continue;
                }
                Event e = em.event();
                if (sub.alreadyDelivered(e.id())) {
                    continue; // a copy of an event already verified and delivered
                }
                if (!sub.matches(e)) {
                    pool.diagnostic(new RelayDiagnostic.NonMatchingEvent(uri, em.subscriptionId(), e.id()));
                    continue;
                }
                if (cfg.verifyEvents()) {
                    toVerify.add(e);
                    verifyAt.add(messages.size());
                }
            }
            messages.add(m);
        }
        if (!toVerify.isEmpty()) {
            String[] reasons = pool.verifier().verify(toVerify);
            for (int i = 0; i < reasons.length; i++) {
                if (reasons[i] != null) {
                    int at = verifyAt.get(i);
                    RelayMessage.EventMsg em = (RelayMessage.EventMsg) messages.get(at);
                    messages.set(at, new RelayMessage.BadEvent(em.subscriptionId(), em.event().id(), reasons[i]));
                }
            }
        }
        for (RelayMessage m : messages) {
            handle(m);
        }
    }

    private void handle(RelayMessage m) {
        if (m instanceof RelayMessage.EventMsg em) {
            onEvent(em.subscriptionId(), em.event());
        } else if (m instanceof RelayMessage.BadEvent be) {
            pool.diagnostic(new RelayDiagnostic.InvalidEvent(uri, be.subscriptionId(), be.eventId(), be.reason()));
        } else if (m instanceof RelayMessage.Ok ok) {
            onOk(ok);
        } else if (m instanceof RelayMessage.Eose eose) {
            onEose(eose.subscriptionId());
        } else if (m instanceof RelayMessage.Closed closed) {
            onClosedMessage(closed.subscriptionId(), closed.message());
        } else if (m instanceof RelayMessage.Notice n) {
            pool.notice(uri, n.message());
        } else if (m instanceof RelayMessage.Auth a) {
            onChallenge(a.challenge());
        } else if (m instanceof RelayMessage.Unknown u) {
            pool.diagnostic(new RelayDiagnostic.UnknownMessageType(uri, u.type()));
        }
    }

    private void onEvent(String subId, Event e) {
        DefaultSubscription sub;
        synchronized (this) {
            SubState st = subs.get(subId);
            if (st == null) {
                return; // closed meanwhile
            }
            long now = System.currentTimeMillis() / 1000;
            st.newestSeen = Math.max(st.newestSeen, Math.min(e.createdAt(), now));
            sub = st.sub;
        }
        sub.deliver(e, uri);
    }

    private void onEose(String subId) {
        if (KEEPALIVE_ID.equals(subId)) {
            synchronized (this) {
                if (conn != null) {
                    queue(RelayFrames.close(KEEPALIVE_ID));
                }
            }
            pump();
            return;
        }
        DefaultSubscription sub = null;
        boolean unknown;
        boolean catchUp = false;
        synchronized (this) {
            SubState st = subs.get(subId);
            unknown = st == null;
            if (st != null && !st.eose) {
                st.eose = true;
                sub = st.sub;
            }
            if (st != null && st.catchUp != null && conn != null) {
                queue(st.catchUp);
                st.catchUp = null;
                catchUp = true;
            }
        }
        if (catchUp) {
            pump();
        }
        if (unknown) {
            pool.diagnostic(new RelayDiagnostic.UnknownSubscription(uri, "EOSE", subId));
        } else if (sub != null) {
            sub.relayEose(uri);
        }
    }

    private void onClosedMessage(String subId, String message) {
        DefaultSubscription closedSub = null;
        synchronized (this) {
            SubState st = subs.get(subId);
            if (st == null) {
                return; // normal answer to our CLOSE, or stale
            }
            st.sent = false;
            if (mayRetryAfterAuth(message, st.authRetried, st.sentAuthenticated)) {
                st.authRetried = true;
                if (auth == Auth.AUTHENTICATED && conn != null) {
                    queueReq(st);
                } else {
                    st.waitingAuth = true;
                    st.closedMessage = message;
                    maybeStartAuth();
                }
            } else {
                st.closedByRelay = true;
                closedSub = st.sub;
            }
        }
        if (closedSub != null) {
            closedSub.relayClosed(uri, message);
        }
        pump();
    }

    private boolean mayRetryAfterAuth(String message, boolean retried, boolean sentAuthenticated) {
        if (cfg.signer() == null || retried) {
            return false;
        }
        RelayMessagePrefix prefix = RelayMessagePrefix.of(message);
        return prefix == RelayMessagePrefix.AUTH_REQUIRED
                || prefix == RelayMessagePrefix.RESTRICTED && !sentAuthenticated;
    }

    private void onOk(RelayMessage.Ok ok) {
        List<PublishTracker> trackers;
        RelayReply reply;
        synchronized (this) {
            if (ok.eventId().equals(authEventId)) {
                authAnswered(ok.accepted(), ok.message());
                return;
            }
            PendingPublish p = publishes.get(ok.eventId());
            if (p == null) {
                trackers = null;
                reply = null;
            } else if (!ok.accepted() && mayRetryAfterAuth(ok.message(), p.authRetried, p.sentAuthenticated)) {
                p.authRetried = true;
                if (auth == Auth.AUTHENTICATED && conn != null) {
                    queuePublish(p);
                } else {
                    p.waitingAuth = true;
                    p.rejection = ok.message();
                    maybeStartAuth();
                }
                trackers = List.of();
                reply = null;
            } else {
                publishes.remove(ok.eventId());
                trackers = p.trackers;
                reply = RelayReply.ok(ok.accepted(), ok.message());
            }
        }
        if (trackers == null) {
            pool.diagnostic(new RelayDiagnostic.UnexpectedOk(uri, ok.eventId()));
            return;
        }
        for (PublishTracker t : trackers) {
            t.complete(uri, reply);
        }
        pump();
    }

    // ---------------------------------------------------------------- NIP-42

    private void onChallenge(String newChallenge) {
        synchronized (this) {
            challenge = newChallenge;
            if (cfg.signer() == null || auth == Auth.PENDING) {
                return;
            }
            startAuth();
        }
        pump();
    }

    /** Starts authenticating if something waits for it and a challenge is known. Caller holds the lock. */
    private void maybeStartAuth() {
        if (auth != Auth.PENDING && auth != Auth.AUTHENTICATED && challenge != null) {
            startAuth();
        }
    }

    private void startAuth() {
        auth = Auth.PENDING;
        long g = gen;
        UnsignedEvent u = UnsignedEvent.builder(AUTH_KIND)
                .tag("relay", uri.toString())
                .tag("challenge", challenge)
                .build(cfg.signer().publicKey());
        CompletionStage<Event> signed;
        try {
            signed = cfg.signer().sign(u);
        } catch (RuntimeException e) {
            signed = CompletableFuture.failedFuture(e);
        }
        signed.whenComplete((ev, err) -> authSigned(g, ev, err));
    }

    private void authSigned(long g, Event ev, Throwable err) {
        synchronized (this) {
            if (g != gen || shutdown) {
                return;
            }
            if (err != null || ev == null) {
                authAnswered(false, "error: could not sign the AUTH event: " + (err == null ? "null" : describe(err)));
                return;
            }
            authEventId = ev.id();
            if (conn != null) {
                queue(RelayFrames.auth(ev));
            }
        }
        pump();
    }

    /** Caller holds the lock. */
    private void authAnswered(boolean accepted, String message) {
        pool.auth(uri, accepted, message);
        authEventId = null;
        if (accepted) {
            auth = Auth.AUTHENTICATED;
            for (PendingPublish p : publishes.values()) {
                if (p.waitingAuth) {
                    p.waitingAuth = false;
                    if (conn != null) {
                        queuePublish(p);
                    }
                }
            }
            for (SubState st : subs.values()) {
                if (st.waitingAuth) {
                    st.waitingAuth = false;
                    if (conn != null) {
                        queueReq(st);
                    }
                }
            }
            pool.executeQuietly(this::pump);
            return;
        }
        auth = Auth.FAILED;
        List<Map.Entry<String, PendingPublish>> failed = new ArrayList<>();
        for (Map.Entry<String, PendingPublish> e : publishes.entrySet()) {
            if (e.getValue().waitingAuth) {
                failed.add(e);
            }
        }
        for (Map.Entry<String, PendingPublish> e : failed) {
            publishes.remove(e.getKey());
            RelayReply r = RelayReply.ok(false, e.getValue().rejection);
            for (PublishTracker t : e.getValue().trackers) {
                t.complete(uri, r);
            }
        }
        for (SubState st : subs.values()) {
            if (st.waitingAuth) {
                st.waitingAuth = false;
                st.closedByRelay = true;
                st.sub.relayClosed(uri, st.closedMessage);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String excerpt(String frame) {
        return frame.length() <= 120 ? frame : frame.substring(0, 120) + "…";
    }

    private static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
