package network.mostro.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The message mix of the protocol benchmarks: every decodable message example of the protocol book and the
 * mostro-core tests plus the Mostro signing and v2 transport vector messages (79 messages, 209 bytes on average),
 * compact JSON, one per line in {@code protocol-messages.jsonl}. Stateless and thread-safe.
 */
final class ProtocolMessages {
    private ProtocolMessages() {}

    static List<String> all() {
        try (InputStream in = ProtocolMessages.class.getResourceAsStream("protocol-messages.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("protocol-messages.jsonl is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
