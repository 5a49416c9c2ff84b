package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Loads JSON vector files from {@code src/test/resources/vectors}. */
final class TestVectors {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TestVectors() {}

    static JsonNode load(String name) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as(name).isNotNull();
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of an array node, asserting that there are exactly {@code expected} of them. */
    static List<JsonNode> array(JsonNode node, int expected) {
        assertThat(node.isArray()).as("array node").isTrue();
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        assertThat(out).hasSize(expected);
        return out;
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
