package network.mostro.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the protocol fuzz corpora honest: every seed or regression input named {@code ok-*} must be accepted by
 * its target (so the invariants after a successful parse really run in regression mode), every other file must be
 * rejected with a typed exception. The fuzz tests replay the same files and check only that nothing untyped
 * escapes; this test pins each file's outcome. Same convention as mostro-nostr's; see {@code docs/fuzzing.md}.
 */
class FuzzCorpusTest {
    private static final Map<String, Predicate<byte[]>> TARGETS = targets();

    private static Map<String, Predicate<byte[]>> targets() {
        Map<String, Predicate<byte[]>> m = new LinkedHashMap<>();
        m.put("MessageCodecFuzzTestInputs/decode", MessageCodecFuzzTest::accepts);
        m.put("Bolt11FuzzTestInputs/decode", Bolt11FuzzTest::accepts);
        m.put("TransportFuzzTestInputs/unwrap", TransportFuzzTest::accepts);
        m.put("EventParseFuzzTestInputs/parse", EventParseFuzzTest::accepts);
        return m;
    }

    static Stream<Arguments> inputs() throws IOException, URISyntaxException {
        List<Arguments> all = new ArrayList<>();
        for (String dir : TARGETS.keySet()) {
            URL url = FuzzCorpusTest.class.getResource(dir);
            assertThat(url).as("corpus directory " + dir).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
                assertThat(list).as("seeds in " + dir).isNotEmpty();
                assertThat(list).as("accepted seeds in " + dir)
                        .anyMatch(p -> p.getFileName().toString().startsWith("ok-"));
                assertThat(list).as("rejected seeds in " + dir)
                        .anyMatch(p -> !p.getFileName().toString().startsWith("ok-"));
                for (Path p : list) {
                    all.add(Arguments.of(dir + "/" + p.getFileName(), p));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void seedHasItsNamedOutcome(String name, Path file) throws IOException {
        String dir = name.substring(0, name.lastIndexOf('/'));
        boolean accepted = TARGETS.get(dir).test(Files.readAllBytes(file));
        assertThat(accepted).as(name).isEqualTo(file.getFileName().toString().startsWith("ok-"));
    }
}
