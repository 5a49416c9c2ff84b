package network.mostro.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayDiagnostic;
import network.mostro.nostr.relay.RelayMessagePrefix;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.RelayPoolListener;
import network.mostro.nostr.relay.RelayReply;
import network.mostro.nostr.relay.RelayStatus;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Relay-pool scenarios over real WebSockets (the pool's default JDK transport), run unchanged against every
 * relay implementation a subclass provides. The scenarios of one class run one after another (they are
 * timing-sensitive load tests); classes may run in parallel.
 */
@Execution(ExecutionMode.SAME_THREAD)
abstract class RelayPoolScenarios {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final PrivateKey key = PrivateKey.generate(new Random(7));
    private final long base = System.currentTimeMillis() / 1000 - 1_000;

    /** Starts a relay for one scenario (closed after it). */
    abstract ScenarioRelay startRelay(ScenarioRelay.Options options);

    private ScenarioRelay relay(ScenarioRelay.Options options) {
        ScenarioRelay r = startRelay(options);
        resources.add(r);
        return r;
    }

    private RelayPool pool(Recorder listener, ScenarioRelay... relays) {
        RelayPool.Builder b = RelayPool.builder().listener(listener)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .publishTimeout(Duration.ofSeconds(15)).eoseTimeout(Duration.ofSeconds(10))
                .maxFrameChars(64 * 1024).keepAlive(Duration.ofSeconds(1));
        for (ScenarioRelay r : relays) {
            b.relay(r.uri());
        }
        RelayPool p = b.build();
        resources.add(0, p);
        return p;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : resources) {
            c.close();
        }
    }

    private Event note(int i, String content) {
        return UnsignedEvent.builder(1).content(content).createdAt(base + i).sign(key);
    }

    private Filter myNotes() {
        return Filter.builder().kinds(1).authors(key.publicKey()).build();
    }

    private static PublishResult await(java.util.concurrent.CompletionStage<PublishResult> s) throws Exception {
        return s.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String frame(String sub, Event e) {
        return "[\"EVENT\",\"" + sub + "\"," + e.toJson() + "]";
    }

    @Test
    void publishGetsOkAcceptedDuplicateAndInvalid() throws Exception {
        ScenarioRelay r = relay(ScenarioRelay.Options.PLAIN);
        RelayPool pool = pool(new Recorder(), r);
        Event e = note(1, "hello");
        RelayReply first = await(pool.publish(e)).reply(r.uri());
        assertThat(first.status()).isEqualTo(RelayReply.Status.ACCEPTED);
        RelayReply again = await(pool.publish(e)).reply(r.uri());
        assertThat(again.status()).isEqualTo(RelayReply.Status.ACCEPTED);
        Event other = note(2, "other");
        Event forged = new Event(other.id(), other.pubkey(), other.createdAt(), other.kind(), other.tags(),
                other.content(), e.sig());
        RelayReply bad = await(pool.publish(forged)).reply(r.uri());
        assertThat(bad.status()).isEqualTo(RelayReply.Status.REJECTED);
        assertThat(bad.prefix()).isEqualTo(RelayMessagePrefix.INVALID);
    }

    @Test
    void subscribeGetsStoredEventsThenEoseThenLiveEvents() throws Exception {
        ScenarioRelay r = relay(ScenarioRelay.Options.PLAIN);
        Recorder poolEvents = new Recorder();
        RelayPool pool = pool(poolEvents, r);
        for (int i = 0; i < 3; i++) {
            assertThat(await(pool.publish(note(i, "stored " + i))).acceptedByAny()).isTrue();
        }
        Recorder sub = new Recorder();
        pool.subscribe(List.of(myNotes()), sub);
        List<String> stored = List.of(sub.next(), sub.next(), sub.next());
        assertThat(stored).allMatch(s -> s.startsWith("event "));
        assertThat(sub.next()).isEqualTo("eose " + r.uri());
        assertThat(sub.next()).isEqualTo("eoseComplete []");
        Event live = note(10, "live");
        assertThat(await(pool.publish(live)).acceptedByAny()).isTrue();
        assertThat(sub.next()).isEqualTo("event " + live.id());
        assertThat(sub.poll(300)).isNull();
        assertThat(poolEvents.diagnostics()).isEmpty();
    }

    @Test
    void eventsOnTwoRelaysAreDeliveredOnce() throws Exception {
        ScenarioRelay r1 = relay(ScenarioRelay.Options.PLAIN);
        ScenarioRelay r2 = relay(ScenarioRelay.Options.PLAIN);
        RelayPool pool = pool(new Recorder(), r1, r2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Event e = note(i, "both " + i);
            ids.add(e.id());
            PublishResult res = await(pool.publish(e));
            assertThat(res.acceptedBy()).containsExactlyInAnyOrder(r1.uri(), r2.uri());
        }
        Recorder sub = new Recorder();
        pool.subscribe(List.of(myNotes()), sub);
        List<String> got = sub.eventsUntilEoseComplete();
        assertThat(got).containsExactlyInAnyOrderElementsOf(ids);
        Event live = note(20, "live on both");
        await(pool.publish(live));
        assertThat(sub.next()).isEqualTo("event " + live.id());
        assertThat(sub.poll(500)).isNull();
    }

    @Test
    void noEventLostOrDeliveredTwiceAcrossForcedReconnectsUnderLoad() throws Exception {
        ScenarioRelay r = relay(ScenarioRelay.Options.PLAIN);
        Recorder subscriberEvents = new Recorder();
        RelayPool subscriber = pool(subscriberEvents, r);
        RelayPool publisher = pool(new Recorder(), r);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        BlockingQueue<String> eose = new LinkedBlockingQueue<>();
        subscriber.subscribe(List.of(myNotes()), new SubscriptionListener() {
            @Override
            public void onEvent(Event event, URI relay) {
                deliveries.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void onEoseComplete(Set<URI> timedOut) {
                eose.add("done");
            }
        });
        assertThat(eose.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        int n = 150;
        List<CompletableFuture<PublishResult>> results = new ArrayList<>();
        Set<String> published = ConcurrentHashMap.newKeySet();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event e = note(i, "load " + i);
            published.add(e.id());
            order.add(e.id());
            results.add(publisher.publish(e).toCompletableFuture());
            if (i == 50 || i == 100) {
                r.dropConnections(); // both pools lose their connection mid-stream
            }
            if (i == 75) {
                // the second cut must find a live connection again, or it tests nothing: on a loaded machine the
                // subscriber's first reconnect can still be under way 150 ms later
                long until = System.nanoTime() + WAIT.toNanos();
                while (subscriberEvents.count("status CONNECTED") < 2 && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
            }
            Thread.sleep(3);
        }
        for (CompletableFuture<PublishResult> f : results) {
            PublishResult res = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(res.acceptedByAny()).as("publish %s: %s", res.eventId(), res.replies()).isTrue();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (deliveries.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(500); // let any duplicate surface
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!deliveries.containsKey(order.get(i))) {
                missing.add(i);
            }
        }
        assertThat(missing).as("indices of published events never delivered; subscriber log %s; relay %s",
                subscriberEvents.log, r.debugState()).isEmpty();
        assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(published);
        assertThat(deliveries.values().stream().filter(c -> c.get() != 1).count()).isZero();
        assertThat(subscriberEvents.count("status CONNECTED")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void duplicateAndReorderedDeliveryIsHiddenFromTheListener() throws Exception {
        ScenarioRelay r = relay(ScenarioRelay.Options.PLAIN);
        RelayPool pool = pool(new Recorder(), r);
        Event e1 = note(1, "one");
        Event e2 = note(2, "two");
        await(pool.publish(e1));
        await(pool.publish(e2));
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(myNotes()), sub);
        assertThat(sub.eventsUntilEoseComplete()).containsExactlyInAnyOrder(e1.id(), e2.id());
        Event e3 = note(3, "three");
        Event e4 = note(4, "four");
        // The relay repeats old events, and sends a newer event before an older one, twice each.
        for (Event e : List.of(e2, e1, e4, e3, e4, e1, e3)) {
            r.sendRaw(frame(s.id(), e));
        }
        assertThat(List.of(sub.next(), sub.next())).containsExactly("event " + e4.id(), "event " + e3.id());
        assertThat(sub.poll(500)).isNull();
    }

    @Test
    void aRejectingOrRateLimitingRelayDoesNotBlockTheOthers() throws Exception {
        ScenarioRelay good = relay(ScenarioRelay.Options.PLAIN);
        ScenarioRelay rejecting = relay(ScenarioRelay.Options.rejecting("blocked: this relay takes no writes"));
        ScenarioRelay limited = relay(ScenarioRelay.Options.rateLimited(3));
        RelayPool pool = pool(new Recorder(), good, rejecting, limited);
        long start = System.nanoTime();
        List<CompletableFuture<PublishResult>> fs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fs.add(pool.publish(note(i, "burst " + i)).toCompletableFuture());
        }
        int rateLimited = 0;
        for (CompletableFuture<PublishResult> f : fs) {
            PublishResult res = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(res.reply(good.uri()).status()).isEqualTo(RelayReply.Status.ACCEPTED);
            RelayReply rej = res.reply(rejecting.uri());
            assertThat(rej.status()).isEqualTo(RelayReply.Status.REJECTED);
            assertThat(rej.prefix()).isEqualTo(RelayMessagePrefix.BLOCKED);
            RelayReply lim = res.reply(limited.uri());
            if (lim.status() == RelayReply.Status.REJECTED) {
                assertThat(lim.prefix()).isEqualTo(RelayMessagePrefix.RATE_LIMITED);
                rateLimited++;
            } else {
                assertThat(lim.status()).isEqualTo(RelayReply.Status.ACCEPTED);
            }
        }
        assertThat(rateLimited).isGreaterThanOrEqualTo(6);
        // Every answer came from the relays themselves, long before the 15 s publish timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void garbageFramesProduceDiagnosticsWithoutKillingTheConnection() throws Exception {
        ScenarioRelay r = relay(ScenarioRelay.Options.PLAIN);
        Recorder poolEvents = new Recorder();
        RelayPool pool = pool(poolEvents, r);
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(myNotes()), sub);
        assertThat(sub.eventsUntilEoseComplete()).isEmpty();
        Event a = note(1, "a");
        Event b = note(2, "b");
        Event forged = new Event(b.id(), b.pubkey(), b.createdAt(), b.kind(), b.tags(), b.content(), a.sig());
        Event reaction = UnsignedEvent.builder(7).content("+").createdAt(base).sign(key);
        r.sendRaw("this is not JSON");
        r.sendRaw("[\"MOCK_UNKNOWN\",1,2]");
        r.sendRaw("[\"EVENT\",\"" + s.id() + "\",\"not an event\"]");
        r.sendRaw(frame(s.id(), forged));
        r.sendRaw(frame(s.id(), reaction));
        r.sendRaw(frame("no-such-subscription", a));
        r.sendRaw("[\"NOTICE\",\"" + "x".repeat(80 * 1024) + "\"]");
        Set<String> expected = Set.of("MalformedFrame", "UnknownMessageType", "InvalidEvent", "NonMatchingEvent",
                "UnknownSubscription", "OversizedFrame");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!poolEvents.diagnostics().containsAll(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(poolEvents.diagnostics()).containsAll(expected);
        Event live = note(5, "still alive");
        assertThat(await(pool.publish(live)).acceptedByAny()).isTrue();
        assertThat(sub.next()).isEqualTo("event " + live.id());
        assertThat(poolEvents.count("status DISCONNECTED")).isZero();
    }

    @Test
    void authenticatesWhenTheRelayAsks() throws Exception {
        ScenarioRelay r = relay(ScenarioRelay.Options.withAuth());
        Recorder poolEvents = new Recorder();
        RelayPool pool = RelayPool.builder().relay(r.uri()).listener(poolEvents).authKey(key)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).build();
        resources.add(0, pool);
        Event dm = UnsignedEvent.builder(4).content("secret").tag("p", key.publicKey().toHex())
                .createdAt(base).sign(key);
        assertThat(await(pool.publish(dm)).acceptedByAny()).isTrue();
        Recorder sub = new Recorder();
        pool.subscribe(List.of(Filter.builder().kinds(4).tag('p', key.publicKey().toHex()).build()), sub);
        assertThat(sub.eventsUntilEoseComplete()).containsExactly(dm.id());
        assertThat(poolEvents.count("auth true")).isGreaterThanOrEqualTo(1);
    }

    /** Records callbacks as strings. */
    static final class Recorder implements SubscriptionListener, RelayPoolListener {
        private final BlockingQueue<String> subEvents = new LinkedBlockingQueue<>();
        private final List<String> log = new CopyOnWriteArrayList<>();
        private final Set<String> diagnostics = ConcurrentHashMap.newKeySet();

        String next() throws InterruptedException {
            String s = subEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(s).as("a subscription callback within %s", WAIT).isNotNull();
            return s;
        }

        String poll(long millis) throws InterruptedException {
            return subEvents.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** Event ids until onEoseComplete (which must report no timed-out relay). */
        List<String> eventsUntilEoseComplete() throws InterruptedException {
            List<String> ids = new ArrayList<>();
            while (true) {
                String s = next();
                if (s.startsWith("event ")) {
                    ids.add(s.substring(6));
                } else if (s.startsWith("eoseComplete")) {
                    assertThat(s).isEqualTo("eoseComplete []");
                    return ids;
                }
            }
        }

        long count(String entry) {
            return log.stream().filter(entry::equals).count();
        }

        Set<String> diagnostics() {
            return Set.copyOf(diagnostics);
        }

        @Override
        public void onEvent(Event event, URI relay) {
            subEvents.add("event " + event.id());
        }

        @Override
        public void onEose(URI relay) {
            subEvents.add("eose " + relay);
        }

        @Override
        public void onEoseComplete(Set<URI> timedOut) {
            subEvents.add("eoseComplete " + timedOut);
        }

        @Override
        public void onClosed(URI relay, String message) {
            subEvents.add("closed " + message);
        }

        @Override
        public void onStatus(URI relay, RelayStatus status, String detail) {
            log.add("status " + status);
            if (!detail.isEmpty()) {
                log.add("detail " + detail);
            }
        }

        @Override
        public void onAuth(URI relay, boolean accepted, String message) {
            log.add("auth " + accepted);
        }

        @Override
        public void onDiagnostic(RelayDiagnostic d) {
            diagnostics.add(d.getClass().getSimpleName());
            log.add("diag " + d.describe().substring(0, Math.min(160, d.describe().length())));
        }
    }
}
