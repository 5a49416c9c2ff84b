package network.mostro.server.internal.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP GET with a deadline covering connect, headers and body, and a body size limit enforced while the body
 * arrives (the connection is cancelled as soon as the limit is passed; nothing beyond it is buffered). Stateless and
 * thread-safe.
 */
public final class BoundedHttp {
    /** The {@code User-Agent} sent with every request. */
    public static final String USER_AGENT = "mostro-java-sdk";

    private BoundedHttp() {}

    /** A response: status, headers and the (bounded) body. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        /** Defensive copy. */
        public Response {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** The body is larger than the configured limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Sends a GET. The stage fails with {@link TooLargeException}, {@link java.util.concurrent.TimeoutException}
     * (deadline passed, the exchange is cancelled) or the client's {@link IOException}, usually wrapped in a
     * {@link java.util.concurrent.CompletionException}.
     */
    public static CompletableFuture<Response> get(HttpClient client, URI uri, Duration timeout, int maxBytes,
            Map<String, String> headers) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        headers.forEach(rb::header);
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(rb.build(), info -> new LimitedSubscriber(maxBytes, info));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IOException("cannot send request: " + e.getMessage(), e));
        }
        CompletableFuture<Response> out = sent
                .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()))
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        out.whenComplete((r, e) -> {
            if (e != null) {
                sent.cancel(true);
            }
        });
        return out;
    }

    /** Unwraps {@link java.util.concurrent.CompletionException} / {@link java.util.concurrent.ExecutionException}. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Collects at most {@code max} bytes; cancels the subscription and fails beyond that. */
    static final class LimitedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final int max;
        private final long declared;
        private byte[] buf = new byte[256];
        private int size;
        private Flow.Subscription subscription;

        LimitedSubscriber(int max, HttpResponse.ResponseInfo info) {
            this.max = max;
            long d = -1;
            try {
                d = info.headers().firstValueAsLong("content-length").orElse(-1);
            } catch (NumberFormatException e) {
                d = -1; // a malformed header; the streamed count still enforces the limit
            }
            this.declared = d;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            if (declared > max) {
                s.cancel();
                result.completeExceptionally(new TooLargeException(
                        "response declares " + declared + " bytes, limit is " + max));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if ((long) size + n > max) {
                    subscription.cancel();
                    buf = null;
                    result.completeExceptionally(new TooLargeException("response exceeds " + max + " bytes"));
                    return;
                }
                if (size + n > buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(max, Math.max(buf.length * 2, size + n)));
                }
                b.get(buf, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            if (!result.isDone()) {
                result.complete(Arrays.copyOf(buf, size));
            }
        }
    }
}
