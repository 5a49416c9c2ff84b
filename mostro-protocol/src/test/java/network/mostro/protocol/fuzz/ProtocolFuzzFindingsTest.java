package network.mostro.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import network.mostro.nostr.Tag;
import network.mostro.protocol.event.EventParseException;
import network.mostro.protocol.event.ExchangeRatesEvent;
import org.junit.jupiter.api.Test;

/**
 * Readable regression tests for what fuzzing the protocol module found; each also stays in its target's corpus as
 * a named input. See {@code docs/fuzzing.md}, section "Protocol targets".
 */
class ProtocolFuzzFindingsTest {

    /**
     * {@code EventParseFuzzTestInputs/parse/exchange-rates-rate-beyond-f64-range}: a rate of {@code 1e400} was read
     * as a BigDecimal, and {@code content()} then wrote it as {@code null}, which the same reader rejects: the
     * event did not survive its own build. The daemon's rates are f64 and serde_json refuses such a number, so the
     * reader must refuse it too.
     */
    @Test
    void exchangeRatesRejectsRateBeyondF64Range() {
        List<Tag> tags = List.of(Tag.of("d", "mostro-rates"));
        assertThatThrownBy(() -> ExchangeRatesEvent.fromTagsAndContent(tags, "{\"BTC\":{\"USD\":1e400}}"))
                .isInstanceOf(EventParseException.class);
        assertThatThrownBy(() -> ExchangeRatesEvent.fromTagsAndContent(tags, "{\"BTC\":{\"USD\":-1e309}}"))
                .isInstanceOf(EventParseException.class);
    }
}
