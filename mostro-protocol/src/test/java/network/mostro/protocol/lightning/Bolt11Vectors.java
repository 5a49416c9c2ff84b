package network.mostro.protocol.lightning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads {@code vectors/bolt11-examples.txt}: {@code [name]} sections of {@code key = value} lines. */
final class Bolt11Vectors {
    record Vector(String name, Map<String, String> values) {
        String get(String key) {
            return values.get(key);
        }

        boolean invalid() {
            return name.startsWith("invalid.");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String PRIVATE_KEY = "e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734";
    static final String NODE_ID = "03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad";

    private Bolt11Vectors() {}

    static List<Vector> all() {
        try (InputStream in = Bolt11Vectors.class.getResourceAsStream("/vectors/bolt11-examples.txt")) {
            if (in == null) {
                throw new IllegalStateException("bolt11-examples.txt missing");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Vector> out = new ArrayList<>();
            String name = null;
            Map<String, String> values = null;
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    if (name != null) {
                        out.add(new Vector(name, values));
                    }
                    name = line.substring(1, line.indexOf(']'));
                    values = new LinkedHashMap<>();
                    continue;
                }
                int eq = line.indexOf(" =");
                String key = line.substring(0, eq).trim();
                String value = line.substring(eq + 2).trim();
                values.put(key, value);
            }
            if (name != null) {
                out.add(new Vector(name, values));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Vector> valid() {
        return all().stream().filter(v -> !v.invalid()).toList();
    }

    static List<Vector> invalid() {
        return all().stream().filter(Vector::invalid).toList();
    }
}
