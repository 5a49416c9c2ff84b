package network.mostro.protocol.internal;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Formats and parses numbers the way Rust's {@code Display}/{@code FromStr} do for the values the daemon writes into
 * event tags (SPEC §12: "Numbers inside tags are formatted with Rust Display"): integers in plain decimal, booleans as
 * {@code true}/{@code false}, and {@code f64} as the shortest decimal that reads back as the same double, never in
 * exponent form and without a trailing {@code .0} ({@code 0.006}, {@code 5}, {@code 2.5}, {@code 0.0000001},
 * {@code 100000000000000000000}, {@code -0}). Stateless and thread-safe.
 */
public final class RustDisplay {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private RustDisplay() {}

    /**
     * Rust {@code format!("{}", v)} for a finite {@code f64}.
     *
     * @throws IllegalArgumentException for NaN or an infinity (the daemon never writes them into tags)
     */
    public static String f64(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not finite: " + v);
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        // DoubleFormat yields the shortest round-trip digits (ryu, as serde_json); Display prints the same digits
        // in plain positional notation.
        BigDecimal shortest = new BigDecimal(DoubleFormat.format(v)).stripTrailingZeros();
        return shortest.toPlainString();
    }

    /** Rust {@code Display} of a signed integer. */
    public static String i64(long v) {
        return Long.toString(v);
    }

    /** Rust {@code Display} of a {@code bool}. */
    public static String bool(boolean v) {
        return v ? "true" : "false";
    }

    /**
     * Parses an {@code f64} as Rust's {@code str::parse::<f64>} would for finite decimal text ({@code 5},
     * {@code 0.006}, {@code 1e-3}, {@code .5}). Returns null for anything else (including {@code inf} and
     * {@code NaN}, which no Mostro tag carries) and for values that overflow to infinity.
     */
    public static Double parseF64(String s) {
        if (s == null || s.length() > 400 || !DECIMAL.matcher(s).matches()) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
        return Double.isFinite(d) ? d : null;
    }

    /** Parses a decimal integer in the range of {@code i64}; null when not an integer or out of range. */
    public static Long parseI64(String s) {
        if (s == null || s.length() > 21 || !INTEGER.matcher(s).matches()) {
            return null;
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses exactly {@code true} or {@code false} (Rust's {@code bool::from_str}); null otherwise. */
    public static Boolean parseBool(String s) {
        if ("true".equals(s)) {
            return Boolean.TRUE;
        }
        if ("false".equals(s)) {
            return Boolean.FALSE;
        }
        return null;
    }
}
