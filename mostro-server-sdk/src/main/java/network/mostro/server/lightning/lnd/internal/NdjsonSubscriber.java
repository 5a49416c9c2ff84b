package network.mostro.server.lightning.lnd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;

/**
 * Splits an HTTP body into newline-delimited JSON objects (the gateway's server-streaming format,
 * {@code {"result":{…}}} per line, {@code {"error":{…}}} on failure, the last line possibly without a newline) and
 * hands each to a {@link StreamHandler}. Lines are bounded; a longer line fails the stream. Requests one buffer at
 * a time. For a non-200 status the whole (bounded) body is read as one error document.
 *
 * <p>Callbacks are sequential (the HTTP client calls {@code onNext} serially); exactly one terminal callback
 * ({@code onError} or {@code onEnd}) is made, and none after {@link #cancel()}.
 */
public final class NdjsonSubscriber implements Flow.Subscriber<List<ByteBuffer>> {

    /** Receives a stream's results. */
    public interface StreamHandler {
        /** One {@code result} object. */
        void onResult(JsonNode result);

        /** The stream failed (an error object, a transport failure, a malformed line). Terminal. */
        void onError(LightningException error);

        /** The server ended the stream normally. Terminal. */
        void onEnd();
    }

    private final String call;
    private final int status;
    private final int maxLineBytes;
    private final StreamHandler handler;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private volatile boolean canceled;

    /** A subscriber for a response with HTTP {@code status}. */
    public NdjsonSubscriber(String call, int status, int maxLineBytes, StreamHandler handler) {
        this.call = call;
        this.status = status;
        this.maxLineBytes = maxLineBytes;
        this.handler = handler;
    }

    /** Stops reading (closes the connection); no further callbacks. Idempotent, thread-safe. */
    public void cancel() {
        canceled = true;
        done.set(true);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (canceled) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (done.get()) {
            return;
        }
        for (ByteBuffer b : items) {
            while (b.hasRemaining()) {
                byte x = b.get();
                if (x == '\n' && status == 200) {
                    if (!emitLine()) {
                        return;
                    }
                } else {
                    line.write(x);
                    if (line.size() > maxLineBytes) {
                        fail(new LightningException(Reason.UNAVAILABLE, "LND " + call + ": stream line longer than "
                                + maxLineBytes + " bytes"));
                        Flow.Subscription s = subscription;
                        if (s != null) {
                            s.cancel();
                        }
                        return;
                    }
                }
            }
        }
        Flow.Subscription s = subscription;
        if (s != null && !done.get()) {
            s.request(1);
        }
    }

    /** Parses and dispatches the buffered line; false if the stream is finished. */
    private boolean emitLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (isBlank(bytes)) {
            return true;
        }
        JsonNode n;
        try {
            n = LndJson.parse(bytes, call);
        } catch (LightningException e) {
            fail(e);
            cancelUpstream();
            return false;
        }
        JsonNode error = n.get("error");
        if (error != null && !error.isNull()) {
            fail(LndErrors.toException(LndErrors.parse(0, n, null), call));
            cancelUpstream();
            return false;
        }
        JsonNode result = n.get("result");
        if (result == null || !result.isObject()) {
            fail(LndJson.malformed(call, "stream line without result"));
            cancelUpstream();
            return false;
        }
        if (done.get()) {
            return false;
        }
        try {
            handler.onResult(result);
        } catch (RuntimeException e) {
            fail(e instanceof LightningException le ? le
                    : new LightningException(Reason.UNAVAILABLE, "LND " + call + ": " + e, e));
            cancelUpstream();
            return false;
        }
        return true;
    }

    private void cancelUpstream() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onError(Throwable t) {
        fail(LndErrors.transport(t, call + " stream"));
    }

    @Override
    public void onComplete() {
        if (done.get()) {
            return;
        }
        if (status != 200) {
            byte[] body = line.toByteArray();
            JsonNode n = null;
            try {
                n = LndJson.MAPPER.readTree(body);
            } catch (java.io.IOException | RuntimeException e) {
                n = null;
            }
            fail(LndErrors.toException(LndErrors.parse(status, n,
                    new String(body, StandardCharsets.UTF_8)), call));
            return;
        }
        if (line.size() > 0 && !emitLine()) {
            return;
        }
        if (done.compareAndSet(false, true)) {
            handler.onEnd();
        }
    }

    private void fail(LightningException e) {
        if (done.compareAndSet(false, true)) {
            handler.onError(e);
        }
    }
}
