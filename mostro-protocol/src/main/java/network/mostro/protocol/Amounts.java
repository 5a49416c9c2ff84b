package network.mostro.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;
import network.mostro.nostr.InvalidInputException;

/**
 * Pricing of orders in satoshis (SPEC §9.1): the market quote at take time, the creation-time quote and its
 * limit check. Money is {@code long} satoshis; prices and fractions are {@link BigDecimal} in the API.
 *
 * <h2>Exact decimals versus the daemon's f64</h2>
 * mostrod computes with IEEE-754 binary64 ({@code f64}): {@code sats = (fiat as f64 / price) * 1e8}, then
 * {@code sats -= (premium as f64 / 100.0) * sats}, then {@code sats as i64} (truncation toward zero). An
 * exact decimal computation gives the same result except when the exact value is an integer, or lies within
 * about 1e-12 relative of one, and the binary rounding falls on the other side. Example: 3 fiat units at a
 * price of 100 000 000 per BTC is exactly 3 sats, but {@code 3.0 / 1e8 * 1e8 = 2.9999999999999996} in f64,
 * so the daemon quotes <b>2</b>. Because a client and a node must agree with mostrod to the satoshi (the
 * buyer's invoice must equal {@code amt − fee} exactly), {@link #marketQuoteSats} and
 * {@link #creationQuoteSats} reproduce the daemon bit for bit: the {@code BigDecimal} inputs are converted to
 * the nearest double (as serde/TOML parse them) and the same binary64 operations are applied, which Java
 * evaluates exactly as Rust does (IEEE-754 round-to-nearest, no fused multiply-add). {@link
 * #marketQuoteSatsExact} gives the exact-decimal answer for comparison; it differs by at most one satoshi.
 *
 * <p>Stateless and thread-safe.
 */
public final class Amounts {
    private static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);

    private Amounts() {}

    /**
     * The satoshi amount of a market-priced order at take time, as mostrod's {@code get_market_quote}
     * computes it: {@code trunc((fiat / price × 1e8) − (premium / 100) × (fiat / price × 1e8))} in binary64.
     * A positive premium gives fewer sats for the same fiat.
     *
     * @param fiatAmount the fiat amount (whole units, as in {@code SmallOrder.fiat_amount})
     * @param price fiat units per BTC (from the node's price cache); must be positive
     * @param premium the order premium in percent (any sign)
     * @throws InvalidInputException if price is not positive
     */
    public static long marketQuoteSats(long fiatAmount, BigDecimal price, long premium) {
        double p = toDouble(requirePositive(price, "price"));
        double sats = ((double) fiatAmount / p) * 100_000_000.0;
        if (premium != 0) {
            sats -= ((double) premium / 100.0) * sats;
        }
        return (long) sats; // Rust `as i64`: toward zero, saturating, NaN → 0 — identical to Java's cast
    }

    /**
     * The exact-decimal counterpart of {@link #marketQuoteSats}: {@code trunc(fiat × 1e8 × (100 − premium) /
     * (100 × price))} with no binary rounding. For comparison and diagnostics only; the daemon's figure is
     * {@link #marketQuoteSats}.
     *
     * @throws InvalidInputException if price is not positive
     */
    public static long marketQuoteSatsExact(long fiatAmount, BigDecimal price, long premium) {
        requirePositive(price, "price");
        BigDecimal numerator = BigDecimal.valueOf(fiatAmount).multiply(SATS_PER_BTC)
                .multiply(BigDecimal.valueOf(100).subtract(BigDecimal.valueOf(premium)));
        BigDecimal denominator = price.multiply(BigDecimal.valueOf(100));
        return saturate(numerator.divide(denominator, 0, RoundingMode.DOWN).toBigInteger());
    }

    /**
     * The quote checked at order creation (SPEC §9.1): {@code trunc(fiat / price × 1e8)} in binary64,
     * <b>without</b> premium, as mostrod's {@code calculate_and_check_quote}. For a fixed-price order the
     * quote is simply its {@code amount}.
     *
     * @throws InvalidInputException if price is not positive
     */
    public static long creationQuoteSats(long fiatAmount, BigDecimal price) {
        double p = toDouble(requirePositive(price, "price"));
        double quote = (double) fiatAmount / p;
        return (long) (quote * 1e8);
    }

    /**
     * The creation-time limit check: a negative quote is {@link CantDoReason#INVALID_AMOUNT}; a quote outside
     * {@code [minPaymentAmount, maxOrderAmount]} is {@link CantDoReason#OUT_OF_RANGE_SATS_AMOUNT}. Not repeated
     * at take time. For a range order check the quote of both bounds.
     *
     * @return empty when the quote is acceptable
     */
    public static Optional<CantDoReason> checkCreationLimits(long quoteSats, long minPaymentAmount, long maxOrderAmount) {
        if (quoteSats < 0) {
            return Optional.of(CantDoReason.INVALID_AMOUNT);
        }
        if (quoteSats > maxOrderAmount || quoteSats < minPaymentAmount) {
            return Optional.of(CantDoReason.OUT_OF_RANGE_SATS_AMOUNT);
        }
        return Optional.empty();
    }

    /** Nearest binary64 of a decimal, correctly rounded (as Rust's and serde's float parsing). */
    static double toDouble(BigDecimal d) {
        return Double.parseDouble(d.toString());
    }

    static BigDecimal requirePositive(BigDecimal d, String what) {
        if (d == null || d.signum() <= 0) {
            throw new InvalidInputException(what + " must be positive");
        }
        return d;
    }

    static BigDecimal requireNonNegative(BigDecimal d, String what) {
        if (d == null || d.signum() < 0) {
            throw new InvalidInputException(what + " must not be negative");
        }
        return d;
    }

    static long saturate(BigInteger v) {
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        return v.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
}
