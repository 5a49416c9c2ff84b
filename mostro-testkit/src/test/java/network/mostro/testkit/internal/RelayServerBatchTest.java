package network.mostro.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.Event;
import network.mostro.nostr.EventLimits;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batches of one connection's frames, made deterministic: the relay's handler executor is held shut until
 * every frame has arrived, so all of them are handled as one batch.
 */
class RelayServerBatchTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = System.currentTimeMillis() / 1000;

    private final PrivateKey node = PrivateKey.generate(new Random(81));
    private final CountDownLatch gate = new CountDownLatch(1);
    private RelayServer relay;
    private ExecutorService handlers;
    private volatile Thread handlerThread;
    private Conn conn;

    /** A relay whose frame handling waits for {@link #gate}. */
    private RelayServer start(boolean authRequired) {
        handlers = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "relay-batch-test-handler");
            t.setDaemon(true);
            handlerThread = t;
            return t;
        });
        handlers.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        relay = new RelayServer(new RelayConfig(authRequired, 1 << 20, EventLimits.DEFAULT, Clock.systemUTC(), 0, 5),
                handlers);
        relay.startAndWait(WAIT);
        return relay;
    }

    @AfterEach
    void stop() {
        gate.countDown();
        if (conn != null) {
            conn.ws.abort();
        }
        if (relay != null) {
            relay.shutdown();
        }
    }

    private Event note(int i) {
        return new UnsignedEvent(node.publicKey(), NOW + i, 1, List.of(), "burst " + i).sign(node, new byte[32]);
    }

    private static Event withSig(Event e, String sig) {
        return new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), sig);
    }

    /** Waits until the relay has received {@code n} frames (all of them queued, none handled: the gate is shut). */
    private void awaitReceived(int n) {
        assertThat(relay.await(() -> relay.receivedFrames().size() >= n, WAIT)).isTrue();
        assertThat(relay.receivedFrames()).hasSize(n);
    }

    @Test
    void oneBatchVerifiesAllSignaturesTogetherAndRefusesExactlyTheBadOnes() {
        start(false);
        conn = Conn.open(relay.uri());
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(note(i));
        }
        events.set(3, withSig(events.get(3), events.get(4).sig()));
        events.set(40, withSig(events.get(40), "ff".repeat(64))); // r and s out of range
        Event e17 = events.get(17);
        events.set(17, new Event(events.get(18).id(), e17.pubkey(), e17.createdAt(), e17.kind(), e17.tags(),
                e17.content(), e17.sig()));
        for (Event e : events) {
            conn.send("[\"EVENT\"," + e.toJson() + "]");
        }
        awaitReceived(events.size());
        assertThat(relay.storedCount()).as("nothing handled before the gate opens").isZero();
        gate.countDown();
        for (int i = 0; i < events.size(); i++) {
            JsonNode ok = conn.next();
            assertThat(ok.get(1).asText()).as("OK %d in order", i).isEqualTo(events.get(i).id());
            String expected = i == 3 || i == 40 ? "invalid: bad signature"
                    : i == 17 ? "invalid: event id does not match its content" : "";
            assertThat(ok.get(2).asBoolean()).as("OK %d: %s", i, ok).isEqualTo(expected.isEmpty());
            assertThat(ok.get(3).asText()).isEqualTo(expected);
        }
        assertThat(relay.storedCount()).isEqualTo(57);
        assertThat(relay.largestSignatureBatch()).as("every event with a matching id, in one batch").isEqualTo(59);
    }

    @Test
    void everyKindOfFrameInOneBatchIsAnsweredInArrivalOrder() {
        start(true);
        conn = Conn.open(relay.uri());
        JsonNode challenge = conn.next();
        assertThat(challenge.get(0).asText()).isEqualTo("AUTH");
        Event early = note(1);
        Event auth = new UnsignedEvent(node.publicKey(), NOW, 22242, List.of(Tag.of("relay", relay.uri().toString()),
                Tag.of("challenge", challenge.get(1).asText())), "").sign(node, new byte[32]);
        Event good = note(2);
        Event bad = withSig(note(3), good.sig());
        Event kind22242 = new UnsignedEvent(node.publicKey(), NOW, 22242, List.of(), "").sign(node, new byte[32]);
        Event later = note(4);
        conn.send("[\"EVENT\"," + early.toJson() + "]");
        conn.send("[\"REQ\",\"before\",{}]");
        conn.send("[\"AUTH\"," + auth.toJson() + "]");
        conn.send("[\"EVENT\"," + good.toJson() + "]");
        conn.send("[\"EVENT\"," + bad.toJson() + "]");
        conn.send("[\"REQ\",\"after\",{\"ids\":[\"" + good.id() + "\",\"" + bad.id() + "\"]}]");
        conn.send("[\"EVENT\"," + kind22242.toJson() + "]");
        conn.sendBinary();
        conn.send("[\"CLOSE\",\"after\"]");
        conn.send("[\"EVENT\"," + later.toJson() + "]");
        conn.send("not json");
        awaitReceived(10); // the binary frame is not recorded
        gate.countDown();

        assertOk(conn.next(), early, false, "auth-required: this relay requires NIP-42 authentication");
        JsonNode closed = conn.next();
        assertThat(closed.get(0).asText()).isEqualTo("CLOSED");
        assertThat(closed.get(1).asText()).isEqualTo("before");
        assertThat(closed.get(2).asText()).startsWith("auth-required:");
        assertOk(conn.next(), auth, true, "");
        assertOk(conn.next(), good, true, "");
        assertOk(conn.next(), bad, false, "invalid: bad signature");
        JsonNode delivered = conn.next();
        assertThat(delivered.get(0).asText()).isEqualTo("EVENT");
        assertThat(delivered.get(1).asText()).isEqualTo("after");
        assertThat(Event.fromJson(delivered.get(2).toString())).isEqualTo(good);
        JsonNode eose = conn.next();
        assertThat(eose.get(0).asText()).isEqualTo("EOSE");
        assertThat(eose.get(1).asText()).isEqualTo("after");
        assertOk(conn.next(), kind22242, false, "invalid: kind 22242 events belong in AUTH messages");
        JsonNode binary = conn.next();
        assertThat(binary.get(0).asText()).isEqualTo("NOTICE");
        assertThat(binary.get(1).asText()).isEqualTo("invalid: binary frames are not supported");
        assertOk(conn.next(), later, true, "");
        JsonNode notice = conn.next();
        assertThat(notice.get(0).asText()).isEqualTo("NOTICE");
        assertThat(notice.get(1).asText()).startsWith("invalid: not valid JSON");
        assertThat(relay.subscriptionCount()).isZero();
        assertThat(relay.storedEvents()).containsExactlyInAnyOrder(good, later);
        // early was refused before its signature was needed; good, bad and later were checked together
        assertThat(relay.largestSignatureBatch()).isEqualTo(3);
    }

    @Test
    void rateLimitInsideABatchCountsInArrivalOrderBeforeTheSignature() {
        start(false);
        conn = Conn.open(relay.uri());
        relay.faults().rateLimit(4);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(note(i));
        }
        events.set(1, withSig(events.get(1), events.get(0).sig()));
        events.set(7, withSig(events.get(7), events.get(0).sig()));
        for (Event e : events) {
            conn.send("[\"EVENT\"," + e.toJson() + "]");
        }
        awaitReceived(events.size());
        gate.countDown();
        assertOk(conn.next(), events.get(0), true, "");
        assertOk(conn.next(), events.get(1), false, "invalid: bad signature");
        assertOk(conn.next(), events.get(2), true, "");
        assertOk(conn.next(), events.get(3), true, "");
        for (int i = 4; i < 10; i++) {
            assertOk(conn.next(), events.get(i), false, "rate-limited: at most 4 events per second");
        }
        assertThat(relay.storedCount()).isEqualTo(3);
    }

    @Test
    void shutdownWithQueuedFramesStopsEveryThread() throws Exception {
        start(false);
        conn = Conn.open(relay.uri());
        for (int i = 0; i < 20; i++) {
            conn.send("[\"EVENT\"," + note(i).toJson() + "]");
        }
        awaitReceived(20);
        long t0 = System.nanoTime();
        relay.shutdown();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(WAIT);
        assertThat(handlers.isTerminated()).isTrue();
        handlerThread.join(WAIT.toMillis());
        assertThat(handlerThread.isAlive()).isFalse();
        assertThat(relay.storedCount()).as("the held batch was never handled").isZero();
    }

    private static void assertOk(JsonNode ok, Event e, boolean accepted, String message) {
        assertThat(ok.get(0).asText()).as("frame %s", ok).isEqualTo("OK");
        assertThat(ok.get(1).asText()).as("frame %s", ok).isEqualTo(e.id());
        assertThat(ok.get(2).asBoolean()).as("frame %s", ok).isEqualTo(accepted);
        assertThat(ok.get(3).asText()).isEqualTo(message);
    }

    /** A minimal client over the JDK WebSocket that collects the relay's frames. */
    private static final class Conn implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;

        static Conn open(URI uri) {
            Conn c = new Conn();
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, c).join();
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String frame) {
            ws.sendText(frame, true).join();
        }

        void sendBinary() {
            ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        }

        JsonNode next() {
            try {
                String f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(f).as("a frame from the relay within %s", WAIT).isNotNull();
                return JSON.readTree(f);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
