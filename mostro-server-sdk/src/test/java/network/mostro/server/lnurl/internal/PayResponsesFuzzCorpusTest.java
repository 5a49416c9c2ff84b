package network.mostro.server.lnurl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every stored fuzz input is accepted if its name starts with {@code ok-}, rejected (typed) otherwise. */
class PayResponsesFuzzCorpusTest {

    static Stream<Arguments> inputs() throws IOException, URISyntaxException {
        Path root = Path.of(PayResponsesFuzzCorpusTest.class.getResource("PayResponsesFuzzTestInputs").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
            assertThat(list).hasSizeGreaterThan(10);
            return list.stream().map(p -> Arguments.of(p.getParent().getFileName().toString(), p.getFileName().toString(), p));
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("inputs")
    void storedInputHasTheOutcomeItsNameSays(String method, String name, Path file) throws IOException {
        Predicate<byte[]> target = switch (method) {
            case "payRequest" -> PayResponsesFuzzTest::acceptsPayRequest;
            case "invoiceResponse" -> PayResponsesFuzzTest::acceptsInvoiceResponse;
            default -> throw new AssertionError("unknown target " + method);
        };
        assertThat(target.test(Files.readAllBytes(file))).isEqualTo(name.startsWith("ok-"));
    }
}
