package network.mostro.server.lnurl.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.InvoiceFailure;
import network.mostro.server.lnurl.LnurlException;
import network.mostro.server.lnurl.LnurlException.Reason;

/**
 * Parses the two LNURL-pay (LUD-06) answers: the pay-request parameters and the callback's invoice answer. Strict:
 * the body must be one JSON object (no duplicate members, no trailing data, depth at most 32); a
 * {@code "status":"ERROR"} answer fails with its {@code reason}. Every failure is an {@link LnurlException}; no
 * Jackson or runtime exception escapes. Stateless and thread-safe.
 */
public final class PayResponses {
    /** Longest server-supplied {@code reason} kept in an exception message. */
    static final int MAX_REASON = 200;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(40)
                    .maxStringLength(64 * 1024)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    private PayResponses() {}

    /**
     * The parameters of an LNURL-pay request (LUD-06 step 3).
     *
     * @param callback absolute http(s) URL to ask for an invoice
     * @param minSendableMsat smallest amount the service accepts, msat, {@code >= 0}
     * @param maxSendableMsat largest amount, msat, {@code >= minSendableMsat}
     * @param metadata the metadata string (JSON text, not interpreted), or empty if absent
     */
    public record PayParams(URI callback, long minSendableMsat, long maxSendableMsat, String metadata) {}

    /** Parses the pay-request answer; fails with {@code BAD_RESPONSE}. */
    public static PayParams parsePayRequest(byte[] body) {
        JsonNode root = object(body);
        if (!"payRequest".equals(text(root, "tag"))) {
            throw bad("tag is not payRequest" + (root.has("tag") ? "" : " (missing)"));
        }
        String cb = text(root, "callback");
        if (cb == null) {
            throw bad("callback missing or not a string");
        }
        URI callback = httpUrl(cb, "callback");
        long min = msat(root, "minSendable");
        long max = msat(root, "maxSendable");
        if (min > max) {
            throw bad("minSendable " + min + " > maxSendable " + max);
        }
        if (max == 0) {
            throw bad("maxSendable is 0");
        }
        JsonNode meta = root.get("metadata");
        if (meta != null && !meta.isTextual()) {
            throw bad("metadata is not a string");
        }
        return new PayParams(callback, min, max, meta == null ? "" : meta.textValue());
    }

    /** Extracts {@code pr} from the callback's answer; fails with {@code BAD_RESPONSE}. */
    public static String parseInvoiceResponse(byte[] body) {
        JsonNode root = object(body);
        String pr = text(root, "pr");
        if (pr == null || pr.isEmpty()) {
            throw bad("pr missing or not a string");
        }
        return pr;
    }

    /**
     * Decodes {@code pr} and checks it is for exactly {@code amountMsat}; fails with {@code BAD_INVOICE}.
     */
    public static Bolt11Invoice checkInvoice(String pr, long amountMsat) {
        Bolt11Invoice inv;
        try {
            inv = Bolt11.decode(pr);
        } catch (RuntimeException e) {
            if (e instanceof InvoiceFailure f) {
                throw new LnurlException(Reason.BAD_INVOICE, "invoice does not decode (" + f.reason() + "): "
                        + e.getMessage(), e);
            }
            throw e;
        }
        if (inv.amountMsat().isEmpty()) {
            throw new LnurlException(Reason.BAD_INVOICE, "invoice has no amount, expected " + amountMsat + " msat");
        }
        if (inv.amountMsat().getAsLong() != amountMsat) {
            throw new LnurlException(Reason.BAD_INVOICE, "invoice is for " + inv.amountMsat().getAsLong()
                    + " msat, expected " + amountMsat + " msat");
        }
        return inv;
    }

    /** Parses an absolute {@code http(s)} URL with a host; fails with {@code BAD_RESPONSE}. */
    static URI httpUrl(String s, String what) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw bad(what + " is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw bad(what + " is not an http(s) URL");
        }
        if (u.getHost() == null || u.isOpaque()) {
            throw bad(what + " has no host");
        }
        return u;
    }

    /**
     * The {@code reason} of a LUD-06 {@code {"status":"ERROR"}} body (sanitized), or empty if the body is not one.
     * Never throws.
     */
    public static Optional<String> errorReason(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException | NumberFormatException e) { // Jackson throws NumberFormatException for 1e99999999999
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode status = root.get("status");
        if (status == null || !status.isTextual() || !status.textValue().equalsIgnoreCase("ERROR")) {
            return Optional.empty();
        }
        String reason = text(root, "reason");
        return Optional.of(reason == null ? "(no reason)" : sanitize(reason));
    }

    private static JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw bad("empty body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException | NumberFormatException e) { // Jackson throws NumberFormatException for 1e99999999999
            throw new LnurlException(Reason.BAD_RESPONSE, "not JSON: " + sanitize(e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw bad("not a JSON object");
        }
        JsonNode status = root.get("status");
        if (status != null && status.isTextual() && status.textValue().equalsIgnoreCase("ERROR")) {
            String reason = text(root, "reason");
            throw bad("service answered ERROR: " + (reason == null ? "(no reason)" : sanitize(reason)));
        }
        return root;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    private static long msat(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber()) {
            throw bad(field + " missing or not a number");
        }
        if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
            throw bad(field + " is not an integer number of msat");
        }
        long v = n.longValue();
        if (v < 0) {
            throw bad(field + " is negative");
        }
        return v;
    }

    /** Keeps printable characters only and cuts to {@value #MAX_REASON} characters. */
    static String sanitize(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_REASON));
        for (int i = 0; i < s.length() && sb.length() < MAX_REASON; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return s.length() > MAX_REASON ? sb + "…" : sb.toString();
    }

    private static LnurlException bad(String message) {
        return new LnurlException(Reason.BAD_RESPONSE, message);
    }
}
