package network.mostro.server.lnurl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Locale;
import network.mostro.server.lnurl.LnurlException;

/**
 * Fuzzes the LNURL-pay (LUD-06) answer parsers. Contract: only {@link LnurlException} escapes; an accepted
 * pay-request has an http(s) callback with a host and {@code 0 <= min <= max}, {@code max > 0}; parsing is
 * deterministic; an accepted invoice answer yields a non-empty {@code pr} whose amount check fails only with
 * {@code BAD_INVOICE}.
 *
 * <p>Seeds and regression inputs: {@code src/test/resources/network/mostro/server/lnurl/internal/
 * PayResponsesFuzzTestInputs/<method>/}; names starting with {@code ok-} must be accepted, others rejected
 * ({@link PayResponsesFuzzCorpusTest}). See {@code docs/lnurl-and-prices.md}.
 */
class PayResponsesFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void payRequest(byte[] input) {
        acceptsPayRequest(input);
    }

    @FuzzTest(maxDuration = "5m")
    void invoiceResponse(byte[] input) {
        acceptsInvoiceResponse(input);
    }

    static boolean acceptsPayRequest(byte[] input) {
        PayResponses.PayParams p;
        try {
            p = PayResponses.parsePayRequest(input);
        } catch (LnurlException expected) {
            PayResponses.errorReason(input); // must not throw either
            return false;
        }
        String scheme = p.callback().getScheme().toLowerCase(Locale.ROOT);
        assertThat(scheme).isIn("http", "https");
        assertThat(p.callback().getHost()).isNotNull();
        assertThat(p.minSendableMsat()).isBetween(0L, p.maxSendableMsat());
        assertThat(p.maxSendableMsat()).isPositive();
        assertThat(PayResponses.parsePayRequest(input)).isEqualTo(p);
        LnurlResolver.withAmount(p.callback(), 1000); // a valid callback always takes an amount
        return true;
    }

    static boolean acceptsInvoiceResponse(byte[] input) {
        String pr;
        try {
            pr = PayResponses.parseInvoiceResponse(input);
        } catch (LnurlException expected) {
            return false;
        }
        assertThat(pr).isNotEmpty();
        try {
            PayResponses.checkInvoice(pr, 1000);
        } catch (LnurlException e) {
            assertThat(e.reason()).isEqualTo(LnurlException.Reason.BAD_INVOICE);
        }
        return true;
    }
}
