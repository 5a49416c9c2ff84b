package network.mostro.protocol.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvoiceValidatorTest {
    private static final byte[] KEY = Hex.decode(Bolt11Vectors.PRIVATE_KEY);
    private static final Instant NOW = Instant.ofEpochSecond(1_750_000_000L);

    /** A regtest invoice created {@code ageSeconds} ago with the given expiry, CLTV and amount (msat, -1: none). */
    private static Bolt11Invoice invoice(LightningNetwork n, long ageSeconds, long expiry, long cltv, long msat) {
        Bolt11Invoice.Builder b = Bolt11Invoice.builder(n)
                .timestamp(NOW.minusSeconds(ageSeconds))
                .paymentHash(Bolt11Test.bytes(32, 1))
                .paymentSecret(Bolt11Test.bytes(32, 2))
                .description("buyer invoice")
                .expirySeconds(expiry)
                .minFinalCltvExpiryDelta(cltv);
        if (msat >= 0) {
            b.amountMsat(msat);
        }
        return b.sign(KEY);
    }

    private static InvoiceRequirements regtest(long expectedSats) {
        return InvoiceRequirements.builder(LightningNetwork.REGTEST).expectedAmountSats(expectedSats).build();
    }

    @Test
    void defaultsAreTheDaemons() {
        InvoiceRequirements r = InvoiceRequirements.builder(LightningNetwork.MAINNET).build();
        assertThat(r.invoiceExpirationWindow()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(r.maxFinalCltvExpiryDelta()).isEqualTo(432);
        assertThat(r.minPaymentAmountSats()).isEqualTo(100);
        assertThat(r.expectedAmountSats()).isEmpty();
    }

    @Test
    void validInvoicePasses() {
        Bolt11Invoice inv = invoice(LightningNetwork.REGTEST, 10, 7200, 144, 55_908_000);
        InvoiceValidation v = InvoiceValidator.validate(inv, regtest(55_908), NOW);
        assertThat(v.isValid()).isTrue();
        assertThat(v.failures()).isEmpty();
        v.requireValid();
        InvoiceValidator.requireValid(inv, regtest(55_908), NOW);
        assertThat(InvoiceValidator.validate(inv, regtest(55_908), Clock.fixed(NOW, ZoneOffset.UTC)).isValid()).isTrue();
    }

    @Test
    void wrongNetwork() {
        for (LightningNetwork other : LightningNetwork.values()) {
            Bolt11Invoice inv = invoice(other, 10, 7200, 144, -1);
            InvoiceValidation v = InvoiceValidator.validate(inv, regtest(1000), NOW);
            assertThat(v.failed(InvoiceRule.WRONG_NETWORK)).isEqualTo(other != LightningNetwork.REGTEST);
        }
        // signet vs testnet and regtest vs mainnet are distinct despite the shared prefix
        Bolt11Invoice signet = invoice(LightningNetwork.SIGNET, 10, 7200, 144, -1);
        assertThat(InvoiceValidator.validate(signet, InvoiceRequirements.builder(LightningNetwork.TESTNET).build(), NOW)
                .failures()).containsExactly(InvoiceRule.WRONG_NETWORK);
    }

    @Test
    void cltvDelta() {
        assertThat(rules(invoice(LightningNetwork.REGTEST, 10, 7200, 432, -1), regtest(1000))).isEmpty();
        assertThat(rules(invoice(LightningNetwork.REGTEST, 10, 7200, 433, -1), regtest(1000)))
                .containsExactly(InvoiceRule.CLTV_DELTA_TOO_LARGE);
        InvoiceRequirements strict = InvoiceRequirements.builder(LightningNetwork.REGTEST).maxFinalCltvExpiryDelta(40).build();
        assertThat(rules(invoice(LightningNetwork.REGTEST, 10, 7200, 40, -1), strict)).isEmpty();
        assertThat(rules(invoice(LightningNetwork.REGTEST, 10, 7200, 41, -1), strict))
                .containsExactly(InvoiceRule.CLTV_DELTA_TOO_LARGE);
        // without a c field the default 18 applies
        Bolt11Invoice noC = Bolt11Invoice.builder(LightningNetwork.REGTEST).timestamp(NOW).paymentHash(Bolt11Test.bytes(32, 1))
                .paymentSecret(Bolt11Test.bytes(32, 2)).description("x").expirySeconds(7200).sign(KEY);
        InvoiceRequirements seventeen = InvoiceRequirements.builder(LightningNetwork.REGTEST).maxFinalCltvExpiryDelta(17).build();
        assertThat(rules(noC, seventeen)).containsExactly(InvoiceRule.CLTV_DELTA_TOO_LARGE);
    }

    @Test
    void expiryAndWindowBoundaries() {
        // created 100 s ago, valid 3700 s: expires at now + 3600 → exactly the window, accepted
        assertThat(rules(invoice(LightningNetwork.REGTEST, 100, 3700, 144, -1), regtest(1000))).isEmpty();
        // one second less: expires too soon, but not expired
        assertThat(rules(invoice(LightningNetwork.REGTEST, 100, 3699, 144, -1), regtest(1000)))
                .containsExactly(InvoiceRule.EXPIRES_TOO_SOON);
        // expiring exactly now: not expired (strictly after), but too soon
        assertThat(rules(invoice(LightningNetwork.REGTEST, 100, 100, 144, -1), regtest(1000)))
                .containsExactly(InvoiceRule.EXPIRES_TOO_SOON);
        // expired one second ago: both
        assertThat(rules(invoice(LightningNetwork.REGTEST, 100, 99, 144, -1), regtest(1000)))
                .containsExactly(InvoiceRule.EXPIRED, InvoiceRule.EXPIRES_TOO_SOON);
        // a zero window only requires not expired
        InvoiceRequirements noWindow = InvoiceRequirements.builder(LightningNetwork.REGTEST)
                .invoiceExpirationWindow(Duration.ZERO).build();
        assertThat(rules(invoice(LightningNetwork.REGTEST, 100, 100, 144, -1), noWindow)).isEmpty();
        assertThat(rules(invoice(LightningNetwork.REGTEST, 100, 99, 144, -1), noWindow))
                .containsExactly(InvoiceRule.EXPIRED, InvoiceRule.EXPIRES_TOO_SOON);
        // the default BOLT11 expiry (3600 s) of a fresh invoice meets the default window exactly
        Bolt11Invoice fresh = Bolt11Invoice.builder(LightningNetwork.REGTEST).timestamp(NOW).paymentHash(Bolt11Test.bytes(32, 1))
                .paymentSecret(Bolt11Test.bytes(32, 2)).description("x").sign(KEY);
        assertThat(rules(fresh, regtest(1000))).isEmpty();
        assertThat(InvoiceValidator.validate(fresh, regtest(1000), NOW.plusSeconds(1)).failures())
                .containsExactly(InvoiceRule.EXPIRES_TOO_SOON);
        // a huge expiry saturates instead of overflowing
        Bolt11Invoice forever = invoice(LightningNetwork.REGTEST, 0, Long.MAX_VALUE >>> 2, 144, -1);
        assertThat(rules(forever, regtest(1000))).isEmpty();
    }

    @Test
    void amountRules() {
        // exact
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 55_908_000), regtest(55_908))).isEmpty();
        // one sat off either way
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 55_907_000), regtest(55_908)))
                .containsExactly(InvoiceRule.AMOUNT_MISMATCH);
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 55_909_000), regtest(55_908)))
                .containsExactly(InvoiceRule.AMOUNT_MISMATCH);
        // amountless is always fine
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, -1), regtest(55_908))).isEmpty();
        // the daemon truncates msat to sat: 55 908 999 msat counts as 55 908 (passes here, fails at payout)
        Bolt11Invoice odd = invoice(LightningNetwork.REGTEST, 0, 7200, 144, 55_908_999);
        assertThat(rules(odd, regtest(55_908))).isEmpty();
        assertThat(InvoiceValidator.amountMatchesPayout(odd, 55_908)).isFalse();
        assertThat(InvoiceValidator.amountMatchesPayout(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 55_908_000), 55_908)).isTrue();
        assertThat(InvoiceValidator.amountMatchesPayout(invoice(LightningNetwork.REGTEST, 0, 7200, 144, -1), 55_908)).isTrue();
        // below the minimum (100 sats): 99 sats fails even when it is the expected amount
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 99_000), regtest(99)))
                .containsExactly(InvoiceRule.AMOUNT_BELOW_MINIMUM);
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 100_000), regtest(100))).isEmpty();
        // under 1000 msat truncates to 0 sats: the daemon treats it as amountless
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 999), regtest(55_908))).isEmpty();
        // both amount rules at once
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 50_000), regtest(55_908)))
                .containsExactly(InvoiceRule.AMOUNT_MISMATCH, InvoiceRule.AMOUNT_BELOW_MINIMUM);
        // no expected amount: only the minimum applies
        InvoiceRequirements noAmount = InvoiceRequirements.builder(LightningNetwork.REGTEST).build();
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 12_345_000), noAmount)).isEmpty();
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 50_000), noAmount))
                .containsExactly(InvoiceRule.AMOUNT_BELOW_MINIMUM);
    }

    @Test
    void expectedAmountFromOrderAndFee() {
        InvoiceRequirements req = InvoiceRequirements.builder(LightningNetwork.REGTEST).expectedAmount(56_076, 168).build();
        assertThat(req.expectedAmountSats()).hasValue(55_908);
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, 55_908_000), req)).isEmpty();
        // fee > amt: the daemon's checked subtraction fails, so even an amountless invoice is refused
        InvoiceRequirements negative = InvoiceRequirements.builder(LightningNetwork.REGTEST).expectedAmount(100, 168).build();
        assertThat(rules(invoice(LightningNetwork.REGTEST, 0, 7200, 144, -1), negative))
                .containsExactly(InvoiceRule.AMOUNT_MISMATCH);
        InvoiceRequirements overflow = InvoiceRequirements.builder(LightningNetwork.REGTEST)
                .expectedAmount(Long.MIN_VALUE, 1).build();
        assertThat(overflow.expectedAmountSats()).hasValue(-1);
    }

    @Test
    void everyFailureIsListedAndThrowingConvenienceCarriesThem() {
        Bolt11Invoice bad = invoice(LightningNetwork.MAINNET, 10_000, 60, 1000, 50_000);
        InvoiceValidation v = InvoiceValidator.validate(bad, regtest(55_908), NOW);
        assertThat(v.failures()).containsExactly(InvoiceRule.values());
        assertThatThrownBy(v::requireValid)
                .isInstanceOf(InvoiceRejectedException.class)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvoiceRejectedException) e).failures()).containsExactly(InvoiceRule.values()));
    }

    /** Seeded random invoices: the validator's verdict matches an independent restatement of the rules. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomInvoicesAgreeWithRestatedRules(long seed) {
        Random rnd = new Random(seed);
        for (int k = 0; k < 40; k++) {
            LightningNetwork net = LightningNetwork.values()[rnd.nextInt(4)];
            long age = rnd.nextInt(20_000);
            long expiry = rnd.nextInt(20_000);
            long cltv = rnd.nextInt(600);
            long msat = rnd.nextInt(3) == 0 ? -1 : rnd.nextInt(200_000) * (rnd.nextBoolean() ? 1000L : 1L);
            long expected = rnd.nextInt(200);
            Bolt11Invoice inv = invoice(net, age, expiry, cltv, msat);
            List<InvoiceRule> got = InvoiceValidator.validate(inv, regtest(expected), NOW).failures();
            long sats = msat < 0 ? 0 : msat / 1000;
            assertThat(got.contains(InvoiceRule.WRONG_NETWORK)).isEqualTo(net != LightningNetwork.REGTEST);
            assertThat(got.contains(InvoiceRule.CLTV_DELTA_TOO_LARGE)).isEqualTo(cltv > 432);
            assertThat(got.contains(InvoiceRule.EXPIRED)).isEqualTo(age > expiry);
            assertThat(got.contains(InvoiceRule.EXPIRES_TOO_SOON)).isEqualTo(expiry - age < 3600);
            assertThat(got.contains(InvoiceRule.AMOUNT_MISMATCH)).isEqualTo(sats != 0 && sats != expected);
            assertThat(got.contains(InvoiceRule.AMOUNT_BELOW_MINIMUM)).isEqualTo(sats > 0 && sats < 100);
        }
    }

    private static List<InvoiceRule> rules(Bolt11Invoice inv, InvoiceRequirements req) {
        return InvoiceValidator.validate(inv, req, NOW).failures();
    }
}
