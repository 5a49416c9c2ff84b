package network.mostro.server.lightning.lnd.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;

/**
 * LND's REST JSON conventions: {@code bytes} as base64 (standard alphabet in bodies, URL-safe in paths), 64-bit
 * integers as JSON strings, enums by name, zero values omitted. Readers here accept either representation and turn
 * anything unexpected into a {@link LightningException} rather than a Jackson or runtime exception. Thread-safe.
 */
public final class LndJson {
    /** Shared mapper (thread-safe after configuration). */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private LndJson() {}

    /** Parses a JSON document; malformed input becomes {@link Reason#UNAVAILABLE} ("bad answer from the node"). */
    public static JsonNode parse(byte[] body, String call) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw malformed(call, "empty body");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw malformed(call, "not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw malformed(call, "unreadable body");
        }
    }

    static LightningException malformed(String call, String detail) {
        return new LightningException(Reason.UNAVAILABLE, "LND " + call + ": malformed answer: " + detail);
    }

    /** A new empty JSON object for a request body. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Serializes a request body. */
    public static byte[] bytes(ObjectNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** Hex → standard base64, for {@code bytes} fields in request bodies. */
    public static String b64(String hex) {
        return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    }

    /** Hex → URL-safe base64 (padded), for {@code bytes} in URL paths. */
    public static String b64url(String hex) {
        return Base64.getUrlEncoder().encodeToString(HEX.parseHex(hex));
    }

    /** Decodes a base64 {@code bytes} field (either alphabet) to lowercase hex, or empty if absent or not base64. */
    public static Optional<String> bytesHex(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            return Optional.empty();
        }
        String s = v.asText();
        try {
            return Optional.of(HEX.formatHex(Base64.getDecoder().decode(s)));
        } catch (IllegalArgumentException e) {
            try {
                return Optional.of(HEX.formatHex(Base64.getUrlDecoder().decode(s)));
            } catch (IllegalArgumentException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * A 64-bit integer sent as a JSON string (LND's int64/uint64) or, leniently, as a number; 0 when absent.
     *
     * @throws LightningException if present but not an integer
     */
    public static long int64(JsonNode node, String field, String call) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            String s = v.asText();
            if (s.isEmpty()) {
                return 0;
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                try {
                    // uint64 above Long.MAX_VALUE: saturate (amounts never get there)
                    return new java.math.BigInteger(s).signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                } catch (NumberFormatException e2) {
                    throw malformed(call, field + " is not an integer");
                }
            }
        }
        throw malformed(call, field + " is not an integer");
    }

    /** A text field, or {@code ""} when absent; never throws. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    /** Requires a JSON object (a stream's {@code result}, a response body). */
    public static JsonNode requireObject(JsonNode n, String call) {
        if (n == null || !n.isObject()) {
            throw malformed(call, "expected a JSON object");
        }
        return n;
    }

    /** {@code GetInfo} → NodeInfo. */
    public static NodeInfo nodeInfo(JsonNode r) {
        String call = "GetInfo";
        requireObject(r, call);
        String network = "";
        JsonNode chains = r.get("chains");
        if (chains != null && chains.isArray()) {
            for (JsonNode c : chains) {
                if (c.isObject() && (text(c, "chain").isEmpty() || text(c, "chain").equals("bitcoin"))) {
                    network = text(c, "network");
                    break;
                }
            }
        }
        if (network.isEmpty() && r.path("testnet").asBoolean(false)) {
            network = "testnet";
        }
        String wire = network.toLowerCase(Locale.ROOT).equals("testnet4") ? "testnet" : network.toLowerCase(Locale.ROOT);
        LightningNetwork net = LightningNetwork.fromWire(wire).orElseThrow(() -> new LightningException(
                Reason.INVALID_REQUEST, "LND GetInfo: unsupported network '" + wire + "'"));
        String pubkey = text(r, "identity_pubkey");
        if (pubkey.isEmpty()) {
            throw malformed(call, "identity_pubkey missing");
        }
        List<String> uris = new ArrayList<>();
        JsonNode u = r.get("uris");
        if (u != null && u.isArray()) {
            for (JsonNode x : u) {
                if (x.isTextual()) {
                    uris.add(x.asText());
                }
            }
        }
        return new NodeInfo(pubkey, text(r, "alias"), text(r, "version"), text(r, "commit_hash"), net,
                int64(r, "block_height", call), uris);
    }

    /** An {@code lnrpc.Invoice} → InvoiceUpdate for {@code hashHex}. */
    public static InvoiceUpdate invoiceUpdate(JsonNode inv, String hashHex, String call) {
        requireObject(inv, call);
        Optional<String> rHash = bytesHex(inv, "r_hash");
        if (rHash.isPresent() && !rHash.get().equals(hashHex)) {
            throw malformed(call, "invoice for another payment hash");
        }
        InvoiceState state = invoiceState(inv.get("state"), call);
        long paid = int64(inv, "amt_paid_sat", call);
        long htlcSum = 0;
        long expiry = 0;
        JsonNode htlcs = inv.get("htlcs");
        if (htlcs != null && htlcs.isArray()) {
            for (JsonNode h : htlcs) {
                if (!h.isObject()) {
                    continue;
                }
                String hs = text(h, "state");
                if (hs.equals("ACCEPTED") || hs.equals("0")) {
                    htlcSum += int64(h, "amt_msat", call) / 1000;
                    long e = int64(h, "expiry_height", call);
                    if (e > 0 && (expiry == 0 || e < expiry)) {
                        expiry = e;
                    }
                } else if (hs.equals("SETTLED") || hs.equals("1")) {
                    htlcSum += int64(h, "amt_msat", call) / 1000;
                }
            }
        }
        if (paid == 0 && (state == InvoiceState.ACCEPTED || state == InvoiceState.SETTLED)) {
            paid = htlcSum;
        }
        if (state != InvoiceState.ACCEPTED) {
            expiry = 0;
        }
        return new InvoiceUpdate(hashHex, state, Math.max(0, paid), Math.max(0, expiry));
    }

    private static InvoiceState invoiceState(JsonNode v, String call) {
        if (v == null || v.isNull()) {
            return InvoiceState.OPEN; // proto3 default value 0 is omitted
        }
        String s = v.asText();
        return switch (s) {
            case "OPEN", "0" -> InvoiceState.OPEN;
            case "SETTLED", "1" -> InvoiceState.SETTLED;
            case "CANCELED", "2" -> InvoiceState.CANCELED;
            case "ACCEPTED", "3" -> InvoiceState.ACCEPTED;
            default -> throw malformed(call, "unknown invoice state '" + s + "'");
        };
    }

    /** An {@code lnrpc.Payment} (hex {@code payment_hash}/{@code payment_preimage}) → Payment. */
    public static Payment payment(JsonNode p, String expectedHashHex, String call) {
        requireObject(p, call);
        String hash = text(p, "payment_hash").toLowerCase(Locale.ROOT);
        if (!hash.isEmpty() && !hash.equals(expectedHashHex)) {
            throw malformed(call, "payment for another payment hash");
        }
        String st = text(p, "status");
        PaymentStatus status = switch (st) {
            case "SUCCEEDED", "2" -> PaymentStatus.SUCCEEDED;
            case "FAILED", "3" -> PaymentStatus.FAILED;
            case "IN_FLIGHT", "INITIATED", "1", "4" -> PaymentStatus.IN_FLIGHT;
            case "UNKNOWN", "", "0" -> PaymentStatus.UNKNOWN;
            default -> throw malformed(call, "unknown payment status '" + st + "'");
        };
        long value = int64(p, "value_sat", call);
        if (value == 0) {
            value = int64(p, "value_msat", call) / 1000;
        }
        long fee = int64(p, "fee_sat", call);
        if (fee == 0) {
            fee = int64(p, "fee_msat", call) / 1000;
        }
        Optional<String> preimage = Optional.empty();
        String pre = text(p, "payment_preimage").toLowerCase(Locale.ROOT);
        if (status == PaymentStatus.SUCCEEDED) {
            if (pre.length() != 64 || !pre.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw malformed(call, "succeeded payment without a valid payment_preimage");
            }
            if (!sha256Hex(pre).equals(expectedHashHex)) {
                throw malformed(call, "payment_preimage does not hash to the payment hash");
            }
            preimage = Optional.of(pre);
        }
        Optional<String> reason = Optional.empty();
        String fr = text(p, "failure_reason");
        if (status == PaymentStatus.FAILED) {
            reason = Optional.of(fr.isEmpty() || fr.equals("FAILURE_REASON_NONE") ? "FAILURE_REASON_UNKNOWN" : fr);
        }
        return new Payment(expectedHashHex, status, Math.max(0, value), Math.max(0, fee), preimage, reason);
    }

    /** SHA-256 of hex bytes, as hex. */
    static String sha256Hex(String hex) {
        try {
            return HEX.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(HEX.parseHex(hex)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
