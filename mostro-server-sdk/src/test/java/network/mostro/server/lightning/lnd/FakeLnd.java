package network.mostro.server.lightning.lnd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.LightningNetwork;

/**
 * A fake LND REST server for tests: HTTPS on 127.0.0.1 with a self-signed certificate, macaroon check, and the
 * request/response shapes of LND's REST gateway for the calls the backend uses (GetInfo, AddHoldInvoice,
 * SettleInvoice, CancelInvoice, LookupInvoice v1, SubscribeSingleInvoice, SendPaymentV2, TrackPaymentV2):
 * {@code bytes} as base64, int64 as strings, streams as newline-delimited {@code {"result":…}} objects, errors as
 * {@code {"code","message","details"}} (unary) or {@code {"error":{…}}} (streams), most with gRPC code 2 / HTTP
 * 500 as LND does. Its state survives {@link #stop()}/{@link #start()} on the same port, which simulates a node
 * restart. Knobs simulate stalls, dropped streams and payment outcomes. Thread-safe.
 */
final class FakeLnd implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    static final byte[] NODE_KEY = HEX.parseHex("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734");

    /** How a payment to a hash ends. */
    enum Outcome { SUCCEED, FAIL_NO_ROUTE, HANG }

    static final class Inv {
        final String hashHex;
        final String bolt11;
        final long value;
        final String memo;
        final long cltv;
        final long expiry;
        final int addIndex;
        String state = "OPEN";
        long amtPaidSat;
        int expiryHeight;
        int acceptHeight;

        Inv(String hashHex, String bolt11, long value, String memo, long cltv, long expiry, int addIndex) {
            this.hashHex = hashHex;
            this.bolt11 = bolt11;
            this.value = value;
            this.memo = memo;
            this.cltv = cltv;
            this.expiry = expiry;
            this.addIndex = addIndex;
        }
    }

    static final class Pay {
        final String hashHex;
        final String bolt11;
        final long valueSat;
        final Outcome outcome;
        final long finalAtMillis;
        final String preimageHex;
        final int index;

        Pay(String hashHex, String bolt11, long valueSat, Outcome outcome, long finalAtMillis, String preimageHex,
                int index) {
            this.hashHex = hashHex;
            this.bolt11 = bolt11;
            this.valueSat = valueSat;
            this.outcome = outcome;
            this.finalAtMillis = finalAtMillis;
            this.preimageHex = preimageHex;
            this.index = index;
        }

        String status() {
            if (outcome == Outcome.HANG || System.currentTimeMillis() < finalAtMillis) {
                return "IN_FLIGHT";
            }
            return outcome == Outcome.SUCCEED ? "SUCCEEDED" : "FAILED";
        }
    }

    /** One request as the fake saw it. */
    record Request(String method, String path, String macaroon, JsonNode body) {}

    private final TestCerts.Cert cert;
    private final String macaroonHex;
    private final Object lock = new Object();
    private final Map<String, Inv> invoices = new LinkedHashMap<>(); // guarded by lock
    private final Map<String, Pay> payments = new LinkedHashMap<>(); // guarded by lock
    private final Map<String, Outcome> plannedOutcomes = new LinkedHashMap<>(); // guarded by lock
    private final Map<String, String> knownPreimages = new LinkedHashMap<>(); // hash -> preimage, for payments
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger paymentAttempts = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private int port;
    private HttpsServer server;
    private ExecutorService pool;
    private volatile boolean running;
    private long version; // bumps on every state change, guarded by lock
    private int addIndex;

    // knobs
    volatile long blockHeight = 500;
    volatile long stallMillis;
    volatile int dropSubscribeAfter = -1;
    volatile boolean dropSendAfterRegister;
    volatile boolean authAs401;
    volatile long paymentDelayMillis = 100;
    volatile String network = "regtest";

    FakeLnd(TestCerts.Cert cert, String macaroonHex) {
        this.cert = cert;
        this.macaroonHex = macaroonHex;
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Starts (or restarts, on the same port) the HTTPS listener. */
    FakeLnd start() throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        s.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        ExecutorService p = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-lnd");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(p);
        s.createContext("/", this::handle);
        s.start();
        port = s.getAddress().getPort();
        server = s;
        pool = p;
        running = true;
        return this;
    }

    /** Stops the listener and cuts every open connection (streams included); state is kept. */
    void stop() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        HttpsServer s = server;
        if (s != null) {
            s.stop(0);
        }
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ test controls

    /** A payer's HTLC arrives: the hold invoice becomes ACCEPTED. */
    void acceptHtlc(String hashHex, int expiryHeight) {
        synchronized (lock) {
            Inv inv = invoices.get(hashHex);
            if (inv == null || !inv.state.equals("OPEN")) {
                throw new IllegalStateException("cannot accept " + hashHex);
            }
            inv.state = "ACCEPTED";
            inv.amtPaidSat = inv.value;
            inv.expiryHeight = expiryHeight;
            inv.acceptHeight = (int) blockHeight;
            changed();
        }
    }

    /** Settles or cancels directly (as another client of the node would). */
    void forceState(String hashHex, String state) {
        synchronized (lock) {
            invoices.get(hashHex).state = state;
            changed();
        }
    }

    String state(String hashHex) {
        synchronized (lock) {
            Inv inv = invoices.get(hashHex);
            return inv == null ? null : inv.state;
        }
    }

    /** Plans the outcome of the next payment to {@code hashHex} (default SUCCEED). */
    void planPayment(String hashHex, Outcome outcome, String preimageHex) {
        synchronized (lock) {
            plannedOutcomes.put(hashHex, outcome);
            if (preimageHex != null) {
                knownPreimages.put(hashHex, preimageHex);
            }
        }
    }

    long count(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method.equals(method) && r.path.startsWith(pathPrefix)).count();
    }

    Request last(String pathPrefix) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).path.startsWith(pathPrefix)) {
                return requests.get(i);
            }
        }
        return null;
    }

    private void changed() {
        version++;
        lock.notifyAll();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            String mac = ex.getRequestHeaders().getFirst("Grpc-Metadata-macaroon");
            requests.add(new Request(method, path + (query == null ? "" : "?" + query), mac, body));
            if (mac == null || !mac.equals(macaroonHex)) {
                if (authAs401) {
                    sendText(ex, 401, "Unauthorized");
                } else {
                    unaryError(ex, 2, mac == null ? "expected 1 macaroon, got 0"
                            : "verification failed: signature mismatch after caveat verification");
                }
                return;
            }
            if (stallMillis > 0 && !path.startsWith("/v2/invoices/subscribe") && !path.startsWith("/v2/router")) {
                sleep(stallMillis);
            }
            if (method.equals("GET") && path.equals("/v1/getinfo")) {
                getInfo(ex);
            } else if (method.equals("POST") && path.equals("/v2/invoices/hodl")) {
                addHold(ex, body);
            } else if (method.equals("POST") && path.equals("/v2/invoices/settle")) {
                settle(ex, body);
            } else if (method.equals("POST") && path.equals("/v2/invoices/cancel")) {
                cancel(ex, body);
            } else if (method.equals("GET") && path.startsWith("/v1/invoice/")) {
                lookup(ex, path.substring("/v1/invoice/".length()));
            } else if (method.equals("GET") && path.startsWith("/v2/invoices/subscribe/")) {
                subscribe(ex, pathBytes(path.substring("/v2/invoices/subscribe/".length())));
            } else if (method.equals("POST") && path.equals("/v2/router/send")) {
                send(ex, body);
            } else if (method.equals("GET") && path.startsWith("/v2/router/track/")) {
                track(ex, pathBytes(path.substring("/v2/router/track/".length())),
                        query != null && query.contains("no_inflight_updates=true"));
            } else {
                sendText(ex, 404, "Not Found");
            }
        } catch (IOException | RuntimeException e) {
            // client went away or the server is stopping
        } finally {
            ex.close();
        }
    }

    private static String pathBytes(String segment) {
        String s = URLDecoder.decode(segment, StandardCharsets.UTF_8);
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            b = Base64.getDecoder().decode(s);
        }
        return HEX.formatHex(b);
    }

    private static String bodyBytes(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null || !v.isTextual()) {
            return "";
        }
        return HEX.formatHex(Base64.getDecoder().decode(v.asText()));
    }

    private static long int64(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null) {
            return 0;
        }
        return v.isTextual() ? Long.parseLong(v.asText()) : v.asLong();
    }

    private void getInfo(HttpExchange ex) throws IOException {
        ObjectNode r = JSON.createObjectNode();
        r.put("version", "0.18.4-beta commit=v0.18.4-beta");
        r.put("commit_hash", "ae4e3ef8b9bc4a6e1bd0d2b2f2ed7d2fbb4f8f3c");
        String pub = Bolt11Invoice.builder(LightningNetwork.REGTEST).timestamp(Instant.ofEpochSecond(1_700_000_000))
                .paymentHash(new byte[32]).paymentSecret(new byte[32]).description("x").sign(NODE_KEY).payeeNodeId();
        r.put("identity_pubkey", pub);
        r.put("alias", "fake-lnd");
        r.put("color", "#3399ff");
        r.put("num_pending_channels", 0);
        r.put("num_active_channels", 1);
        r.put("num_inactive_channels", 0);
        r.put("num_peers", 1);
        r.put("block_height", blockHeight);
        r.put("block_hash", "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
        r.put("best_header_timestamp", "1700000000");
        r.put("synced_to_chain", true);
        r.put("synced_to_graph", true);
        r.put("testnet", false);
        ArrayNode chains = r.putArray("chains");
        chains.addObject().put("chain", "bitcoin").put("network", network);
        r.putArray("uris").add(pub + "@127.0.0.1:9735");
        r.putObject("features");
        r.put("require_htlc_interceptor", false);
        r.put("store_final_htlc_resolutions", false);
        sendJson(ex, 200, r);
    }

    private void addHold(HttpExchange ex, JsonNode body) throws IOException {
        String hash = bodyBytes(body, "hash");
        if (hash.length() != 64) {
            unaryError(ex, 2, "invalid hash preimage length");
            return;
        }
        long value = int64(body, "value");
        long cltv = int64(body, "cltv_expiry");
        long expiry = int64(body, "expiry");
        String memo = body.path("memo").asText("");
        synchronized (lock) {
            if (invoices.containsKey(hash)) {
                unaryError(ex, 2, "invoice with payment hash already exists");
                return;
            }
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            Bolt11Invoice.Builder b = Bolt11Invoice.builder(LightningNetwork.REGTEST)
                    .timestamp(Instant.ofEpochSecond(Instant.now().getEpochSecond()))
                    .paymentHash(hash).paymentSecret(secret).description(memo)
                    .expirySeconds(expiry == 0 ? 86400 : expiry).minFinalCltvExpiryDelta(cltv == 0 ? 80 : cltv)
                    .feature(9).feature(14).feature(17);
            if (value > 0) {
                b.amountSats(value);
            }
            String pr = b.sign(NODE_KEY).paymentRequest();
            Inv inv = new Inv(hash, pr, value, memo, cltv, expiry == 0 ? 86400 : expiry, ++addIndex);
            invoices.put(hash, inv);
            changed();
            ObjectNode r = JSON.createObjectNode();
            r.put("payment_request", pr);
            r.put("add_index", Integer.toString(inv.addIndex));
            r.put("payment_addr", Base64.getEncoder().encodeToString(secret));
            sendJson(ex, 200, r);
        }
    }

    private void settle(HttpExchange ex, JsonNode body) throws IOException {
        String preimage = bodyBytes(body, "preimage");
        String hash = sha256(preimage);
        synchronized (lock) {
            Inv inv = invoices.get(hash);
            if (inv == null) {
                unaryError(ex, 2, "unable to locate invoice");
                return;
            }
            switch (inv.state) {
                case "OPEN" -> unaryError(ex, 2, "invoice still open");
                case "CANCELED" -> unaryError(ex, 2, "invoice already canceled");
                default -> { // ACCEPTED, or SETTLED (LND answers success for an already settled invoice)
                    if (!inv.state.equals("SETTLED")) {
                        inv.state = "SETTLED";
                        changed();
                    }
                    sendJson(ex, 200, JSON.createObjectNode());
                }
            }
        }
    }

    private void cancel(HttpExchange ex, JsonNode body) throws IOException {
        String hash = bodyBytes(body, "payment_hash");
        synchronized (lock) {
            Inv inv = invoices.get(hash);
            if (inv == null) {
                unaryError(ex, 2, "unable to locate invoice");
                return;
            }
            if (inv.state.equals("SETTLED")) {
                unaryError(ex, 2, "invoice already settled");
                return;
            }
            if (!inv.state.equals("CANCELED")) {
                inv.state = "CANCELED";
                changed();
            }
            sendJson(ex, 200, JSON.createObjectNode());
        }
    }

    private void lookup(HttpExchange ex, String hashHex) throws IOException {
        ObjectNode r;
        synchronized (lock) {
            Inv inv = invoices.get(hashHex);
            if (inv == null) {
                unaryError(ex, 5, "unable to locate invoice");
                return;
            }
            r = invoiceJson(inv);
        }
        sendJson(ex, 200, r);
    }

    private ObjectNode invoiceJson(Inv inv) {
        ObjectNode r = JSON.createObjectNode();
        r.put("memo", inv.memo);
        r.put("r_preimage", inv.state.equals("SETTLED") ? "" : "");
        r.put("r_hash", Base64.getEncoder().encodeToString(HEX.parseHex(inv.hashHex)));
        r.put("value", Long.toString(inv.value));
        r.put("value_msat", Long.toString(inv.value * 1000));
        r.put("settled", inv.state.equals("SETTLED"));
        r.put("creation_date", "1700000000");
        r.put("settle_date", "0");
        r.put("payment_request", inv.bolt11);
        r.put("description_hash", "");
        r.put("expiry", Long.toString(inv.expiry));
        r.put("fallback_addr", "");
        r.put("cltv_expiry", Long.toString(inv.cltv));
        r.putArray("route_hints");
        r.put("private", false);
        r.put("add_index", Integer.toString(inv.addIndex));
        r.put("settle_index", "0");
        r.put("amt_paid", Long.toString(inv.amtPaidSat * 1000));
        r.put("amt_paid_sat", Long.toString(inv.amtPaidSat));
        r.put("amt_paid_msat", Long.toString(inv.amtPaidSat * 1000));
        r.put("state", inv.state);
        ArrayNode htlcs = r.putArray("htlcs");
        if (inv.amtPaidSat > 0) {
            ObjectNode h = htlcs.addObject();
            h.put("chan_id", "123456789012345678");
            h.put("htlc_index", "0");
            h.put("amt_msat", Long.toString(inv.amtPaidSat * 1000));
            h.put("accept_height", inv.acceptHeight);
            h.put("accept_time", "1700000100");
            h.put("resolve_time", "0");
            h.put("expiry_height", inv.expiryHeight);
            h.put("state", switch (inv.state) {
                case "SETTLED" -> "SETTLED";
                case "CANCELED" -> "CANCELED";
                default -> "ACCEPTED";
            });
            h.putObject("custom_records");
            h.put("mpp_total_amt_msat", Long.toString(inv.amtPaidSat * 1000));
        }
        r.putObject("features");
        r.put("is_keysend", false);
        r.put("payment_addr", Base64.getEncoder().encodeToString(new byte[32]));
        r.put("is_amp", false);
        return r;
    }

    private void subscribe(HttpExchange ex, String hashHex) throws IOException {
        ObjectNode first;
        long seen;
        synchronized (lock) {
            Inv inv = invoices.get(hashHex);
            if (inv == null) {
                streamError(ex, 5, "unable to locate invoice", false);
                return;
            }
            first = invoiceJson(inv);
            // the version of the state just captured: read in the same critical section, or a change made between
            // the two would count as already sent and the stream would wait forever for the next one
            seen = version;
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int sent = 0;
        ObjectNode current = first;
        String lastState = null;
        while (running) {
            String st = current.get("state").asText();
            if (!st.equals(lastState) || lastState == null) {
                writeLine(out, result(current));
                sent++;
                lastState = st;
                if (st.equals("SETTLED") || st.equals("CANCELED")) {
                    return;
                }
                if (dropSubscribeAfter >= 0 && sent >= dropSubscribeAfter) {
                    return; // the gateway ends the response: a dropped stream as the client sees it
                }
            }
            synchronized (lock) {
                while (running && version == seen) {
                    try {
                        lock.wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                seen = version;
                current = invoiceJson(invoices.get(hashHex));
            }
        }
    }

    private void send(HttpExchange ex, JsonNode body) throws IOException {
        String pr = body.path("payment_request").asText("");
        Bolt11Invoice inv;
        try {
            inv = Bolt11.decode(pr);
        } catch (RuntimeException e) {
            streamError(ex, 2, "invalid payment request: checksum failed", false);
            return;
        }
        long amt = int64(body, "amt");
        if (inv.isAmountless() && amt == 0) {
            streamError(ex, 2, "amount must be specified when paying a zero amount invoice", false);
            return;
        }
        if (!inv.isAmountless() && amt != 0) {
            streamError(ex, 2, "amount must not be specified when paying a non-zero amount invoice", false);
            return;
        }
        if (!body.has("fee_limit_sat") || !body.has("timeout_seconds")) {
            streamError(ex, 2, "timeout_seconds must be specified", false);
            return;
        }
        boolean noInflight = body.path("no_inflight_updates").asBoolean(false);
        String hash = inv.paymentHash();
        Pay pay;
        synchronized (lock) {
            Pay existing = payments.get(hash);
            if (existing != null && existing.status().equals("IN_FLIGHT")) {
                streamError(ex, 6, "payment is in transition", false);
                return;
            }
            if (existing != null && existing.status().equals("SUCCEEDED")) {
                streamError(ex, 6, "invoice is already paid", false);
                return;
            }
            Outcome o = plannedOutcomes.getOrDefault(hash, Outcome.SUCCEED);
            long value = inv.isAmountless() ? amt : inv.amountMsat().getAsLong() / 1000;
            pay = new Pay(hash, pr, value, o, System.currentTimeMillis() + paymentDelayMillis,
                    knownPreimages.get(hash), payments.size() + 1);
            payments.put(hash, pay);
            paymentAttempts.incrementAndGet();
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        if (dropSendAfterRegister) {
            return; // response ends before any update: a dropped SendPaymentV2 stream
        }
        streamPayment(ex.getResponseBody(), pay, noInflight);
    }

    private void track(HttpExchange ex, String hashHex, boolean noInflight) throws IOException {
        Pay pay;
        synchronized (lock) {
            pay = payments.get(hashHex);
        }
        if (pay == null) {
            streamError(ex, 5, "payment isn't initiated", false);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        streamPayment(ex.getResponseBody(), pay, noInflight);
    }

    private void streamPayment(OutputStream out, Pay pay, boolean noInflight) throws IOException {
        if (!noInflight) {
            String now = pay.status(); // the current state first, as LND's payment subscription does
            writeLine(out, result(paymentJson(pay, now)));
            if (!now.equals("IN_FLIGHT")) {
                return;
            }
        }
        while (running) {
            String st = pay.status();
            if (!st.equals("IN_FLIGHT")) {
                writeLine(out, result(paymentJson(pay, st)));
                return;
            }
            sleep(20);
        }
    }

    private ObjectNode paymentJson(Pay pay, String status) {
        ObjectNode p = JSON.createObjectNode();
        p.put("payment_hash", pay.hashHex);
        p.put("value", Long.toString(pay.valueSat));
        p.put("creation_date", "1700000000");
        p.put("fee", status.equals("SUCCEEDED") ? "2" : "0");
        p.put("payment_preimage", status.equals("SUCCEEDED") ? pay.preimageHex : "0".repeat(64));
        p.put("value_sat", Long.toString(pay.valueSat));
        p.put("value_msat", Long.toString(pay.valueSat * 1000));
        p.put("payment_request", pay.bolt11);
        p.put("status", status);
        p.put("fee_sat", status.equals("SUCCEEDED") ? "2" : "0");
        p.put("fee_msat", status.equals("SUCCEEDED") ? "2000" : "0");
        p.put("creation_time_ns", "1700000000000000000");
        p.putArray("htlcs");
        p.put("payment_index", Integer.toString(pay.index));
        p.put("failure_reason", status.equals("FAILED") ? "FAILURE_REASON_NO_ROUTE" : "FAILURE_REASON_NONE");
        return p;
    }

    // ------------------------------------------------------------------ wire helpers

    private static ObjectNode result(JsonNode r) {
        ObjectNode o = JSON.createObjectNode();
        o.set("result", r);
        return o;
    }

    private static void writeLine(OutputStream out, JsonNode n) throws IOException {
        out.write(JSON.writeValueAsBytes(n));
        out.write('\n');
        out.flush();
    }

    private static int httpStatus(int grpcCode) {
        return switch (grpcCode) {
            case 3 -> 400;
            case 5 -> 404;
            case 6 -> 409;
            case 16 -> 401;
            case 7 -> 403;
            case 14 -> 503;
            default -> 500;
        };
    }

    private static ObjectNode status(int code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        e.putArray("details");
        return e;
    }

    private static void unaryError(HttpExchange ex, int code, String message) throws IOException {
        sendJson(ex, httpStatus(code), status(code, message));
    }

    /** A stream that fails: before any result the HTTP status carries the code; the error line has no newline. */
    static void streamError(HttpExchange ex, int code, String message, boolean headersSent) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.set("error", status(code, message));
        byte[] b = JSON.writeValueAsBytes(o);
        if (!headersSent) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(httpStatus(code), 0);
        }
        ex.getResponseBody().write(b);
        ex.getResponseBody().flush();
    }

    private static void sendJson(HttpExchange ex, int status, JsonNode n) throws IOException {
        byte[] b = JSON.writeValueAsBytes(n);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static void sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private void sleep(long ms) {
        long end = System.currentTimeMillis() + ms;
        while (running && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(20, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String sha256(String hex) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(HEX.parseHex(hex)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh (preimage, hash) pair. */
    static String[] newPreimage() {
        byte[] p = new byte[32];
        new SecureRandom().nextBytes(p);
        String pre = HEX.formatHex(p);
        return new String[] {pre, sha256(pre)};
    }

    /** A signed regtest invoice another node would issue, for payment tests. */
    static String foreignInvoice(String hashHex, Long amountSats) {
        byte[] key = HEX.parseHex("1111111111111111111111111111111111111111111111111111111111111111");
        Bolt11Invoice.Builder b = Bolt11Invoice.builder(LightningNetwork.REGTEST)
                .timestamp(Instant.ofEpochSecond(Instant.now().getEpochSecond()))
                .paymentHash(hashHex).paymentSecret(new byte[32]).description("payout").expirySeconds(3600);
        if (amountSats != null) {
            b.amountSats(amountSats);
        }
        return b.sign(key).paymentRequest();
    }

    List<String> paths() {
        List<String> out = new ArrayList<>();
        for (Request r : requests) {
            out.add(r.method + " " + r.path);
        }
        return out;
    }
}
