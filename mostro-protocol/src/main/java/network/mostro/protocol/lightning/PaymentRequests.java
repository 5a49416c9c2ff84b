package network.mostro.protocol.lightning;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.internal.Bech32;

/**
 * Recognises what a buyer's {@code payment_request} string is, in the daemon's order: Lightning address
 * first, then LNURL, then bolt11 (SPEC §10.4). Syntax only; an LN address or LNURL still has to be resolved
 * (LNURL-pay) before it can be paid. Stateless and thread-safe.
 */
public final class PaymentRequests {
    private PaymentRequests() {}

    /** Classifies {@code s}; never throws (null is {@link PaymentRequestKind#UNRECOGNIZED}). */
    public static PaymentRequestKind classify(String s) {
        if (s == null || s.isEmpty()) {
            return PaymentRequestKind.UNRECOGNIZED;
        }
        if (LightningAddress.parse(s).isPresent()) {
            return PaymentRequestKind.LIGHTNING_ADDRESS;
        }
        if (lnurlToUrl(s).isPresent()) {
            return PaymentRequestKind.LNURL;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("lnurl") && LightningNetwork.fromHrp(lower).isPresent()) {
            return PaymentRequestKind.BOLT11;
        }
        return PaymentRequestKind.UNRECOGNIZED;
    }

    /**
     * Decodes a bech32 LNURL ({@code lnurl1…}, either case) to the URL it encodes, or empty if {@code s} is
     * not one (wrong HRP, bad checksum, not UTF-8, not an {@code http(s)://} URL).
     */
    public static Optional<String> lnurlToUrl(String s) {
        if (s == null || s.length() < 6 || !s.regionMatches(true, 0, "lnurl1", 0, 6)) {
            return Optional.empty();
        }
        try {
            Bech32.Decoded d = Bech32.decode(s, Bolt11.MAX_LENGTH);
            if (!d.hrp().equals("lnurl")) {
                return Optional.empty();
            }
            byte[] bytes = Bech32.fromWords(d.data());
            String url = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
                return Optional.empty();
            }
            return Optional.of(url);
        } catch (NostrException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Encodes a URL as a bech32 LNURL (uppercase, as LUD-01 recommends for QR codes). */
    public static String urlToLnurl(String url) {
        return Bech32.encode("lnurl", Bech32.toWords(url.getBytes(StandardCharsets.UTF_8))).toUpperCase(Locale.ROOT);
    }
}
