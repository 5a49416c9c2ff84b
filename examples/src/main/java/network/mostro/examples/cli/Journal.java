package network.mostro.examples.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI's message log in the data dir ({@code messages.jsonl}): every trade event an invocation processed, one JSON
 * object a line, so {@code getdm} can show messages that an earlier invocation received. The client SDK marks events
 * processed and does not deliver them twice, so this log is the only record of them. Thread-safe (synchronized).
 */
final class Journal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    Journal(Path file) {
        this.file = file;
    }

    /** Appends {@code entry} with the time {@code at} (Unix seconds) and the order id. */
    synchronized void append(long at, String orderId, Map<String, Object> entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at);
        m.put("order", orderId);
        m.putAll(entry);
        try {
            Files.writeString(file, JSON.writeValueAsString(m) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The entries at or after {@code since} (Unix seconds), optionally of one order, oldest first. */
    synchronized List<Map<String, Object>> read(long since, String orderId) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> m;
            try {
                m = JSON.readValue(line, new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                continue; // a torn last line after a crash: skip it
            }
            Object at = m.get("at");
            if (!(at instanceof Number n) || n.longValue() < since) {
                continue;
            }
            if (orderId != null && !orderId.equals(m.get("order"))) {
                continue;
            }
            out.add(m);
        }
        return out;
    }
}
