package network.mostro.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.Event;

/** A tiny NIP-01 client over the JDK's WebSocket, for testing MockRelay without the relay pool. */
final class RawClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LinkedBlockingQueue<String> frames;
    final CompletableFuture<Integer> closed;
    private final WebSocket ws;

    private RawClient(WebSocket ws, Listener l) {
        this.ws = ws;
        this.frames = l.frames;
        this.closed = l.closed;
    }

    static RawClient connect(URI uri) {
        Listener l = new Listener();
        WebSocket ws = HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, l).join();
        return new RawClient(ws, l);
    }

    static CompletableFuture<WebSocket> tryConnect(URI uri) {
        return HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, new WebSocket.Listener() { });
    }

    private static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                frames.add(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    void send(String frame) {
        ws.sendText(frame, true).join();
    }

    void sendBinary(byte[] data) {
        ws.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
    }

    /** The next frame, parsed; fails after {@link #WAIT}. */
    JsonNode next() {
        return next(WAIT);
    }

    JsonNode next(Duration wait) {
        String f = nextRaw(wait);
        try {
            return JSON.readTree(f);
        } catch (Exception e) {
            throw new AssertionError("relay sent non-JSON: " + f, e);
        }
    }

    String nextRaw(Duration wait) {
        try {
            String f = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("no frame from the relay within " + wait);
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asserts that nothing arrives for {@code quiet}. */
    void assertSilent(Duration quiet) {
        try {
            String f = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(f).as("unexpected frame").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Publishes and returns the OK frame. */
    JsonNode publish(Event e) {
        send("[\"EVENT\"," + e.toJson() + "]");
        JsonNode ok = next();
        assertThat(ok.get(0).asText()).isEqualTo("OK");
        assertThat(ok.get(1).asText()).isEqualTo(e.id());
        return ok;
    }

    /** Publishes and asserts OK true. */
    void publishOk(Event e) {
        JsonNode ok = publish(e);
        assertThat(ok.get(2).asBoolean()).as("OK for %s: %s", e.id(), ok).isTrue();
    }

    /** Sends a REQ and returns the stored events up to EOSE. */
    List<Event> req(String sub, String... filters) {
        send("[\"REQ\"," + JSON.valueToTree(sub) + "," + String.join(",", filters) + "]");
        return untilEose(sub);
    }

    List<Event> untilEose(String sub) {
        List<Event> out = new ArrayList<>();
        while (true) {
            JsonNode f = next();
            String type = f.get(0).asText();
            if (type.equals("EOSE")) {
                assertThat(f.get(1).asText()).isEqualTo(sub);
                return out;
            }
            assertThat(type).as("frame %s", f).isEqualTo("EVENT");
            assertThat(f.get(1).asText()).isEqualTo(sub);
            out.add(Event.fromJson(f.get(2).toString()));
        }
    }

    /** The next frame, which must be an EVENT for {@code sub}. */
    Event nextEvent(String sub) {
        JsonNode f = next();
        assertThat(f.get(0).asText()).as("frame %s", f).isEqualTo("EVENT");
        assertThat(f.get(1).asText()).isEqualTo(sub);
        return Event.fromJson(f.get(2).toString());
    }

    int awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection not closed within " + WAIT, e);
        }
    }

    @Override
    public void close() {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        } catch (CompletionException | IllegalStateException e) {
            // already closed
        }
        ws.abort();
    }
}
