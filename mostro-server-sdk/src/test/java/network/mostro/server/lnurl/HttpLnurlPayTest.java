package network.mostro.server.lnurl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.protocol.lightning.PaymentRequests;
import network.mostro.server.lnurl.LnurlException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HttpLnurlPay} against a local LNURL server (plain HTTP and TLS), with real signed BOLT #11 invoices. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpLnurlPayTest {
    private static final byte[] NODE_KEY = new byte[32];
    private static final Pattern AMOUNT = Pattern.compile("(?:^|&)amount=(\\d+)(?:&|$)");

    static {
        NODE_KEY[31] = 7;
    }

    private FakeLnurlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Happy paths

    @Test
    void lightningAddressOverTlsResolvesToAnInvoiceForExactlyTheAmount() {
        server = FakeLnurlServer.https(TlsFixture.get().server);
        serveAlice(server, msat -> signed(msat));
        HttpLnurlPay lnurl = tlsClient().build();
        String address = "alice@127.0.0.1:" + server.port();

        lnurl.check(address).toCompletableFuture().join();
        String pr = lnurl.invoiceFor(address, 55_908).toCompletableFuture().join();

        Bolt11Invoice inv = Bolt11.decode(pr);
        assertThat(inv.amountMsat()).hasValue(55_908_000L);
        // LUD-16 path; the callback's own query is kept and amount (msat) appended as its own parameter
        assertThat(server.requests()).containsExactly(
                "/.well-known/lnurlp/alice",
                "/.well-known/lnurlp/alice",
                "/lnurlp/alice/callback?k1=3f9a&amount=55908000");
    }

    @Test
    void bech32LnurlInEitherCaseResolvesOverHttpWhenAllowed() {
        server = FakeLnurlServer.http();
        server.route("/lnurlp/bob", ex -> FakeLnurlServer.json(ex, 200,
                FakeLnurlServer.shape("payrequest-plain-callback.json", server.base())));
        server.route("/lnurlp/bob/cb", ex -> FakeLnurlServer.json(ex, 200, callbackBody(signed(amountOf(ex)))));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();
        String upper = PaymentRequests.urlToLnurl(server.base() + "/lnurlp/bob");

        for (String lnurlText : List.of(upper, upper.toLowerCase())) {
            String pr = lnurl.invoiceFor(lnurlText, 1_000).toCompletableFuture().join();
            assertThat(Bolt11.decode(pr).amountMsat()).hasValue(1_000_000L);
        }
        assertThat(server.requests()).contains("/lnurlp/bob/cb?amount=1000000");
    }

    @Test
    void relativeRedirectsAreFollowedAndEachHopIsChecked() {
        server = FakeLnurlServer.http();
        server.route("/start", ex -> FakeLnurlServer.redirect(ex, 302, "/lnurlp/bob"));
        server.route("/lnurlp/bob", ex -> FakeLnurlServer.json(ex, 200,
                FakeLnurlServer.shape("payrequest-plain-callback.json", server.base())));
        HttpLnurlPay lnurl = loopbackOnly().allowHttp(true).build();

        lnurl.check(PaymentRequests.urlToLnurl(server.base() + "/start")).toCompletableFuture().join();
        assertThat(server.requests()).containsExactly("/start", "/lnurlp/bob");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Answers that must be refused

    @Test
    void amountOutsideMinAndMaxSendableIsRefusedBeforeTheCallback() {
        server = FakeLnurlServer.http();
        server.route("/p", ex -> FakeLnurlServer.json(ex, 200, "{\"tag\":\"payRequest\",\"callback\":\""
                + server.base() + "/cb\",\"minSendable\":1000000,\"maxSendable\":5000000,\"metadata\":\"[]\"}"));
        server.route("/cb", ex -> FakeLnurlServer.json(ex, 200, callbackBody(signed(amountOf(ex)))));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();
        String l = PaymentRequests.urlToLnurl(server.base() + "/p");

        assertThat(failure(lnurl.invoiceFor(l, 999)).reason()).isEqualTo(Reason.AMOUNT_OUT_OF_RANGE);
        assertThat(failure(lnurl.invoiceFor(l, 5_001)).reason()).isEqualTo(Reason.AMOUNT_OUT_OF_RANGE);
        assertThat(failure(lnurl.invoiceFor(l, 0)).reason()).isEqualTo(Reason.AMOUNT_OUT_OF_RANGE);
        assertThat(failure(lnurl.invoiceFor(l, Long.MAX_VALUE)).reason()).isEqualTo(Reason.AMOUNT_OUT_OF_RANGE);
        assertThat(server.requests()).doesNotContain("/cb").allMatch(r -> r.equals("/p"));
        // the bounds themselves are inside
        assertThat(lnurl.invoiceFor(l, 1_000).toCompletableFuture().join()).isNotEmpty();
        assertThat(lnurl.invoiceFor(l, 5_000).toCompletableFuture().join()).isNotEmpty();
    }

    @Test
    void errorStatusInThePayRequestIsABadResponseWithTheServersReason() {
        server = FakeLnurlServer.http();
        server.route("/p", ex -> FakeLnurlServer.json(ex, 200,
                FakeLnurlServer.shape("error.json", "").replace("{{reason}}", "user not found")));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();

        LnurlException e = failure(lnurl.check(PaymentRequests.urlToLnurl(server.base() + "/p")));
        assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(e).hasMessageContaining("user not found");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 500})
    void errorStatusFromTheCallbackIsABadResponseWhateverTheHttpStatus(int status) {
        server = FakeLnurlServer.http();
        serveBob(server);
        server.route("/lnurlp/bob/cb", ex -> FakeLnurlServer.json(ex, status,
                FakeLnurlServer.shape("error.json", "").replace("{{reason}}", "amount too high\\nfor today")));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();

        LnurlException e = failure(lnurl.invoiceFor(bobLnurl(), 10_000));
        assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(e).hasMessageContaining("amount too high?for today"); // control characters neutralised
    }

    @Test
    void invoiceForAnotherAmountIsABadInvoice() {
        server = FakeLnurlServer.http();
        serveBob(server);
        server.route("/lnurlp/bob/cb", ex -> FakeLnurlServer.json(ex, 200, callbackBody(signed(amountOf(ex) + 1000))));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();

        LnurlException e = failure(lnurl.invoiceFor(bobLnurl(), 10_000));
        assertThat(e.reason()).isEqualTo(Reason.BAD_INVOICE);
        assertThat(e).hasMessageContaining("10001000 msat").hasMessageContaining("expected 10000000 msat");
    }

    @Test
    void amountlessOrUndecodableInvoiceIsABadInvoice() {
        server = FakeLnurlServer.http();
        serveBob(server);
        String amountless = Bolt11Invoice.builder(LightningNetwork.MAINNET).timestamp(Instant.now())
                .paymentHash(random32()).paymentSecret(random32()).description("x").sign(NODE_KEY).paymentRequest();
        String[] answers = {amountless, "lnbc1notaninvoice", signed(10_000_000L).replace('q', 'p')};
        int[] next = {0};
        server.route("/lnurlp/bob/cb", ex -> FakeLnurlServer.json(ex, 200, callbackBody(answers[next[0]++])));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();

        for (int i = 0; i < answers.length; i++) {
            assertThat(failure(lnurl.invoiceFor(bobLnurl(), 10_000)).reason()).isEqualTo(Reason.BAD_INVOICE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[]",
        "{\"tag\":\"withdrawRequest\",\"callback\":\"https://x/cb\",\"minSendable\":1,\"maxSendable\":2}",
        "{\"tag\":\"payRequest\",\"minSendable\":1,\"maxSendable\":2}",
        "{\"tag\":\"payRequest\",\"callback\":\"ftp://x/cb\",\"minSendable\":1,\"maxSendable\":2}",
        "{\"tag\":\"payRequest\",\"callback\":\"https://x/cb\",\"minSendable\":\"1\",\"maxSendable\":2}",
        "{\"tag\":\"payRequest\",\"callback\":\"https://x/cb\",\"minSendable\":5,\"maxSendable\":2}",
        "{\"tag\":\"payRequest\",\"callback\":\"https://x/cb\",\"minSendable\":1.5,\"maxSendable\":2}",
        "{\"tag\":\"payRequest\",\"tag\":\"payRequest\",\"callback\":\"https://x/cb\",\"minSendable\":1,\"maxSendable\":2}",
        "{\"tag\":\"payRequest\",\"callback\":\"https://x/cb\",\"minSendable\":1,\"maxSendable\":2} trailing"
    })
    void malformedPayRequestsAreBadResponses(String body) {
        server = FakeLnurlServer.http();
        server.route("/p", ex -> FakeLnurlServer.json(ex, 200, body));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();

        assertThat(failure(lnurl.check(PaymentRequests.urlToLnurl(server.base() + "/p"))).reason())
                .isEqualTo(Reason.BAD_RESPONSE);
    }

    @Test
    void httpErrorsAndUnknownHostsAreUnreachable() {
        server = FakeLnurlServer.http();
        server.route("/gone", ex -> FakeLnurlServer.json(ex, 404, "not found"));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true)
                .timeout(Duration.ofSeconds(5)).build();

        LnurlException e = failure(lnurl.check(PaymentRequests.urlToLnurl(server.base() + "/gone")));
        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e.kind()).isEqualTo(NostrException.Kind.TRANSPORT);
        assertThat(e).hasMessageContaining("HTTP 404");
        // a port nobody listens on
        assertThat(failure(lnurl.check("alice@127.0.0.1:1")).reason()).isEqualTo(Reason.UNREACHABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "alice@", "@example.com", "lnbc1xyz", "lnurl1qqqqqq", "a b@example.com"})
    void inputsThatAreNeitherAddressNorLnurlAreMalformed(String input) {
        HttpLnurlPay lnurl = HttpLnurlPay.builder().build();
        assertThat(failure(lnurl.check(input)).reason()).isEqualTo(Reason.MALFORMED);
        assertThat(LnurlPay.isLnurlOrAddress(input)).isFalse();
    }

    @Test
    void nullIsMalformedAndTheStaticClassifierKnowsBothForms() {
        assertThat(failure(HttpLnurlPay.builder().build().check(null)).reason()).isEqualTo(Reason.MALFORMED);
        assertThat(LnurlPay.isLnurlOrAddress(null)).isFalse();
        assertThat(LnurlPay.isLnurlOrAddress("alice@example.com")).isTrue();
        assertThat(LnurlPay.isLnurlOrAddress(PaymentRequests.urlToLnurl("https://example.com/p"))).isTrue();
        assertThat(LnurlPay.isLnurlOrAddress(signed(1000))).isFalse();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Limits

    @Test
    void oversizedResponsesAreCutOffWithOrWithoutContentLength() {
        server = FakeLnurlServer.http();
        String padding = "x".repeat(100 * 1024);
        server.route("/declared", ex -> FakeLnurlServer.json(ex, 200, "{\"tag\":\"payRequest\",\"metadata\":\""
                + padding + "\"}"));
        server.route("/endless", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked, never ends on its own
            byte[] chunk = " ".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream os = ex.getResponseBody()) {
                os.write('{');
                for (int i = 0; i < 100_000; i++) { // ~800 MB if nobody stopped reading
                    os.write(chunk);
                    os.flush();
                }
            }
        });
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true).build();

        for (String path : List.of("/declared", "/endless")) {
            LnurlException e = failure(lnurl.check(PaymentRequests.urlToLnurl(server.base() + path)));
            assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
            assertThat(e).hasMessageContaining("65536");
        }
    }

    @Test
    void slowServersTimeOut() {
        server = FakeLnurlServer.http();
        server.route("/slow-headers", ex -> {
            Thread.sleep(10_000);
            FakeLnurlServer.json(ex, 200, "{}");
        });
        server.route("/slow-body", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream os = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    os.write(' ');
                    os.flush();
                    Thread.sleep(100);
                }
            }
        });
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).allowPrivateTargets(true)
                .timeout(Duration.ofMillis(500)).build();

        for (String path : List.of("/slow-headers", "/slow-body")) {
            LnurlException e = failure(lnurl.check(PaymentRequests.urlToLnurl(server.base() + path)));
            assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(e).hasMessageContaining("timed out");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // SSRF

    @Test
    void privateTargetsAreRefusedBeforeAnyConnection() {
        server = FakeLnurlServer.http();
        serveAlice(server, msat -> signed(msat));
        HttpLnurlPay lnurl = HttpLnurlPay.builder().allowHttp(true).timeout(Duration.ofSeconds(20)).build();
        List<String> targets = List.of(
                "alice@127.0.0.1:" + server.port(),
                "alice@localhost:" + server.port(),
                lnurlOf("http://127.0.0.1:" + server.port() + "/.well-known/lnurlp/alice"),
                lnurlOf("https://10.1.2.3/.well-known/lnurlp/alice"),
                lnurlOf("https://172.20.0.1/p"),
                lnurlOf("https://192.168.1.1/p"),
                lnurlOf("https://169.254.169.254/latest/meta-data/"),
                lnurlOf("https://100.64.0.1/p"),
                lnurlOf("https://0.0.0.0/p"),
                lnurlOf("https://[::1]:" + server.port() + "/p"),
                lnurlOf("https://[fc00::1]/p"),
                lnurlOf("https://[fd12:3456::1]/p"),
                lnurlOf("https://[fe80::1]/p"),
                lnurlOf("https://[::ffff:10.0.0.1]/p"),
                lnurlOf("https://[::ffff:7f00:1]/p"),
                lnurlOf("https://[::]/p"),
                lnurlOf("https://224.0.0.1/p"));
        long started = System.nanoTime();
        for (String t : targets) {
            LnurlException e = failure(lnurl.check(t));
            assertThat(e.reason()).as(t).isEqualTo(Reason.FORBIDDEN_TARGET);
            assertThat(failure(lnurl.invoiceFor(t, 1000)).reason()).as(t).isEqualTo(Reason.FORBIDDEN_TARGET);
        }
        // refused without connecting: the local server saw nothing, and no 20 s connect timeout was waited for
        assertThat(server.requests()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aPublicLookingNameThatResolvesToAPrivateAddressIsRefused() throws UnknownHostException {
        InetAddress pub = InetAddress.getByAddress("wallet.example", new byte[] {93, (byte) 184, (byte) 215, 14});
        InetAddress priv = InetAddress.getByAddress("wallet.example", new byte[] {10, 0, 0, 7});
        Map<String, InetAddress[]> dns = Map.of(
                "wallet.example", new InetAddress[] {priv},
                "mixed.example", new InetAddress[] {pub, priv});
        HttpLnurlPay lnurl = HttpLnurlPay.builder().resolver(h -> {
            InetAddress[] a = dns.get(h);
            if (a == null) {
                throw new UnknownHostException(h);
            }
            return a;
        }).build();

        LnurlException e = failure(lnurl.check("alice@wallet.example"));
        assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_TARGET);
        assertThat(e).hasMessageContaining("10.0.0.7").hasMessageContaining("private");
        assertThat(failure(lnurl.check("alice@mixed.example")).reason()).isEqualTo(Reason.FORBIDDEN_TARGET);
        assertThat(failure(lnurl.check("alice@nowhere.example")).reason()).isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void callbacksAndRedirectsToPrivateTargetsAreRefused() {
        server = FakeLnurlServer.http();
        server.route("/cb-metadata", ex -> FakeLnurlServer.json(ex, 200, "{\"tag\":\"payRequest\",\"callback\":"
                + "\"http://169.254.169.254/latest/meta-data/iam\",\"minSendable\":1000,\"maxSendable\":1000000}"));
        server.route("/to-private", ex -> FakeLnurlServer.redirect(ex, 307, "http://10.0.0.1/.well-known/lnurlp/x"));
        server.route("/to-v6-local", ex -> FakeLnurlServer.redirect(ex, 301, "http://[fd00::5]/x"));
        server.route("/to-file", ex -> FakeLnurlServer.redirect(ex, 302, "file:///etc/passwd"));
        HttpLnurlPay lnurl = loopbackOnly().allowHttp(true).timeout(Duration.ofSeconds(20)).build();

        assertThat(failure(lnurl.invoiceFor(lnurlOf(server.base() + "/cb-metadata"), 10)).reason())
                .isEqualTo(Reason.FORBIDDEN_TARGET);
        for (String path : List.of("/to-private", "/to-v6-local", "/to-file")) {
            assertThat(failure(lnurl.check(lnurlOf(server.base() + path))).reason()).as(path)
                    .isEqualTo(Reason.FORBIDDEN_TARGET);
        }
    }

    @Test
    void redirectLoopsStopAndHttpsNeverDowngradesToHttp() {
        server = FakeLnurlServer.https(TlsFixture.get().server);
        server.route("/loop", ex -> FakeLnurlServer.redirect(ex, 302, "/loop"));
        server.route("/down", ex -> FakeLnurlServer.redirect(ex, 302, "http://127.0.0.1:" + server.port() + "/p"));
        HttpLnurlPay lnurl = tlsClient().build();

        LnurlException loop = failure(lnurl.check(lnurlOf(server.base() + "/loop")));
        assertThat(loop.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(loop).hasMessageContaining("redirects");
        assertThat(server.requests()).hasSize(4); // the first request and 3 redirects

        assertThat(failure(lnurl.check(lnurlOf(server.base() + "/down"))).reason()).isEqualTo(Reason.FORBIDDEN_TARGET);
        assertThat(failure(lnurl.check(lnurlOf(server.base().replace("https", "http") + "/p"))).reason())
                .isEqualTo(Reason.FORBIDDEN_TARGET);
    }

    @Test
    void builderRefusesAClientThatFollowsRedirectsAndBadLimits() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThatThrownBy(() -> HttpLnurlPay.builder().httpClient(following).build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HttpLnurlPay.builder().timeout(Duration.ZERO)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HttpLnurlPay.builder().maxResponseBytes(10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HttpLnurlPay.builder().maxRedirects(-1)).isInstanceOf(InvalidInputException.class);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers

    private static HttpLnurlPay.Builder tlsClient() {
        HttpClient c = HttpClient.newBuilder().sslContext(TlsFixture.get().client)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        return loopbackOnly().httpClient(c);
    }

    /** The default address policy, with loopback exempted so the local server is reachable. */
    private static HttpLnurlPay.Builder loopbackOnly() {
        return HttpLnurlPay.builder().privateTargetExemption(InetAddress::isLoopbackAddress);
    }

    private static void serveAlice(FakeLnurlServer s, java.util.function.LongFunction<String> invoice) {
        s.route("/.well-known/lnurlp/alice", ex -> FakeLnurlServer.json(ex, 200,
                FakeLnurlServer.shape("payrequest.json", s.base())));
        s.route("/lnurlp/alice/callback", ex -> FakeLnurlServer.json(ex, 200, callbackBody(invoice.apply(amountOf(ex)))));
    }

    private static void serveBob(FakeLnurlServer s) {
        s.route("/lnurlp/bob", ex -> FakeLnurlServer.json(ex, 200,
                FakeLnurlServer.shape("payrequest-plain-callback.json", s.base())));
    }

    private String bobLnurl() {
        return lnurlOf(server.base() + "/lnurlp/bob");
    }

    private static String lnurlOf(String url) {
        return PaymentRequests.urlToLnurl(url);
    }

    private static String callbackBody(String pr) {
        return FakeLnurlServer.shape("callback.json", "").replace("{{pr}}", pr);
    }

    private static long amountOf(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getRawQuery();
        Matcher m = AMOUNT.matcher(q == null ? "" : q);
        if (!m.find()) {
            throw new IOException("no amount in " + q);
        }
        return Long.parseLong(m.group(1));
    }

    private static String signed(long msat) {
        return Bolt11Invoice.builder(LightningNetwork.MAINNET).amountMsat(msat).timestamp(Instant.now())
                .paymentHash(random32()).paymentSecret(random32()).description("lnurl test").expirySeconds(3600)
                .sign(NODE_KEY).paymentRequest();
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static LnurlException failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(LnurlException.class);
            return (LnurlException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
