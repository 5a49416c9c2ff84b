package network.mostro.server.lightning.lnd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;

/**
 * Maps LND's REST errors and transport failures to {@link LightningException} reasons. Stateless and thread-safe.
 *
 * <p>LND reports most failures with gRPC code 2 ({@code Unknown}, HTTP 500) and a message, so the message decides
 * where the code does not. Error bodies come as {@code {"code":2,"message":"…","details":[]}} for unary calls and
 * as {@code {"error":{"code":…,"message":…}}} inside (or instead of) a stream.
 */
public final class LndErrors {
    private LndErrors() {}

    /** gRPC status codes LND's gateway forwards. */
    static final int NOT_FOUND = 5;
    static final int ALREADY_EXISTS = 6;

    /** A parsed LND error: the HTTP status (0 inside a 200 stream), the gRPC code (-1 if absent) and the message. */
    public record LndError(int httpStatus, int grpcCode, String message) {
        /** Whether the message contains {@code fragment}, ignoring case. */
        public boolean says(String fragment) {
            return message.toLowerCase(Locale.ROOT).contains(fragment);
        }
    }

    /** Reads an error object in any of the gateway's shapes; never throws. */
    public static LndError parse(int httpStatus, JsonNode body, String rawText) {
        JsonNode e = body;
        if (e != null && e.isObject() && e.get("error") != null && e.get("error").isObject()) {
            e = e.get("error");
        }
        int code = -1;
        String message = null;
        if (e != null && e.isObject()) {
            JsonNode c = e.get("code");
            if (c != null && c.canConvertToInt()) {
                code = c.asInt();
            }
            JsonNode m = e.get("message");
            if (m != null && m.isTextual()) {
                message = m.asText();
            } else if (body.get("error") != null && body.get("error").isTextual()) {
                message = body.get("error").asText();
            }
        }
        if (message == null) {
            message = rawText == null || rawText.isBlank() ? "HTTP " + httpStatus : abbreviate(rawText.strip());
        }
        return new LndError(httpStatus, code, message);
    }

    /** The reason an LND error maps to. */
    public static Reason reasonOf(LndError e) {
        int http = e.httpStatus();
        int code = e.grpcCode();
        if (http == 401 || http == 403 || code == 16 || code == 7 || e.says("macaroon")
                || e.says("verification failed") || e.says("permission denied")) {
            return Reason.UNAUTHORIZED;
        }
        if (e.says("already exists")) {
            return Reason.ALREADY_EXISTS;
        }
        if (code == NOT_FOUND || e.says("unable to locate invoice") || e.says("there are no existing invoices")
                || e.says("invoice not found") || e.says("payment isn't initiated")
                || e.says("payment not initiated")) {
            return Reason.NOT_FOUND;
        }
        if (code == ALREADY_EXISTS) {
            return Reason.ALREADY_EXISTS;
        }
        if (code == 9 || e.says("invoice still open") || e.says("already settled") || e.says("already canceled")
                || e.says("invoice is not accepted") || e.says("cannot cancel") || e.says("not in accepted state")) {
            return Reason.INVALID_STATE;
        }
        if (code == 4 || http == 504 || http == 408) {
            return Reason.TIMEOUT;
        }
        if (code == 14 || http == 503 || e.says("in the process of starting") || e.says("wallet locked")
                || e.says("not yet ready") || e.says("rpc services not available") || e.says("not active yet")) {
            return Reason.UNAVAILABLE;
        }
        if (code == 3 || code == 11 || (http >= 400 && http < 500 && http != 404)) {
            return Reason.INVALID_REQUEST;
        }
        if (code == 2 || code == -1) {
            for (String hint : INVALID_HINTS) {
                if (e.says(hint)) {
                    return Reason.INVALID_REQUEST;
                }
            }
        }
        return Reason.UNAVAILABLE;
    }

    /** Messages LND uses (with code 2) for requests it refuses on their merits. */
    private static final String[] INVALID_HINTS = {
        "invalid", "unable to decode", "checksum", "amount must", "must be specified", "must not be specified",
        "expired", "self-payment", "self payment", "zero", "does not match", "mismatch", "unknown chain",
        "exceeds", "too large", "too long", "negative", "hash must be", "preimage must be", "malformed",
        "unsupported", "no route", "insufficient",
    };

    /** The exception for an LND error, with the node's message. */
    public static LightningException toException(LndError e, String call) {
        return new LightningException(reasonOf(e), "LND " + call + ": " + e.message()
                + (e.grpcCode() >= 0 ? " (code " + e.grpcCode() + ")" : "")
                + (e.httpStatus() > 0 && e.httpStatus() != 200 ? " [HTTP " + e.httpStatus() + "]" : ""));
    }

    /** Maps a transport failure (connection refused, timeout, TLS pin mismatch, reset) to a LightningException. */
    public static LightningException transport(Throwable t, String call) {
        Throwable c = unwrap(t);
        if (c instanceof LightningException le) {
            return le;
        }
        if (c instanceof HttpConnectTimeoutException) {
            return new LightningException(Reason.UNAVAILABLE, "LND " + call + ": connect timed out", c);
        }
        if (c instanceof HttpTimeoutException) {
            return new LightningException(Reason.TIMEOUT, "LND " + call + ": no answer in time", c);
        }
        for (Throwable x = c; x != null; x = x.getCause()) {
            if (x instanceof PinnedTls.PinMismatchException) {
                return new LightningException(Reason.UNAUTHORIZED, "LND " + call + ": TLS refused: "
                        + x.getMessage(), c);
            }
            if (x instanceof CertificateException) {
                return new LightningException(Reason.UNAUTHORIZED, "LND " + call + ": TLS certificate refused: "
                        + x.getMessage(), c);
            }
            if (x instanceof ConnectException || x instanceof ClosedChannelException) {
                return new LightningException(Reason.UNAVAILABLE, "LND " + call + ": cannot connect: "
                        + x.getMessage(), c);
            }
            if (x == x.getCause()) {
                break;
            }
        }
        if (c instanceof SSLException) {
            return new LightningException(Reason.UNAVAILABLE, "LND " + call + ": TLS failure: " + c.getMessage(), c);
        }
        if (c instanceof IOException) {
            return new LightningException(Reason.UNAVAILABLE, "LND " + call + ": " + c.getClass().getSimpleName()
                    + ": " + c.getMessage(), c);
        }
        if (c instanceof CancellationException) {
            return new LightningException(Reason.CLOSED, "LND " + call + ": canceled", c);
        }
        return new LightningException(Reason.UNAVAILABLE, "LND " + call + ": " + c, c);
    }

    /** Strips CompletionException/ExecutionException wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
