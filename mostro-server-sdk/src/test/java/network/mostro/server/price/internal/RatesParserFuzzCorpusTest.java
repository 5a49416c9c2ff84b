package network.mostro.server.price.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every stored fuzz input is accepted if its name starts with {@code ok-}, rejected (typed) otherwise. */
class RatesParserFuzzCorpusTest {

    static Stream<Arguments> inputs() throws IOException, URISyntaxException {
        Path root = Path.of(RatesParserFuzzCorpusTest.class.getResource("RatesParserFuzzTestInputs").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
            assertThat(list).hasSizeGreaterThan(10);
            return list.stream().map(p -> Arguments.of(p.getParent().getFileName().toString(), p.getFileName().toString(), p));
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("inputs")
    void storedInputHasTheOutcomeItsNameSays(String method, String name, Path file) throws IOException {
        byte[] input = Files.readAllBytes(file);
        boolean accepted = switch (method) {
            case "yadio" -> RatesParserFuzzTest.accepts(input, RatesParser::yadio);
            case "coinGecko" -> RatesParserFuzzTest.accepts(input, RatesParser::coinGecko);
            default -> throw new AssertionError("unknown target " + method);
        };
        assertThat(accepted).isEqualTo(name.startsWith("ok-"));
    }
}
