package network.mostro.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.TransportException;
import network.mostro.nostr.UnsignedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's protocol logic against a scripted in-memory transport (no network). */
class RelayPoolTest {
    private static final String A = "ws://relay-a.test";
    private static final String B = "ws://relay-b.test";
    private static final Pattern SUB_ID = Pattern.compile("^\\[\"REQ\",\"([^\"]+)\"");

    private final PrivateKey key = PrivateKey.generate(new Random(42));
    private final FakeTransport transport = new FakeTransport();
    private final Recorder poolEvents = new Recorder();
    private RelayPool pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    private RelayPool.Builder builder(String... relays) {
        RelayPool.Builder b = RelayPool.builder().transport(transport).listener(poolEvents)
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(50))
                .publishTimeout(Duration.ofSeconds(5)).eoseTimeout(Duration.ofSeconds(5));
        for (String r : relays) {
            b.relay(r);
        }
        return b;
    }

    private Event note(long createdAt, String content) {
        return UnsignedEvent.builder(1).content(content).createdAt(createdAt).sign(key);
    }

    private static String eventFrame(String sub, Event e) {
        return "[\"EVENT\",\"" + sub + "\"," + e.toJson() + "]";
    }

    private static String subId(String req) {
        Matcher m = SUB_ID.matcher(req);
        assertThat(m.find()).as("REQ frame: %s", req).isTrue();
        return m.group(1);
    }

    // ------------------------------------------------------------------ publish

    @Test
    void publishCollectsPerRelayOkResultsWithParsedPrefixes() throws Exception {
        pool = builder(A, B).build();
        Event e = note(1_700_000_000L, "hello");
        var result = pool.publish(e).toCompletableFuture();
        assertThat(transport.relay(A).take()).isEqualTo("[\"EVENT\"," + e.toJson() + "]");
        assertThat(transport.relay(B).take()).isEqualTo("[\"EVENT\"," + e.toJson() + "]");
        transport.relay(A).send("[\"OK\",\"" + e.id() + "\",true,\"\"]");
        assertThat(result).isNotDone();
        transport.relay(B).send("[\"OK\",\"" + e.id() + "\",false,\"rate-limited: slow down\"]");
        PublishResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.eventId()).isEqualTo(e.id());
        assertThat(r.reply(URI.create(A)).status()).isEqualTo(RelayReply.Status.ACCEPTED);
        RelayReply rb = r.reply(URI.create(B));
        assertThat(rb.status()).isEqualTo(RelayReply.Status.REJECTED);
        assertThat(rb.prefix()).isEqualTo(RelayMessagePrefix.RATE_LIMITED);
        assertThat(rb.message()).isEqualTo("rate-limited: slow down");
        assertThat(r.acceptedBy()).containsExactly(URI.create(A));
        assertThat(r.acceptedByAny()).isTrue();
    }

    @Test
    void publishTimesOutPerRelayAndReportsRelaysOutsideThePool() throws Exception {
        pool = builder(A).publishTimeout(Duration.ofMillis(300)).build();
        transport.relay(A); // connected
        Event e = note(1_700_000_000L, "lost");
        PublishResult r = pool.publish(e, Set.of(URI.create(A), URI.create("ws://elsewhere.test")))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(r.reply(URI.create(A)).status()).isEqualTo(RelayReply.Status.TIMEOUT);
        assertThat(r.reply(URI.create("ws://elsewhere.test")).status()).isEqualTo(RelayReply.Status.NOT_CONNECTED);
    }

    @Test
    void publishToAnUnreachableRelayIsNotConnectedAndDoesNotBlockTheOthers() throws Exception {
        transport.relay(B).refuse = true;
        pool = builder(A, B).publishTimeout(Duration.ofMillis(400)).build();
        Event e = note(1_700_000_000L, "x");
        var f = pool.publish(e).toCompletableFuture();
        transport.relay(A).take("[\"EVENT\"");
        transport.relay(A).send("[\"OK\",\"" + e.id() + "\",true,\"\"]");
        PublishResult r = f.get(5, TimeUnit.SECONDS);
        assertThat(r.reply(URI.create(A)).accepted()).isTrue();
        assertThat(r.reply(URI.create(B)).status()).isEqualTo(RelayReply.Status.NOT_CONNECTED);
        assertThat(transport.relay(B).connects.get()).isGreaterThanOrEqualTo(2); // it kept retrying
    }

    @Test
    void publishSentWhileDisconnectedIsSentOnReconnect() throws Exception {
        transport.relay(A).refuse = true;
        pool = builder(A).build();
        Event e = note(1_700_000_000L, "later");
        var f = pool.publish(e).toCompletableFuture();
        Thread.sleep(100);
        transport.relay(A).refuse = false;
        assertThat(transport.relay(A).take("[\"EVENT\"")).contains(e.id());
        transport.relay(A).send("[\"OK\",\"" + e.id() + "\",true,\"duplicate: already have it\"]");
        RelayReply r = f.get(5, TimeUnit.SECONDS).reply(URI.create(A));
        assertThat(r.accepted()).isTrue();
        assertThat(r.prefix()).isEqualTo(RelayMessagePrefix.DUPLICATE);
    }

    @Test
    void aFullOutboundQueueGivesOverloadedForThatRelayOnly() throws Exception {
        pool = builder(A, B).maxOutboundQueue(2).build();
        transport.relay(B).refuse = true; // B never connects: its publishes wait (bounded too)
        var f1 = pool.publish(note(1_700_000_001L, "1")).toCompletableFuture();
        var f2 = pool.publish(note(1_700_000_002L, "2")).toCompletableFuture();
        Event third = note(1_700_000_003L, "3");
        var f3 = pool.publish(third, Set.of(URI.create(A))).toCompletableFuture();
        PublishResult r3 = f3.get(5, TimeUnit.SECONDS);
        assertThat(r3.reply(URI.create(A)).status()).isEqualTo(RelayReply.Status.OVERLOADED);
        assertThat(f1).isNotDone();
        assertThat(f2).isNotDone();
    }

    // ------------------------------------------------------------------ subscribe

    @Test
    void subscriptionDeliversVerifiedMatchingEventsOnceAcrossRelaysWithEose() throws Exception {
        pool = builder(A, B).build();
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(1).build()), sub);
        String reqA = transport.relay(A).take("[\"REQ\"");
        String reqB = transport.relay(B).take("[\"REQ\"");
        assertThat(reqA).isEqualTo("[\"REQ\",\"" + s.id() + "\",{\"kinds\":[1]}]");
        assertThat(subId(reqB)).isEqualTo(s.id());
        Event e1 = note(1_700_000_000L, "one");
        Event e2 = note(1_700_000_001L, "two");
        transport.relay(A).send(eventFrame(s.id(), e1));
        transport.relay(B).send(eventFrame(s.id(), e1)); // duplicate across relays
        transport.relay(B).send(eventFrame(s.id(), e2));
        transport.relay(A).send(eventFrame(s.id(), e2));
        transport.relay(A).send(eventFrame(s.id(), e1)); // duplicate on the same relay
        transport.relay(A).send("[\"EOSE\",\"" + s.id() + "\"]");
        // Relays are processed concurrently: which copy wins is not fixed, but each event arrives once.
        assertThat(List.of(sub.next(), sub.next(), sub.next())).satisfiesExactlyInAnyOrder(
                x -> assertThat(x).startsWith("event " + e1.id() + " ws://relay-"),
                x -> assertThat(x).startsWith("event " + e2.id() + " ws://relay-"),
                x -> assertThat(x).isEqualTo("eose " + A));
        transport.relay(B).send("[\"EOSE\",\"" + s.id() + "\"]");
        assertThat(sub.next()).isEqualTo("eose " + B);
        assertThat(sub.next()).isEqualTo("eoseComplete []");
        transport.relay(B).send("[\"EOSE\",\"" + s.id() + "\"]"); // second EOSE: not reported again
        s.close();
        assertThat(transport.relay(A).take("[\"CLOSE\"")).isEqualTo("[\"CLOSE\",\"" + s.id() + "\"]");
        assertThat(transport.relay(B).take("[\"CLOSE\"")).isEqualTo("[\"CLOSE\",\"" + s.id() + "\"]");
        assertThat(sub.poll(200)).isNull();
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    void eoseCompleteNamesRelaysThatTimedOut() throws Exception {
        pool = builder(A, B).eoseTimeout(Duration.ofMillis(300)).build();
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(1).build()), sub);
        transport.relay(A).take("[\"REQ\"");
        transport.relay(A).send("[\"EOSE\",\"" + s.id() + "\"]");
        assertThat(sub.next()).isEqualTo("eose " + A);
        assertThat(sub.next()).isEqualTo("eoseComplete [" + B + "]");
    }

    @Test
    void badInputIsDroppedWithTypedDiagnosticsAndTheConnectionKeepsWorking() throws Exception {
        pool = builder(A).maxFrameChars(4_000).build();
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(1).authors(key.publicKey()).build()), sub);
        transport.relay(A).take("[\"REQ\"");
        Event good = note(1_700_000_000L, "good");
        Event other = note(1_700_000_001L, "other");
        String forgedSig = other.toJson().replace(other.sig(), good.sig());
        String tamperedContent = good.toJson().replace("\"good\"", "\"evil\"");
        Event kind7 = UnsignedEvent.builder(7).content("+").createdAt(1_700_000_002L).sign(key);
        var a = transport.relay(A);
        a.send("not json at all");
        a.send("{\"an\":\"object\"}");
        a.send("[\"COUNT\",\"x\",{\"count\":3}]");
        a.send("[\"EVENT\",\"" + s.id() + "\"," + forgedSig + "]");
        a.send("[\"EVENT\",\"" + s.id() + "\"," + tamperedContent + "]");
        a.send("[\"EVENT\",\"" + s.id() + "\",{\"id\":42}]");
        a.send(eventFrame(s.id(), kind7));
        a.send(eventFrame("nosuchsub", good));
        a.send("[\"EVENT\",\"" + s.id() + "\"," + good.toJson().replace("\"good\"", "\"" + "x".repeat(5_000) + "\"") + "]");
        a.send("[\"OK\",\"" + good.id() + "\",true,\"\"]");
        a.send("[\"NOTICE\",\"hello from the relay\"]");
        a.send(eventFrame(s.id(), good));
        assertThat(sub.next()).isEqualTo("event " + good.id() + " " + A);

        List<String> diags = poolEvents.drain("diag", 9);
        assertThat(diags).containsExactlyInAnyOrder(
                "diag MalformedFrame",
                "diag MalformedFrame",
                "diag UnknownMessageType",
                "diag InvalidEvent signature does not verify",
                "diag InvalidEvent id does not match the content",
                "diag InvalidEvent id must be a string",
                "diag NonMatchingEvent",
                "diag UnknownSubscription",
                "diag OversizedFrame");
        assertThat(poolEvents.drain("diag UnexpectedOk", 1)).hasSize(1);
        assertThat(poolEvents.drain("notice", 1)).containsExactly("notice hello from the relay");
        assertThat(pool.statuses().get(URI.create(A))).isEqualTo(RelayStatus.CONNECTED);
        assertThat(transport.relay(A).connects.get()).isEqualTo(1);
    }

    @Test
    void reconnectReissuesSubscriptionsWithSinceAndHidesTheReplay() throws Exception {
        pool = builder(A).resubscribeMargin(Duration.ofSeconds(10)).build();
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(1).limit(50).build()), sub);
        var a = transport.relay(A);
        assertThat(poolEvents.drain("status", 2)).containsExactly("status CONNECTING", "status CONNECTED");
        a.take("[\"REQ\"");
        Event e1 = note(1_700_000_000L, "one");
        Event e2 = note(1_700_000_100L, "two");
        a.send(eventFrame(s.id(), e1));
        a.send(eventFrame(s.id(), e2));
        a.send("[\"EOSE\",\"" + s.id() + "\"]");
        assertThat(sub.next()).contains(e1.id());
        assertThat(sub.next()).contains(e2.id());
        assertThat(sub.next()).isEqualTo("eose " + A);
        assertThat(sub.next()).startsWith("eoseComplete");

        Event pendingPublish = note(1_700_000_200L, "in flight");
        var f = pool.publish(pendingPublish).toCompletableFuture();
        a.take("[\"EVENT\"");
        a.drop();
        assertThat(poolEvents.drain("status", 4)).containsExactly(
                "status DISCONNECTED", "status BACKOFF", "status CONNECTING", "status CONNECTED");
        // State replay on the new socket: the unanswered publish, then the subscription from newest - margin.
        assertThat(a.take()).contains(pendingPublish.id());
        String req = a.take();
        assertThat(req).isEqualTo("[\"REQ\",\"" + s.id() + "\",{\"kinds\":[1],\"since\":1700000090}]");
        a.send("[\"OK\",\"" + pendingPublish.id() + "\",true,\"\"]");
        assertThat(f.get(5, TimeUnit.SECONDS).acceptedByAny()).isTrue();
        Event e3 = note(1_700_000_300L, "three");
        a.send(eventFrame(s.id(), e2)); // replayed overlap
        a.send(eventFrame(s.id(), e3));
        a.send("[\"EOSE\",\"" + s.id() + "\"]");
        assertThat(a.take()).as("catch-up REQ after the re-issued REQ's EOSE").isEqualTo(req);
        a.send("[\"EOSE\",\"" + s.id() + "\"]");
        assertThat(sub.next()).contains(e3.id());
        assertThat(sub.poll(200)).isNull(); // neither e2 again nor a second EOSE
    }

    @Test
    void respondsToAuthAndRetriesRejectedPublishAndClosedSubscription() throws Exception {
        pool = builder(A).authKey(key).build();
        var a = transport.relay(A);
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(4).build()), sub);
        a.take("[\"REQ\"");
        Event e = note(1_700_000_000L, "needs auth");
        var f = pool.publish(e).toCompletableFuture();
        a.take("[\"EVENT\"");
        a.send("[\"OK\",\"" + e.id() + "\",false,\"auth-required: who are you\"]");
        a.send("[\"CLOSED\",\"" + s.id() + "\",\"auth-required: dms need auth\"]");
        a.send("[\"AUTH\",\"challenge-123\"]");
        String authFrame = a.take("[\"AUTH\"");
        Event auth = Event.fromJson(authFrame.substring("[\"AUTH\",".length(), authFrame.length() - 1));
        assertThat(auth.verify()).isTrue();
        assertThat(auth.kind()).isEqualTo(22242);
        assertThat(auth.pubkey()).isEqualTo(key.publicKey());
        assertThat(auth.firstTagValue("challenge")).contains("challenge-123");
        assertThat(auth.firstTagValue("relay")).contains(A);
        assertThat(f).isNotDone();
        a.send("[\"OK\",\"" + auth.id() + "\",true,\"\"]");
        assertThat(a.take()).contains(e.id());
        assertThat(subId(a.take())).isEqualTo(s.id());
        a.send("[\"OK\",\"" + e.id() + "\",true,\"\"]");
        assertThat(f.get(5, TimeUnit.SECONDS).acceptedByAny()).isTrue();
        assertThat(poolEvents.drain("auth", 1)).containsExactly("auth true");
        assertThat(sub.poll(100)).isNull(); // the retried CLOSED was not reported
    }

    @Test
    void withoutSignerAuthRequiredIsFinal() throws Exception {
        pool = builder(A).build();
        var a = transport.relay(A);
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(4).build()), sub);
        a.take("[\"REQ\"");
        a.send("[\"AUTH\",\"c\"]");
        a.send("[\"CLOSED\",\"" + s.id() + "\",\"auth-required: no\"]");
        assertThat(sub.next()).isEqualTo("closed " + A + " auth-required: no");
        assertThat(sub.next()).isEqualTo("eoseComplete []");
        Event e = note(1_700_000_000L, "x");
        var f = pool.publish(e).toCompletableFuture();
        a.take("[\"EVENT\"");
        a.send("[\"OK\",\"" + e.id() + "\",false,\"auth-required: no\"]");
        RelayReply r = f.get(5, TimeUnit.SECONDS).reply(URI.create(A));
        assertThat(r.status()).isEqualTo(RelayReply.Status.REJECTED);
        assertThat(r.prefix()).isEqualTo(RelayMessagePrefix.AUTH_REQUIRED);
    }

    @Test
    void slowListenerOverflowIsBoundedAndReported() throws Exception {
        pool = builder(A, B).maxPendingEvents(2).build();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(1).build()), (ev, relay) -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            got.add(ev.id());
        });
        transport.relay(A).take("[\"REQ\"");
        transport.relay(B).take("[\"REQ\"");
        Event[] events = new Event[6];
        for (int i = 0; i < events.length; i++) {
            events[i] = note(1_700_000_000L + i, "e" + i);
            transport.relay(A).send(eventFrame(s.id(), events[i]));
            if (i == 0) {
                assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
        // One is being handled (blocked), two wait; the rest overflow.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (s.droppedEvents() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(s.droppedEvents()).isEqualTo(3);
        release.countDown(); // (the pool listener shares the blocked callback thread: diagnostics come now)
        assertThat(poolEvents.drain("diag SubscriptionOverflow", 3)).hasSize(3);
        Set<String> delivered = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            delivered.add(got.poll(5, TimeUnit.SECONDS));
        }
        assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(delivered).hasSize(3).isSubsetOf(java.util.Arrays.stream(events).map(Event::id).toList());
        // A dropped event was not marked as delivered: its copy from another relay still arrives.
        Event dropped = java.util.Arrays.stream(events).filter(e -> !delivered.contains(e.id())).findFirst().orElseThrow();
        transport.relay(B).send(eventFrame(s.id(), dropped));
        assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo(dropped.id());
        assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void closeCompletesPendingPublishesAndStopsEveryPoolThread() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        pool = builder(A).build();
        Recorder sub = new Recorder();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(1).build()), sub);
        var f = pool.publish(note(1_700_000_000L, "pending")).toCompletableFuture();
        transport.relay(A).take("[\"EVENT\"");
        pool.close();
        assertThat(f.get(5, TimeUnit.SECONDS).reply(URI.create(A)).status()).isEqualTo(RelayReply.Status.CLOSED);
        assertThat(s.isClosed()).isTrue();
        assertThat(transport.relay(A).current.closed).isTrue();
        assertThat(poolEvents.drain("status CLOSED", 1)).hasSize(1);
        Set<Thread> after = Set.copyOf(Thread.getAllStackTraces().keySet());
        assertThat(after.stream().filter(t -> !before.contains(t) && t.isAlive()).map(Thread::getName))
                .isEmpty();
        assertThatThrownBy(() -> pool.publish(note(1L, "late"))).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> pool.subscribe(List.of(Filter.builder().build()), (ev, r) -> { }))
                .isInstanceOf(TransportException.class);
        pool.close(); // idempotent
    }

    @Test
    void relayUrisAreValidatedAndNormalised() {
        assertThatThrownBy(() -> RelayPool.builder().transport(transport).relay("http://x.test").build())
                .isInstanceOf(InvalidInputException.class);
        pool = builder("WS://Relay-A.test/").build();
        assertThat(pool.relays()).containsExactly(URI.create(A));
        pool.addRelay(URI.create(B));
        assertThat(pool.relays()).containsExactly(URI.create(A), URI.create(B));
        assertThat(pool.removeRelay(URI.create(B + "/"))).isTrue();
        assertThat(pool.relays()).containsExactly(URI.create(A));
    }

    @Test
    void keepAliveProbesAnIdleRelayAndReconnectsWhenItStaysSilent() throws Exception {
        pool = builder(A).keepAlive(Duration.ofMillis(200)).build();
        var a = transport.relay(A);
        assertThat(poolEvents.drain("status", 2)).containsExactly("status CONNECTING", "status CONNECTED");
        String probe = a.take("[\"REQ\"");
        assertThat(probe).startsWith("[\"REQ\",\"mostro-keepalive\",");
        a.send("[\"EOSE\",\"mostro-keepalive\"]"); // alive: the probe is closed, nothing else happens
        assertThat(a.take()).isEqualTo("[\"CLOSE\",\"mostro-keepalive\"]");
        // Now the relay goes silent: after two periods without a frame the pool reconnects.
        assertThat(poolEvents.drain("status", 2)).containsExactly("status DISCONNECTED", "status BACKOFF");
        assertThat(poolEvents.drain("status CONNECTED", 1)).hasSize(1);
        assertThat(a.connects.get()).isGreaterThanOrEqualTo(2);
        assertThat(poolEvents.drain("diag", 1)).isEmpty(); // probe answers are not diagnostics
    }

    @Test
    void addedRelayReceivesLiveSubscriptions() throws Exception {
        pool = builder(A).build();
        Subscription s = pool.subscribe(List.of(Filter.builder().kinds(1).build()), new Recorder());
        transport.relay(A).take("[\"REQ\"");
        pool.addRelay(URI.create(B));
        assertThat(subId(transport.relay(B).take("[\"REQ\""))).isEqualTo(s.id());
    }

    /** Records listener callbacks as strings. */
    static final class Recorder implements SubscriptionListener, RelayPoolListener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        String next() throws InterruptedException {
            String s = events.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no callback within 5 s");
            }
            return s;
        }

        String poll(long millis) throws InterruptedException {
            return events.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** The next {@code n} records starting with {@code prefix}, skipping others. */
        List<String> drain(String prefix, int n) throws InterruptedException {
            List<String> out = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (out.size() < n && System.nanoTime() < deadline) {
                String s = events.poll(50, TimeUnit.MILLISECONDS);
                if (s != null && s.startsWith(prefix)) {
                    out.add(s);
                }
            }
            return out;
        }

        @Override
        public void onEvent(Event event, URI relay) {
            events.add("event " + event.id() + " " + relay);
        }

        @Override
        public void onEose(URI relay) {
            events.add("eose " + relay);
        }

        @Override
        public void onEoseComplete(Set<URI> timedOut) {
            events.add("eoseComplete " + timedOut);
        }

        @Override
        public void onClosed(URI relay, String message) {
            events.add("closed " + relay + " " + message);
        }

        @Override
        public void onStatus(URI relay, RelayStatus status, String detail) {
            events.add("status " + status);
        }

        @Override
        public void onNotice(URI relay, String message) {
            events.add("notice " + message);
        }

        @Override
        public void onAuth(URI relay, boolean accepted, String message) {
            events.add("auth " + accepted);
        }

        @Override
        public void onDiagnostic(RelayDiagnostic d) {
            String extra = d instanceof RelayDiagnostic.InvalidEvent ie ? " " + ie.reason() : "";
            events.add("diag " + d.getClass().getSimpleName() + extra);
        }
    }
}
