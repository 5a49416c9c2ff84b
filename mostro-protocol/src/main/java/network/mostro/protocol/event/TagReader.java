package network.mostro.protocol.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.Tag;
import network.mostro.protocol.internal.RustDisplay;

/** Splits tags into the first occurrence of each known name and the rest; typed getters. Package-private. */
final class TagReader {
    private final Map<String, Tag> known = new HashMap<>();
    private final List<Tag> unknown = new ArrayList<>();

    TagReader(List<Tag> tags, Set<String> knownNames) {
        if (tags == null) {
            throw new EventParseException("tags", "tags are required");
        }
        for (Tag t : tags) {
            if (t == null) {
                throw new EventParseException("tags", "null tag");
            }
            if (knownNames.contains(t.name()) && !known.containsKey(t.name())) {
                known.put(t.name(), t);
            } else {
                unknown.add(t);
            }
        }
    }

    static void checkKind(Event event, int kind) {
        if (event == null) {
            throw new EventParseException("kind", "event is required");
        }
        if (event.kind() != kind) {
            throw new EventParseException("kind", "expected kind " + kind + ", got " + event.kind());
        }
    }

    List<Tag> unknown() {
        return List.copyOf(unknown);
    }

    Tag tag(String name) {
        return known.get(name);
    }

    boolean has(String name) {
        return known.containsKey(name);
    }

    String required(String name) {
        String v = optional(name);
        if (v == null) {
            throw new EventParseException(name, "required tag missing");
        }
        return v;
    }

    String optional(String name) {
        Tag t = known.get(name);
        if (t == null) {
            return null;
        }
        if (t.size() < 2) {
            throw new EventParseException(name, "tag has no value");
        }
        return t.value();
    }

    long requiredLong(String name) {
        return toLong(name, required(name));
    }

    Long optionalLong(String name) {
        String v = optional(name);
        return v == null ? null : toLong(name, v);
    }

    Long optionalNonNegative(String name) {
        Long v = optionalLong(name);
        if (v != null && v < 0) {
            throw new EventParseException(name, "must not be negative");
        }
        return v;
    }

    Integer optionalDifficulty(String name) {
        Long v = optionalLong(name);
        if (v == null) {
            return null;
        }
        if (v < 0 || v > 256) {
            throw new EventParseException(name, "difficulty must be between 0 and 256");
        }
        return v.intValue();
    }

    Double optionalF64(String name) {
        String v = optional(name);
        if (v == null) {
            return null;
        }
        Double d = RustDisplay.parseF64(v);
        if (d == null) {
            throw new EventParseException(name, "not a decimal number");
        }
        return d;
    }

    double requiredF64(String name) {
        required(name);
        return optionalF64(name);
    }

    Boolean optionalBool(String name) {
        String v = optional(name);
        if (v == null) {
            return null;
        }
        Boolean b = RustDisplay.parseBool(v);
        if (b == null) {
            throw new EventParseException(name, "must be true or false");
        }
        return b;
    }

    static long toLong(String name, String v) {
        Long l = RustDisplay.parseI64(v);
        if (l == null) {
            throw new EventParseException(name, "not an integer");
        }
        return l;
    }

    /** Splits a comma-joined value exactly ("" → empty list, empty parts kept) so that joining restores it. */
    static List<String> splitExact(String v) {
        if (v == null) {
            return null;
        }
        if (v.isEmpty()) {
            return List.of();
        }
        return List.of(v.split(",", -1));
    }

    static Platform platform(TagReader r) {
        Tag y = r.tag("y");
        if (y == null) {
            return null;
        }
        if (y.size() < 2) {
            throw new EventParseException("y", "tag has no value");
        }
        return new Platform(y.get(1), y.get(2));
    }

    static void addIfPresent(List<Tag> out, String name, String value) {
        if (value != null) {
            out.add(Tag.of(name, value));
        }
    }

    static void addIfPresent(List<Tag> out, String name, Long value) {
        if (value != null) {
            out.add(Tag.of(name, RustDisplay.i64(value)));
        }
    }

    static void addIfPresent(List<Tag> out, String name, Integer value) {
        if (value != null) {
            out.add(Tag.of(name, RustDisplay.i64(value)));
        }
    }

    static void addIfPresent(List<Tag> out, String name, Double value) {
        if (value != null) {
            out.add(Tag.of(name, RustDisplay.f64(value)));
        }
    }

    static void addIfPresent(List<Tag> out, String name, Boolean value) {
        if (value != null) {
            out.add(Tag.of(name, RustDisplay.bool(value)));
        }
    }

    static void addIfPresent(List<Tag> out, Platform p) {
        if (p != null) {
            out.add(p.toTag());
        }
    }
}
