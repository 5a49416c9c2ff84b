package network.mostro.protocol;

import java.util.List;
import java.util.Objects;

/** Argument checks shared by the records of this package (programmer errors, not wire errors). */
final class Checks {
    static final long U32_MAX = 0xFFFF_FFFFL;

    private Checks() {}

    /** Non-null and well-formed UTF-16 (no unpaired surrogate, which could not be sent as UTF-8). */
    static String text(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException(name + " contains an unpaired UTF-16 surrogate");
        }
        return value;
    }

    /** Like {@link #text} but null is allowed. */
    static String optionalText(String value, String name) {
        return value == null ? null : text(value, name);
    }

    static boolean isWellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static long u32(long value, String name) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(name + " must be between 0 and 4294967295 (u32), got " + value);
        }
        return value;
    }

    static int u8(int value, String name) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(name + " must be between 0 and 255 (u8), got " + value);
        }
        return value;
    }

    static <T> List<T> list(List<T> value, String name) {
        Objects.requireNonNull(value, name);
        List<T> copy = List.copyOf(value); // rejects null elements
        return copy;
    }
}
