package network.mostro.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import network.mostro.nostr.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsAndFeesTest {
    private static final BigDecimal FEE = new BigDecimal("0.006");

    /** SPEC §9.2 worked example: 50 USD at 84 706.4 USD/BTC, premium +5, fee 0.006. */
    @Test
    void specWorkedExample() {
        long amt = Amounts.marketQuoteSats(50, new BigDecimal("84706.4"), 5);
        assertThat(amt).isEqualTo(56_076);
        TradeAmounts t = TradeAmounts.of(amt, FEE);
        assertThat(t.fee()).isEqualTo(168);
        assertThat(t.holdInvoiceAmount()).isEqualTo(56_244);
        assertThat(t.buyerPayout()).isEqualTo(55_908);
        assertThat(t.mostroEarnings()).isEqualTo(336);
        assertThat(t.devFee(Fees.DEFAULT_DEV_FEE_PERCENTAGE)).isEqualTo(101); // round(336 × 0.30 = 100.8)
        assertThat(Amounts.marketQuoteSatsExact(50, new BigDecimal("84706.4"), 5)).isEqualTo(56_076);
        // creation check uses the quote without premium: trunc(59 027.4...)
        assertThat(Amounts.creationQuoteSats(50, new BigDecimal("84706.4"))).isEqualTo(59_027);
    }

    @Test
    void premiumSign() {
        BigDecimal price = new BigDecimal("100000");
        assertThat(Amounts.marketQuoteSats(100, price, 0)).isEqualTo(100_000);
        assertThat(Amounts.marketQuoteSats(100, price, 10)).isEqualTo(90_000);   // positive premium: fewer sats
        assertThat(Amounts.marketQuoteSats(100, price, -10)).isEqualTo(110_000); // negative: more sats
        assertThat(Amounts.marketQuoteSats(100, price, 100)).isZero();
        assertThatThrownBy(() -> Amounts.marketQuoteSats(1, BigDecimal.ZERO, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Amounts.creationQuoteSats(1, new BigDecimal("-1"))).isInstanceOf(InvalidInputException.class);
    }

    /** Documented divergences between the daemon's binary64 and exact decimals; we reproduce the daemon. */
    @Test
    void binary64DivergencesFollowTheDaemon() {
        BigDecimal price = new BigDecimal("100000000");
        assertThat(Amounts.marketQuoteSats(3, price, 0)).isEqualTo(2);       // 2.9999999999999996 in f64
        assertThat(Amounts.marketQuoteSatsExact(3, price, 0)).isEqualTo(3);
        assertThat(Amounts.creationQuoteSats(29, price)).isEqualTo(28);      // 28.999999999999996
        assertThat(Fees.perPartyFee(3000, new BigDecimal("0.009"))).isEqualTo(13);     // 13.499999999999998
        assertThat(Fees.perPartyFeeExact(3000, new BigDecimal("0.009"))).isEqualTo(14); // 13.5 → 14
        // routing budget: 0.29 is not exact in binary: 100 000 × 0.0029 = 289.99999999999994 → 289
        assertThat(Fees.routingFeeBudget(100_000, new BigDecimal("0.0029"))).isEqualTo((long) (100_000 * 0.0029));
    }

    @Test
    void perPartyFeeRoundsHalfAwayFromZero() {
        assertThat(Fees.perPartyFee(1000, new BigDecimal("0.001"))).isEqualTo(1);  // 0.5 → 1
        assertThat(Fees.perPartyFee(3000, new BigDecimal("0.001"))).isEqualTo(2);  // 1.5 → 2
        assertThat(Fees.perPartyFee(999, new BigDecimal("0.001"))).isEqualTo(0);   // 0.4995 → 0
        assertThat(Fees.perPartyFee(123_456, BigDecimal.ZERO)).isZero();
        assertThat(Fees.roundHalfAwayFromZero(-2.5)).isEqualTo(-3);
        assertThat(Fees.roundHalfAwayFromZero(2.5)).isEqualTo(3);
        assertThat(Fees.roundHalfAwayFromZero(0.49999999999999994)).isZero(); // where floor(x + 0.5) errs
        assertThat(Fees.roundHalfAwayFromZero(Double.NaN)).isZero();
        assertThat(Fees.roundHalfAwayFromZero(1e300)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Fees.perPartyFee(1, new BigDecimal("-0.1"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void devFee() {
        assertThat(Fees.devFee(168, new BigDecimal("0.30"))).isEqualTo(101);
        assertThat(Fees.devFee(168, new BigDecimal("0.10"))).isEqualTo(34); // 33.6
        assertThat(Fees.devFee(168, BigDecimal.ONE)).isEqualTo(336);
        assertThat(Fees.devFee(5, new BigDecimal("0.25"))).isEqualTo(3);    // 2.5 → 3
        assertThat(Fees.devFee(0, new BigDecimal("0.30"))).isZero();
    }

    @Test
    void routingFeeBudget() {
        BigDecimal max = Fees.DEFAULT_MAX_ROUTING_FEE;
        assertThat(Fees.routingFeeBudget(30, max)).isEqualTo(10);
        assertThat(Fees.routingFeeBudget(1000, max)).isEqualTo(10);
        assertThat(Fees.routingFeeBudget(1001, max)).isEqualTo(2);     // 2.002
        assertThat(Fees.routingFeeBudget(55_908, max)).isEqualTo(111); // 111.816
        assertThat(Fees.routingFeeBudget(1_000_000, max)).isEqualTo(2000);
        assertThat(Fees.routingFeeBudget(0, max)).isEqualTo(10);
    }

    @Test
    void creationLimits() {
        assertThat(Amounts.checkCreationLimits(100, 100, 1_000_000)).isEmpty();
        assertThat(Amounts.checkCreationLimits(1_000_000, 100, 1_000_000)).isEmpty();
        assertThat(Amounts.checkCreationLimits(99, 100, 1_000_000)).hasValue(CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
        assertThat(Amounts.checkCreationLimits(1_000_001, 100, 1_000_000)).hasValue(CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
        assertThat(Amounts.checkCreationLimits(-1, 100, 1_000_000)).hasValue(CantDoReason.INVALID_AMOUNT);
        // range order: both bounds are quoted without premium
        BigDecimal price = new BigDecimal("84706.4");
        long lo = Amounts.creationQuoteSats(10, price);
        long hi = Amounts.creationQuoteSats(1000, price);
        assertThat(lo).isEqualTo(11_805);
        assertThat(hi).isEqualTo(1_180_548);
        assertThat(Amounts.checkCreationLimits(lo, 100, 1_000_000)).isEmpty();
        assertThat(Amounts.checkCreationLimits(hi, 100, 1_000_000)).hasValue(CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
    }

    /** Seeded random trades: invariants of the fee split, and agreement with exact decimals within one sat. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void feeInvariants(long seed) {
        Random rnd = new Random(seed);
        for (int k = 0; k < 2000; k++) {
            long amt = 1 + rnd.nextLong(2_100_000_000_000_000L);
            if (rnd.nextBoolean()) {
                amt = 1 + rnd.nextInt(10_000_000);
            }
            BigDecimal fee = BigDecimal.valueOf(rnd.nextInt(10_001), 4 + rnd.nextInt(3)); // 0 .. 1
            TradeAmounts t = TradeAmounts.of(amt, fee);
            assertThat(t.fee()).isNotNegative();
            assertThat(t.fee()).isLessThanOrEqualTo(amt);                    // fee fraction ≤ 1 → half ≤ amt/2 (+rounding)
            assertThat(t.buyerPayout()).isNotNegative();
            assertThat(t.holdInvoiceAmount() - t.buyerPayout()).isEqualTo(2 * t.fee()); // symmetric: seller and buyer pay the same
            assertThat(t.holdInvoiceAmount() - amt).isEqualTo(amt - t.buyerPayout());
            assertThat(t.buyerPayout() + t.mostroEarnings()).isEqualTo(t.holdInvoiceAmount() - t.fee() + t.fee());
            assertThat(t.holdInvoiceAmount()).isEqualTo(t.buyerPayout() + t.mostroEarnings()); // money conserved
            long exact = Fees.perPartyFeeExact(amt, fee);
            assertThat(Math.abs(t.fee() - exact)).as("amt %d fee %s", amt, fee).isLessThanOrEqualTo(amt > 1L << 52 ? 1024 : 1);
            if (amt < 1L << 40) {
                // outside exact half-integers, binary64 and decimals agree
                BigDecimal x = fee.multiply(BigDecimal.valueOf(amt)).divide(BigDecimal.valueOf(2));
                BigDecimal frac = x.subtract(new BigDecimal(x.toBigInteger())).abs();
                if (frac.subtract(new BigDecimal("0.5")).abs().compareTo(new BigDecimal("0.000001")) > 0) {
                    assertThat(t.fee()).as("amt %d fee %s", amt, fee).isEqualTo(exact);
                }
            }
            long dev = t.devFee(BigDecimal.valueOf(10 + rnd.nextInt(91), 2));
            assertThat(dev).isBetween(0L, t.mostroEarnings());
            long payout = t.buyerPayout();
            long budget = Fees.routingFeeBudget(payout, Fees.DEFAULT_MAX_ROUTING_FEE);
            assertThat(budget).isNotNegative();
            if (payout <= 1000) {
                assertThat(budget).isEqualTo(10);
            } else {
                assertThat(budget).isLessThanOrEqualTo(payout / 500 + 1);
            }
        }
    }

    /** Seeded random market quotes: never negative for non-negative inputs, within one sat of exact decimals. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void quoteProperties(long seed) {
        Random rnd = new Random(seed);
        int diverged = 0;
        for (int k = 0; k < 5000; k++) {
            long fiat = 1 + rnd.nextInt(1_000_000);
            BigDecimal price = BigDecimal.valueOf(1 + rnd.nextLong(200_000_000_00L), rnd.nextInt(3));
            long premium = rnd.nextInt(201) - 100;
            long q = Amounts.marketQuoteSats(fiat, price, premium);
            long exact = Amounts.marketQuoteSatsExact(fiat, price, premium);
            assertThat(q).isNotNegative();
            assertThat(Math.abs(q - exact)).as("fiat %d price %s premium %d", fiat, price, premium).isLessThanOrEqualTo(1);
            if (q != exact) {
                diverged++;
                // only where the exact value is (nearly) an integer
                BigDecimal e = BigDecimal.valueOf(fiat).multiply(BigDecimal.valueOf(100_000_000L))
                        .multiply(BigDecimal.valueOf(100 - premium))
                        .divide(price.multiply(BigDecimal.valueOf(100)), 30, RoundingMode.HALF_EVEN);
                BigDecimal distance = e.subtract(new BigDecimal(e.setScale(0, RoundingMode.HALF_EVEN).toBigInteger())).abs();
                assertThat(distance.compareTo(e.abs().multiply(new BigDecimal("1e-12")).add(new BigDecimal("1e-9"))))
                        .as("diverged far from an integer: %s", e).isLessThanOrEqualTo(0);
            }
            // premium monotonic: a higher premium never gives more sats
            assertThat(Amounts.marketQuoteSats(fiat, price, premium + 1)).isLessThanOrEqualTo(q);
            // creation quote is the zero-premium quote
            assertThat(Amounts.creationQuoteSats(fiat, price)).isEqualTo(Amounts.marketQuoteSats(fiat, price, 0));
        }
        assertThat(diverged).isLessThan(50);
    }
}
