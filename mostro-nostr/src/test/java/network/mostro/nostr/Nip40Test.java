package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Nip40Test {
    private static final PrivateKey KEY = PrivateKey.generate(new Random(40));

    private static Event event(Tag... tags) {
        UnsignedEvent.Builder b = UnsignedEvent.builder(38383).createdAt(1_700_000_000L).tag("d", "order-1");
        for (Tag t : tags) {
            b.tag(t);
        }
        return b.sign(KEY);
    }

    @Test
    void buildsTheTag() {
        assertThat(Nip40.tag(1_735_689_600L).values()).containsExactly("expiration", "1735689600");
        assertThat(Nip40.tag(Instant.ofEpochSecond(1_735_689_600L, 999_999_999)).values())
                .containsExactly("expiration", "1735689600");
        assertThat(Nip40.tag(0).values()).containsExactly("expiration", "0");
        assertThatThrownBy(() -> Nip40.tag(-1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip40.tag(Instant.ofEpochSecond(-1))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void readsTheExpirationThroughJson() {
        Event e = Event.fromJson(event(Nip40.tag(1_735_689_600L)).toJson());
        assertThat(Nip40.expiration(e)).contains(Instant.ofEpochSecond(1_735_689_600L));
        assertThat(Nip40.expiration(e.unsigned())).contains(Instant.ofEpochSecond(1_735_689_600L));
        assertThat(Nip40.expiration(List.of(Tag.of("p", "x"), Tag.of("expiration", "7")))).contains(Instant.ofEpochSecond(7));
    }

    @Test
    void absentTagMeansNoExpiration() {
        Event e = event(Tag.of("expirations", "1"), Tag.of("p", "1"));
        assertThat(Nip40.expiration(e)).isEmpty();
        assertThat(Nip40.isExpired(e, Instant.MAX)).isFalse();
    }

    @Test
    void expiredAtAndAfterTheTimestamp() {
        Event e = event(Nip40.tag(1_000L));
        assertThat(Nip40.isExpired(e, Instant.ofEpochSecond(999, 999_999_999))).isFalse();
        assertThat(Nip40.isExpired(e, Instant.ofEpochSecond(1_000))).isTrue();
        assertThat(Nip40.isExpired(e, Instant.ofEpochSecond(1_001))).isTrue();
        assertThat(Nip40.isExpired(e, Clock.fixed(Instant.ofEpochSecond(500), ZoneOffset.UTC))).isFalse();
        assertThat(Nip40.isExpired(e, Clock.fixed(Instant.ofEpochSecond(5_000), ZoneOffset.UTC))).isTrue();
    }

    @Test
    void onlyTheFirstTagCounts() {
        Event e = event(Nip40.tag(2_000L), Nip40.tag(1_000L));
        assertThat(Nip40.expiration(e)).contains(Instant.ofEpochSecond(2_000));
        assertThat(Nip40.isExpired(e, Instant.ofEpochSecond(1_500))).isFalse();
    }

    @Test
    void largestValues() {
        long max = Instant.MAX.getEpochSecond();
        assertThat(Nip40.expiration(event(Tag.of("expiration", Long.toString(max))))).contains(Instant.ofEpochSecond(max));
        assertThat(Nip40.expiration(event(Tag.of("expiration", "000000000000000042")))).contains(Instant.ofEpochSecond(42));
        assertThatThrownBy(() -> Nip40.expiration(event(Tag.of("expiration", Long.toString(max + 1)))))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-5", "+5", "1.5", "1e9", " 1", "1 ", "0x10", "١٢٣", "9223372036854775807",
            "9999999999999999999", "1000000000000000000"})
    void malformedValuesAreTypedErrors(String value) {
        Event e = event(Tag.of("expiration", value));
        assertThatThrownBy(() -> Nip40.expiration(e)).isInstanceOf(InvalidInputException.class)
                .extracting(x -> ((NostrException) x).kind()).isEqualTo(NostrException.Kind.INVALID);
        assertThatThrownBy(() -> Nip40.isExpired(e, Instant.EPOCH)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void tagWithoutValueIsATypedError() {
        assertThatThrownBy(() -> Nip40.expiration(event(Tag.of("expiration")))).isInstanceOf(InvalidInputException.class);
    }
}
