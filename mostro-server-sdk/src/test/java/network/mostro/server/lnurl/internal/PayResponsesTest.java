package network.mostro.server.lnurl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import network.mostro.server.lnurl.LnurlException;
import network.mostro.server.lnurl.LnurlException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The LUD-06 answer parser and the callback URL builder. */
class PayResponsesTest {

    @Test
    void parsesAPayRequestAndIgnoresUnknownMembers() {
        PayResponses.PayParams p = PayResponses.parsePayRequest(bytes("{\"status\":\"OK\",\"tag\":\"payRequest\","
                + "\"callback\":\"https://pay.example/cb?id=1\",\"minSendable\":1000,\"maxSendable\":1000.0,"
                + "\"metadata\":\"[[\\\"text/plain\\\",\\\"hi\\\"]]\",\"commentAllowed\":32,\"extra\":{\"a\":[1]}}"));
        assertThat(p.callback()).isEqualTo(URI.create("https://pay.example/cb?id=1"));
        assertThat(p.minSendableMsat()).isEqualTo(1000);
        assertThat(p.maxSendableMsat()).isEqualTo(1000);
        assertThat(p.metadata()).isEqualTo("[[\"text/plain\",\"hi\"]]");
    }

    @Test
    void limitsAreEnforced() {
        String deep = "[".repeat(40) + "]".repeat(40);
        assertThatThrownBy(() -> PayResponses.parsePayRequest(bytes("{\"a\":" + deep + "}")))
                .isInstanceOf(LnurlException.class);
        assertThatThrownBy(() -> PayResponses.parsePayRequest(bytes("{\"tag\":\"payRequest\",\"callback\":\"https://x/\","
                + "\"minSendable\":1" + "0".repeat(50) + ",\"maxSendable\":1}"))).isInstanceOf(LnurlException.class);
        assertThatThrownBy(() -> PayResponses.parsePayRequest(bytes("{\"tag\":\"payRequest\",\"callback\":\"https://x/\","
                + "\"minSendable\":1,\"maxSendable\":1e99999999999}"))).isInstanceOf(LnurlException.class);
        assertThatThrownBy(() -> PayResponses.parsePayRequest(new byte[] {'{', (byte) 0xff, '}'}))
                .isInstanceOf(LnurlException.class);
    }

    @Test
    void errorReasonIsSanitizedAndCut() {
        String reason = "x".repeat(500);
        LnurlException e = org.assertj.core.api.Assertions.catchThrowableOfType(LnurlException.class,
                () -> PayResponses.parseInvoiceResponse(bytes("{\"status\":\"ERROR\",\"reason\":\"" + reason + "\"}")));
        assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(e.getMessage()).hasSizeLessThan(300);
        assertThat(PayResponses.errorReason(bytes("{\"status\":\"error\",\"reason\":\"a\\u0000b\"}"))).hasValue("a?b");
        assertThat(PayResponses.errorReason(bytes("{\"status\":\"OK\"}"))).isEmpty();
        assertThat(PayResponses.errorReason(bytes("<html>"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "https://pay.example/cb, https://pay.example/cb?amount=5000",
        "https://pay.example/cb?, https://pay.example/cb?amount=5000",
        "https://pay.example/cb?id=abc, https://pay.example/cb?id=abc&amount=5000",
        "https://pay.example/cb?id=abc&, https://pay.example/cb?id=abc&amount=5000",
        "https://pay.example/cb?id=a%26b#frag, https://pay.example/cb?id=a%26b&amount=5000",
        "https://pay.example:8443, https://pay.example:8443?amount=5000",
        "https://pay.example/c%20b?x=%2F, https://pay.example/c%20b?x=%2F&amount=5000"
    })
    void amountIsAppendedAsItsOwnQueryParameter(String callback, String expected) {
        assertThat(LnurlResolver.withAmount(URI.create(callback), 5000)).hasToString(expected);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
