package network.mostro.nostr;

import java.util.List;
import java.util.Objects;

/**
 * One event tag: a non-empty list of strings whose first element is the tag name ({@code ["p", "<hex>"]}).
 * Immutable and thread-safe.
 *
 * @param values the tag's elements, name first; copied, never empty, no nulls
 */
public record Tag(List<String> values) {
    public Tag {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new InvalidInputException("a tag needs at least its name");
        }
    }

    /** {@code Tag.of("p", hex)}. */
    public static Tag of(String name, String... rest) {
        Objects.requireNonNull(name, "name");
        String[] all = new String[rest.length + 1];
        all[0] = name;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return new Tag(List.of(all));
    }

    /** The first element. */
    public String name() {
        return values.get(0);
    }

    /** The second element, or null when the tag has only a name. */
    public String value() {
        return values.size() > 1 ? values.get(1) : null;
    }

    /** Element {@code i}, or null when absent. */
    public String get(int i) {
        return i < values.size() ? values.get(i) : null;
    }

    public int size() {
        return values.size();
    }
}
