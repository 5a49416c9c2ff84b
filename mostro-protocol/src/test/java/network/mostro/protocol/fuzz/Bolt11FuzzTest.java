package network.mostro.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.InvoiceRequirements;
import network.mostro.protocol.lightning.InvoiceValidator;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.protocol.lightning.PaymentRequests;

/**
 * Fuzzes {@link Bolt11#decode(String)} (and, on the same text, {@link PaymentRequests#classify}).
 *
 * <p>Input: the first byte picks the mode. {@code A}: the rest is the invoice text as is. {@code B} (any other
 * byte): the rest is an invoice <em>without its checksum</em>: the text before the last {@code '1'} is the
 * human-readable part, every later character is a 5-bit group (its bech32 value if it is a bech32 character,
 * else its low 5 bits), and the harness appends the correct checksum. Mode B gets mutated invoices past the
 * checksum into the amount, tagged-field, feature and signature-recovery code; a seed is simply {@code 'B'} +
 * a real invoice minus its last six characters.
 *
 * <p>Contract: only {@link NostrException} subclasses escape. On acceptance: the invoice text is the lowercase
 * input; decoding it again, and decoding its all-uppercase form, gives an equal invoice; hashes, signature,
 * recovery id and payee key have their fixed shapes; expiry arithmetic and {@link InvoiceValidator#validate}
 * answer for any "now" without throwing.
 */
class Bolt11FuzzTest {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final InvoiceRequirements MAINNET = InvoiceRequirements.builder(LightningNetwork.MAINNET)
            .expectedAmountSats(2500).build();

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] input) {
        accepts(input);
    }

    /** Runs the target: true when the input decoded (and the invariants held), false on a typed rejection. */
    static boolean accepts(byte[] input) {
        if (input.length == 0) {
            return false;
        }
        String rest = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        String text;
        if (input[0] == 'A') {
            text = rest;
        } else {
            int sep = rest.lastIndexOf('1');
            if (sep <= 0 || !rest.substring(0, sep).chars().allMatch(c -> c >= 33 && c <= 126)) {
                return false;
            }
            String data = rest.substring(sep + 1);
            byte[] words = new byte[data.length()];
            for (int i = 0; i < words.length; i++) {
                char c = data.charAt(i);
                int v = CHARSET.indexOf(Character.toLowerCase(c));
                words[i] = (byte) (v >= 0 ? v : c & 31);
            }
            text = withChecksum(rest.substring(0, sep), words);
        }
        try {
            PaymentRequests.classify(text);
        } catch (NostrException expected) {
            // classification may refuse; it must only do so with a typed exception
        }
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11.decode(text);
        } catch (NostrException expected) {
            return false;
        }
        assertThat(invoice.paymentRequest()).isEqualTo(text.toLowerCase(Locale.ROOT));
        assertThat(Bolt11.decode(invoice.paymentRequest())).isEqualTo(invoice);
        assertThat(Bolt11.decode(text.toUpperCase(Locale.ROOT))).isEqualTo(invoice);
        assertThat(invoice.paymentHash()).matches("[0-9a-f]{64}");
        assertThat(invoice.signature()).matches("[0-9a-f]{128}");
        assertThat(invoice.payeeNodeId()).matches("0[23][0-9a-f]{64}");
        assertThat(invoice.recoveryId()).isBetween(0, 3);
        assertThat(invoice.amountMsat().orElse(1)).isPositive();
        assertThat(invoice.expirySeconds()).isNotNegative();
        assertThat(invoice.minFinalCltvExpiryDelta()).isNotNegative();
        assertThat(invoice.expiresAt()).isAfterOrEqualTo(invoice.timestamp());
        for (Instant now : new Instant[] {Instant.EPOCH, invoice.timestamp(), Instant.MAX}) {
            invoice.isExpiredAt(now);
            assertThat(InvoiceValidator.validate(invoice, MAINNET, now)).isNotNull();
        }
        return true;
    }

    /** BIP-173: {@code hrp + '1' + data + checksum}, lowercase (the harness's own encoder, test-only). */
    static String withChecksum(String hrp, byte[] words) {
        String h = hrp.toLowerCase(Locale.ROOT);
        int[] values = new int[h.length() * 2 + 1 + words.length + 6];
        int n = 0;
        for (int i = 0; i < h.length(); i++) {
            values[n++] = h.charAt(i) >> 5;
        }
        values[n++] = 0;
        for (int i = 0; i < h.length(); i++) {
            values[n++] = h.charAt(i) & 31;
        }
        for (byte w : words) {
            values[n++] = w;
        }
        int mod = polymod(values) ^ 1;
        StringBuilder sb = new StringBuilder(h).append('1');
        for (byte w : words) {
            sb.append(CHARSET.charAt(w));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
        }
        return sb.toString();
    }

    private static int polymod(int[] values) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }
}
