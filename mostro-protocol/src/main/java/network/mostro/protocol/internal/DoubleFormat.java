package network.mostro.protocol.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a finite double exactly as serde_json does (it uses the {@code ryu} crate): the shortest decimal that
 * reads back as the same double, printed as {@code 5.0}, {@code 0.001}, {@code 1e16}, {@code 1.5e-7},
 * {@code 1.2345e20}. JDK 17's {@link Double#toString(double)} is neither shortest in every case nor laid out the same
 * way, so it is not used. Thread-safe (stateless).
 */
public final class DoubleFormat {
    private DoubleFormat() {}

    /**
     * @throws IllegalArgumentException for NaN or infinities (serde_json writes {@code null} for them; the model
     *     never holds them)
     */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not finite: " + v);
        }
        StringBuilder out = new StringBuilder(24);
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            out.append('-');
            v = -v;
        }
        if (v == 0) {
            return out.append("0.0").toString();
        }
        // Shortest digits: the first precision whose correctly rounded decimal reads back as v. Rounding the exact
        // binary value half-even gives the nearest decimal of that length, which is the one ryu picks.
        BigDecimal exact = new BigDecimal(v);
        BigDecimal shortest = null;
        for (int prec = 1; prec <= 17 && shortest == null; prec++) {
            BigDecimal r = exact.round(new MathContext(prec, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                shortest = r;
            } else {
                // Just above a power of two the interval below v is half as wide, so the nearest decimal of this
                // length can miss while the one on the other side still reads back as v.
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.CEILING, RoundingMode.FLOOR}) {
                    BigDecimal other = exact.round(new MathContext(prec, mode));
                    if (shortest == null && other.doubleValue() == v) {
                        shortest = other;
                    }
                }
            }
        }
        if (shortest == null) {
            throw new AssertionError("17 digits always round-trip");
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int length = digits.length();
        int k = -shortest.scale(); // v = digits * 10^k
        int kk = length + k; // position of the decimal point relative to the digits
        if (k >= 0 && kk <= 16) {
            out.append(digits);
            for (int i = 0; i < k; i++) {
                out.append('0');
            }
            out.append(".0");
        } else if (kk > 0 && kk <= 16) {
            out.append(digits, 0, kk).append('.').append(digits, kk, length);
        } else if (kk > -5 && kk <= 0) {
            out.append("0.");
            for (int i = 0; i < -kk; i++) {
                out.append('0');
            }
            out.append(digits);
        } else if (length == 1) {
            out.append(digits).append('e').append(kk - 1);
        } else {
            out.append(digits.charAt(0)).append('.').append(digits, 1, length).append('e').append(kk - 1);
        }
        return out.toString();
    }
}
