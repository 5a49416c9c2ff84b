package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the fuzz corpora honest: every seed or regression input named {@code ok-*} must be accepted by its
 * target (so the invariants behind the parse actually run in regression mode), and every other file must be
 * rejected with a typed exception. The fuzz tests themselves replay the same files and check only that nothing
 * untyped escapes; this test pins the outcome. See {@code docs/fuzzing.md}.
 */
class FuzzCorpusTest {
    private static final Map<String, Predicate<byte[]>> TARGETS = Map.of(
            "EventFuzzTestInputs/eventFromJson", EventFuzzTest::acceptsEvent,
            "EventFuzzTestInputs/unsignedEventFromJson", EventFuzzTest::acceptsUnsignedEvent,
            "Nip44FuzzTestInputs/decrypt", Nip44FuzzTest::accepts,
            "Nip59FuzzTestInputs/unwrap", Nip59FuzzTest::accepts,
            "Nip19FuzzTestInputs/bech32Decode", Nip19FuzzTest::acceptsBech32,
            "Nip19FuzzTestInputs/nip19Decode", Nip19FuzzTest::acceptsNip19);

    static Stream<Arguments> inputs() throws IOException, URISyntaxException {
        List<Arguments> all = new ArrayList<>();
        for (String dir : TARGETS.keySet().stream().sorted().toList()) {
            URL url = FuzzCorpusTest.class.getResource(dir);
            assertThat(url).as("corpus directory " + dir).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
                assertThat(list).as("seeds in " + dir).isNotEmpty();
                assertThat(list).as("accepted seeds in " + dir)
                        .anyMatch(p -> p.getFileName().toString().startsWith("ok-"));
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
