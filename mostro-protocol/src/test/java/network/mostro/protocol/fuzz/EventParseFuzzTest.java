package network.mostro.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import network.mostro.nostr.Event;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.event.DevFeeAuditEvent;
import network.mostro.protocol.event.DisputeEvent;
import network.mostro.protocol.event.ExchangeRatesEvent;
import network.mostro.protocol.event.InfoEvent;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.protocol.event.RatingEvent;
import network.mostro.protocol.event.RelayListEvent;

/**
 * Fuzzes the readers of the events a Mostro node publishes (SPEC §12): {@code OrderEvent}, {@code RatingEvent},
 * {@code InfoEvent}, {@code DisputeEvent}, {@code DevFeeAuditEvent}, {@code ExchangeRatesEvent},
 * {@code RelayListEvent}.
 *
 * <p>Input: an event JSON (UTF-8), as a client receives it from a relay. After {@link Event#fromJson} the event goes
 * to the reader for its kind ({@code parse(Event)}), and its tags go to <em>every</em> reader's {@code fromTags}
 * regardless of kind, so one input exercises all seven tag parsers.
 *
 * <p>Contract: only {@link NostrException} subclasses escape. For every reader that accepts: building the tags
 * back ({@code toTags}, in the daemon's order plus unknown tags) and reading them again gives an equal record whose
 * tags are identical (build is idempotent), and {@code toUnsignedEvent} yields an event of the reader's kind that
 * reads back equal. Exchange-rate content is compared after one normalisation (the daemon writes f64s).
 * Accepted = the reader for the event's own kind accepted it.
 */
class EventParseFuzzTest {
    private static final PublicKey NODE =
            PrivateKey.fromHex("c15d739894c81a2fcfd3a2df85a0d2c0dbc47a280d092799f144d73d7ae78add").publicKey();

    /** One published-event reader. */
    private record Reader<T>(int kind, Function<Event, T> parse, Function<List<Tag>, T> fromTags,
            Function<T, List<Tag>> toTags, Function<T, UnsignedEvent> toEvent) {
        boolean run(Event event) {
            boolean own = false;
            if (event.kind() == kind) {
                T parsed = tryRead(() -> parse.apply(event));
                if (parsed != null) {
                    assertThat(parsed).isEqualTo(fromTags.apply(event.tags()));
                    roundTrip(parsed);
                    own = true;
                }
            }
            T fromAnyKind = tryRead(() -> fromTags.apply(event.tags()));
            if (fromAnyKind != null) {
                roundTrip(fromAnyKind);
            }
            return own;
        }

        private void roundTrip(T parsed) {
            List<Tag> tags = toTags.apply(parsed);
            T again = fromTags.apply(tags);
            assertThat(again).isEqualTo(parsed);
            assertThat(toTags.apply(again)).isEqualTo(tags);
            UnsignedEvent built = toEvent.apply(parsed);
            assertThat(built.kind()).isEqualTo(kind);
            assertThat(built.tags()).isEqualTo(tags);
        }
    }

    private static final List<Reader<?>> READERS = List.of(
            new Reader<>(OrderEvent.KIND, OrderEvent::parse, OrderEvent::fromTags, OrderEvent::toTags,
                    e -> e.toUnsignedEvent(NODE, 1L)),
            new Reader<>(RatingEvent.KIND, RatingEvent::parse, RatingEvent::fromTags, RatingEvent::toTags,
                    e -> e.toUnsignedEvent(NODE, 1L)),
            new Reader<>(InfoEvent.KIND, InfoEvent::parse, InfoEvent::fromTags, InfoEvent::toTags,
                    e -> e.toUnsignedEvent(NODE, 1L)),
            new Reader<>(DisputeEvent.KIND, DisputeEvent::parse, DisputeEvent::fromTags, DisputeEvent::toTags,
                    e -> e.toUnsignedEvent(NODE, 1L)),
            new Reader<>(DevFeeAuditEvent.KIND, DevFeeAuditEvent::parse, DevFeeAuditEvent::fromTags,
                    DevFeeAuditEvent::toTags, e -> e.toUnsignedEvent(NODE, 1L)),
            new Reader<>(RelayListEvent.KIND, RelayListEvent::parse, RelayListEvent::fromTags, RelayListEvent::toTags,
                    e -> e.toUnsignedEvent(NODE, 1L)));

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        accepts(input);
    }

    /** Runs the target: true when the reader for the event's kind accepted it (and the invariants held). */
    static boolean accepts(byte[] input) {
        Event event;
        try {
            event = Event.fromJson(new String(input, StandardCharsets.UTF_8));
        } catch (NostrException expected) {
            return false;
        }
        boolean accepted = false;
        for (Reader<?> reader : READERS) {
            accepted |= reader.run(event);
        }
        accepted |= exchangeRates(event);
        if (event.kind() == InfoEvent.KIND) {
            try {
                InfoEvent.parse(event, event.pubkey());
            } catch (NostrException expected) {
                // d is not the author
            }
        }
        return accepted;
    }

    private static boolean exchangeRates(Event event) {
        boolean own = false;
        if (event.kind() == ExchangeRatesEvent.KIND) {
            ExchangeRatesEvent parsed = tryRead(() -> ExchangeRatesEvent.parse(event));
            if (parsed != null) {
                checkRates(parsed);
                own = true;
            }
        }
        ExchangeRatesEvent fromAnyKind = tryRead(() -> ExchangeRatesEvent.fromTagsAndContent(event.tags(), event.content()));
        if (fromAnyKind != null) {
            checkRates(fromAnyKind);
        }
        return own;
    }

    /** The reader's result, or null when it refused with a typed exception (anything else propagates). */
    private static <T> T tryRead(Supplier<T> read) {
        try {
            return read.get();
        } catch (NostrException expected) {
            return null;
        }
    }

    private static void checkRates(ExchangeRatesEvent parsed) {
        UnsignedEvent built = parsed.toUnsignedEvent(NODE, 1L);
        assertThat(built.kind()).isEqualTo(ExchangeRatesEvent.KIND);
        assertThat(built.tags()).isEqualTo(parsed.toTags());
        ExchangeRatesEvent normal = ExchangeRatesEvent.fromTagsAndContent(built.tags(), built.content());
        assertThat(normal.toTags()).isEqualTo(parsed.toTags());
        assertThat(normal.rates().keySet()).isEqualTo(parsed.rates().keySet());
        ExchangeRatesEvent again = ExchangeRatesEvent.fromTagsAndContent(normal.toTags(), normal.content());
        assertThat(again).isEqualTo(normal);
        assertThat(again.content()).isEqualTo(normal.content());
    }
}
