package network.mostro.server.lnurl;

import java.util.concurrent.CompletionStage;
import network.mostro.protocol.lightning.PaymentRequestKind;
import network.mostro.protocol.lightning.PaymentRequests;

/**
 * Resolves Lightning addresses ({@code user@domain}) and bech32 LNURLs through LNURL-pay (SPEC §10.3–§10.4), with
 * SSRF protections, timeouts and size limits. <b>Implementations must be thread-safe.</b>
 */
public interface LnurlPay {

    /**
     * Checks that the address or LNURL exists and serves a valid LNURL-pay response (the creation / take time
     * check of SPEC §10.4). Fails with {@link LnurlException}.
     */
    CompletionStage<Void> check(String addressOrLnurl);

    /**
     * Fetches a BOLT11 invoice for exactly {@code amountSats} (the payout time step of SPEC §10.3) and returns it
     * after checking it asks for exactly that amount. Network, expiry and CLTV checks are the caller's (it knows the
     * node's settings). Fails with {@link LnurlException}.
     */
    CompletionStage<String> invoiceFor(String addressOrLnurl, long amountSats);

    /**
     * Whether {@code s} is, by syntax, a Lightning address or a bech32 LNURL, i.e. something to resolve through
     * LNURL-pay rather than a BOLT #11 invoice to decode. Never throws ({@code null} → false).
     */
    static boolean isLnurlOrAddress(String s) {
        PaymentRequestKind kind = PaymentRequests.classify(s);
        return kind == PaymentRequestKind.LIGHTNING_ADDRESS || kind == PaymentRequestKind.LNURL;
    }
}
