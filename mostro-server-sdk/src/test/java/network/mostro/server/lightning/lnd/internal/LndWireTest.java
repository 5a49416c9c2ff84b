package network.mostro.server.lightning.lnd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** LND's JSON quirks, error mapping and NDJSON splitting, without a server. */
class LndWireTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(500, "{\"code\":2,\"message\":\"invoice with payment hash already exists\",\"details\":[]}",
                        Reason.ALREADY_EXISTS),
                Arguments.of(404, "{\"code\":5,\"message\":\"unable to locate invoice\",\"details\":[]}", Reason.NOT_FOUND),
                Arguments.of(500, "{\"code\":2,\"message\":\"unable to locate invoice\",\"details\":[]}", Reason.NOT_FOUND),
                Arguments.of(404, "{\"error\":{\"code\":5,\"message\":\"payment isn't initiated\",\"details\":[]}}",
                        Reason.NOT_FOUND),
                Arguments.of(500, "{\"code\":2,\"message\":\"invoice still open\",\"details\":[]}", Reason.INVALID_STATE),
                Arguments.of(500, "{\"code\":2,\"message\":\"invoice already canceled\"}", Reason.INVALID_STATE),
                Arguments.of(500, "{\"code\":2,\"message\":\"verification failed: signature mismatch after caveat"
                        + " verification\"}", Reason.UNAUTHORIZED),
                Arguments.of(500, "{\"code\":2,\"message\":\"expected 1 macaroon, got 0\"}", Reason.UNAUTHORIZED),
                Arguments.of(401, "Unauthorized", Reason.UNAUTHORIZED),
                Arguments.of(403, "", Reason.UNAUTHORIZED),
                Arguments.of(409, "{\"error\":{\"code\":6,\"message\":\"payment is in transition\"}}",
                        Reason.ALREADY_EXISTS),
                Arguments.of(503, "{\"code\":14,\"message\":\"connection error\"}", Reason.UNAVAILABLE),
                Arguments.of(500, "{\"code\":2,\"message\":\"waiting to start, RPC services not available\"}",
                        Reason.UNAVAILABLE),
                Arguments.of(500, "{\"code\":2,\"message\":\"something odd happened\"}", Reason.UNAVAILABLE),
                Arguments.of(502, "<html>bad gateway</html>", Reason.UNAVAILABLE),
                Arguments.of(404, "404 page not found", Reason.UNAVAILABLE),
                Arguments.of(504, "", Reason.TIMEOUT),
                Arguments.of(400, "{\"code\":3,\"message\":\"bad field\"}", Reason.INVALID_REQUEST),
                Arguments.of(500, "{\"code\":2,\"message\":\"invoice expired. Valid until 10:00\"}",
                        Reason.INVALID_REQUEST),
                Arguments.of(500, "{\"error\":\"legacy shape: invalid payment request\",\"code\":2}",
                        Reason.INVALID_REQUEST));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsMapToReasons(int status, String body, Reason expected) {
        JsonNode n;
        try {
            n = LndJson.MAPPER.readTree(body);
        } catch (Exception e) {
            n = null;
        }
        LndErrors.LndError e = LndErrors.parse(status, n, body);
        assertThat(LndErrors.reasonOf(e)).isEqualTo(expected);
        assertThat(LndErrors.toException(e, "Call").getMessage()).startsWith("LND Call: ");
    }

    @Test
    void int64AcceptsStringsAndNumbers() {
        JsonNode n = json("{\"a\":\"123\",\"b\":456,\"c\":\"\",\"d\":\"18446744073709551615\",\"e\":\"x\",\"f\":1.5}");
        assertThat(LndJson.int64(n, "a", "t")).isEqualTo(123);
        assertThat(LndJson.int64(n, "b", "t")).isEqualTo(456);
        assertThat(LndJson.int64(n, "c", "t")).isZero();
        assertThat(LndJson.int64(n, "missing", "t")).isZero();
        assertThat(LndJson.int64(n, "d", "t")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> LndJson.int64(n, "e", "t")).isInstanceOf(LightningException.class);
        assertThatThrownBy(() -> LndJson.int64(n, "f", "t")).isInstanceOf(LightningException.class);
    }

    @Test
    void invoiceUpdateReadsHtlcsAndDefaults() {
        String hash = "ab".repeat(32);
        String rHash = java.util.Base64.getEncoder().encodeToString(HEX.parseHex(hash));
        // proto3 omits the zero enum value: no "state" means OPEN
        assertThat(LndJson.invoiceUpdate(json("{\"r_hash\":\"" + rHash + "\"}"), hash, "t"))
                .isEqualTo(new InvoiceUpdate(hash, InvoiceState.OPEN, 0, 0));
        JsonNode accepted = json("{\"r_hash\":\"" + rHash + "\",\"state\":\"ACCEPTED\",\"amt_paid_sat\":\"0\","
                + "\"htlcs\":[{\"amt_msat\":\"600000\",\"expiry_height\":700,\"state\":\"ACCEPTED\"},"
                + "{\"amt_msat\":\"400000\",\"expiry_height\":690,\"state\":\"ACCEPTED\"},"
                + "{\"amt_msat\":\"999000\",\"expiry_height\":600,\"state\":\"CANCELED\"}]}");
        assertThat(LndJson.invoiceUpdate(accepted, hash, "t"))
                .isEqualTo(new InvoiceUpdate(hash, InvoiceState.ACCEPTED, 1000, 690));
        assertThatThrownBy(() -> LndJson.invoiceUpdate(accepted, "cd".repeat(32), "t"))
                .isInstanceOf(LightningException.class).hasMessageContaining("another payment hash");
        assertThatThrownBy(() -> LndJson.invoiceUpdate(json("{\"state\":\"WEIRD\"}"), hash, "t"))
                .isInstanceOf(LightningException.class);
    }

    @Test
    void paymentChecksThePreimage() throws Exception {
        String pre = "11".repeat(32);
        String hash = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(HEX.parseHex(pre)));
        Payment p = LndJson.payment(json("{\"payment_hash\":\"" + hash + "\",\"status\":\"SUCCEEDED\","
                + "\"payment_preimage\":\"" + pre + "\",\"value_sat\":\"5000\",\"fee_msat\":\"1500\"}"), hash, "t");
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(p.preimageHex()).contains(pre);
        assertThat(p.feeSats()).isEqualTo(1);
        assertThatThrownBy(() -> LndJson.payment(json("{\"status\":\"SUCCEEDED\",\"payment_preimage\":\""
                + "22".repeat(32) + "\"}"), hash, "t")).isInstanceOf(LightningException.class);
        Payment initiated = LndJson.payment(json("{\"status\":\"INITIATED\"}"), hash, "t");
        assertThat(initiated.status()).isEqualTo(PaymentStatus.IN_FLIGHT);
        Payment failed = LndJson.payment(json("{\"status\":\"FAILED\",\"failure_reason\":\"FAILURE_REASON_NONE\"}"),
                hash, "t");
        assertThat(failed.failureReason()).contains("FAILURE_REASON_UNKNOWN");
    }

    /** Feeds {@code body} to an NdjsonSubscriber in chunks of the given sizes and records the callbacks. */
    static List<String> feed(int status, byte[] body, int chunk, int maxLine) {
        List<String> events = new ArrayList<>();
        NdjsonSubscriber s = new NdjsonSubscriber("T", status, maxLine, new NdjsonSubscriber.StreamHandler() {
            @Override
            public void onResult(JsonNode result) {
                events.add("result " + result);
            }

            @Override
            public void onError(LightningException error) {
                events.add("error " + error.reason() + " " + error.getMessage());
            }

            @Override
            public void onEnd() {
                events.add("end");
            }
        });
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            s.onNext(List.of(ByteBuffer.wrap(body, i, n)));
        }
        s.onComplete();
        return events;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 4096})
    void ndjsonSplitsLinesAcrossBuffers(int chunk) {
        byte[] body = ("{\"result\":{\"state\":\"OPEN\"}}\n\n{\"result\":{\"state\":\"ACCEPTED\"}}\r\n"
                + "{\"error\":{\"code\":2,\"message\":\"invoice still open\",\"details\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(feed(200, body, chunk, 1024)).containsExactly(
                "result {\"state\":\"OPEN\"}", "result {\"state\":\"ACCEPTED\"}",
                "error INVALID_STATE LND T: invoice still open (code 2)");
    }

    @Test
    void ndjsonHandlesEndsErrorsAndLimits() {
        assertThat(feed(200, "{\"result\":{}}".getBytes(StandardCharsets.UTF_8), 3, 1024))
                .containsExactly("result {}", "end");
        assertThat(feed(404, "{\"error\":{\"code\":5,\"message\":\"payment isn't initiated\"}}"
                .getBytes(StandardCharsets.UTF_8), 5, 1024)).hasSize(1).first().asString()
                .startsWith("error NOT_FOUND");
        assertThat(feed(200, ("{\"result\":{\"x\":\"" + "a".repeat(2000) + "\"}}\n").getBytes(StandardCharsets.UTF_8),
                100, 1024)).hasSize(1).first().asString().startsWith("error UNAVAILABLE");
        assertThat(feed(200, "not json\n{\"result\":{}}\n".getBytes(StandardCharsets.UTF_8), 4, 1024))
                .hasSize(1).first().asString().startsWith("error UNAVAILABLE");
        assertThat(feed(200, "{\"other\":1}\n".getBytes(StandardCharsets.UTF_8), 4, 1024))
                .hasSize(1).first().asString().contains("without result");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButLightningException() {
        Random r = new Random(20240607L);
        String[] fragments = {"{\"result\":", "{\"error\":", "}", "{", "\n", "\"state\":", "\"ACCEPTED\"", "[", "]",
            "\"htlcs\":[{\"amt_msat\":", "\"9999999999999999999999\"", ",", "null", "\"r_hash\":\"@@\"", "1e400"};
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = r.nextInt(12);
            for (int j = 0; j < parts; j++) {
                sb.append(r.nextInt(5) == 0 ? (char) r.nextInt(128) : fragments[r.nextInt(fragments.length)]);
            }
            byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
            List<String> events = feed(r.nextBoolean() ? 200 : 500, body, 1 + r.nextInt(8), 512);
            assertThat(events.stream().filter(e -> e.equals("end") || e.startsWith("error ")).count())
                    .as("exactly one terminal event for %s", sb).isEqualTo(1);
            JsonNode n;
            try {
                n = LndJson.MAPPER.readTree(body);
            } catch (Exception e) {
                continue;
            }
            if (n == null) {
                continue;
            }
            JsonNode res = n.path("result");
            for (Runnable call : List.<Runnable>of(
                    () -> LndJson.invoiceUpdate(res, "ab".repeat(32), "t"),
                    () -> LndJson.payment(res, "ab".repeat(32), "t"),
                    () -> LndJson.nodeInfo(res))) {
                try {
                    call.run();
                } catch (LightningException expected) {
                    // fine: typed failure
                }
            }
        }
    }

    @Test
    void hostMatchingUsesIpAndDnsSans() {
        assertThat(PinnedTls.ipLiteral("127.0.0.1")).containsExactly(127, 0, 0, 1);
        assertThat(PinnedTls.ipLiteral("::1")).hasSize(16);
        assertThat(PinnedTls.ipLiteral("localhost")).isNull();
        assertThat(PinnedTls.ipLiteral("1.2.3")).isNull();
        assertThatThrownBy(() -> PinnedTls.parseCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII))).isInstanceOf(network.mostro.nostr.InvalidInputException.class);
        assertThatThrownBy(() -> PinnedTls.parseCertificate(new byte[0]))
                .isInstanceOf(network.mostro.nostr.InvalidInputException.class);
    }

    private static JsonNode json(String s) {
        try {
            return LndJson.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
