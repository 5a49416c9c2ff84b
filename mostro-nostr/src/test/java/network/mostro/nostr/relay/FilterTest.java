package network.mostro.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.UnsupportedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterTest {
    private final PrivateKey alice = PrivateKey.generate(new Random(1));
    private final PrivateKey bob = PrivateKey.generate(new Random(2));
    private final Event order = UnsignedEvent.builder(38383).tag("d", "order-1").tag("s", "pending")
            .tag("p", bob.publicKey().toHex()).content("").createdAt(1_000).sign(alice);

    @Test
    void everyFieldConstrainsMatching() {
        assertThat(Filter.builder().build().matches(order)).isTrue();
        assertThat(Filter.builder().ids(order.id()).build().matches(order)).isTrue();
        assertThat(Filter.builder().ids("00".repeat(32)).build().matches(order)).isFalse();
        assertThat(Filter.builder().authors(alice.publicKey()).build().matches(order)).isTrue();
        assertThat(Filter.builder().authors(bob.publicKey()).build().matches(order)).isFalse();
        assertThat(Filter.builder().kinds(1, 38383).build().matches(order)).isTrue();
        assertThat(Filter.builder().kinds(1).build().matches(order)).isFalse();
        assertThat(Filter.builder().since(1_000).until(1_000).build().matches(order)).isTrue();
        assertThat(Filter.builder().since(1_001).build().matches(order)).isFalse();
        assertThat(Filter.builder().until(999).build().matches(order)).isFalse();
        assertThat(Filter.builder().tag('s', "pending", "canceled").build().matches(order)).isTrue();
        assertThat(Filter.builder().tag('s', "canceled").build().matches(order)).isFalse();
        assertThat(Filter.builder().tag('s', "pending").tag('p', alice.publicKey().toHex()).build().matches(order))
                .isFalse();
        assertThat(Filter.builder().tag('x', "pending").build().matches(order)).isFalse();
        assertThat(Filter.builder().limit(0).build().matches(order)).isTrue(); // limit plays no part
        assertThat(new Filter(java.util.Set.of(), null, null, null, null, null, null).matches(order)).isFalse();
    }

    @Test
    void jsonRoundTripIsCanonical() {
        Filter f = Filter.builder().kinds(38383, 1).authors(alice.publicKey()).tag('s', "pending", "active")
                .tag('d', "x").since(10).until(20).limit(5).build();
        String json = f.toJson();
        assertThat(json).isEqualTo("{\"authors\":[\"" + alice.publicKey().toHex() + "\"],\"kinds\":[1,38383],"
                + "\"#d\":[\"x\"],\"#s\":[\"active\",\"pending\"],\"since\":10,\"until\":20,\"limit\":5}");
        assertThat(Filter.fromJson(json)).isEqualTo(f);
        assertThat(Filter.fromJson("{}")).isEqualTo(Filter.builder().build());
        assertThat(f.withSince(15L).withLimit(null).toJson()).contains("\"since\":15").doesNotContain("limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"kinds\":[1]", "{\"kinds\":[1]} x", "nope"})
    void notJsonIsMalformed(String text) {
        assertThatThrownBy(() -> Filter.fromJson(text)).isInstanceOf(MalformedInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[", "{\"kinds\":[70000]}", "{\"kinds\":[\"1\"]}", "{\"kinds\":1}", "{\"since\":-1}",
            "{\"until\":1.5}", "{\"limit\":-3}", "{\"ids\":[\"abc\"]}", "{\"authors\":[\"ABCD\"]}",
            "{\"#pp\":[\"x\"]}", "{\"#p\":[1]}", "{\"#1\":[\"x\"]}", "{\"since\":99999999999999999999999}"})
    void wrongValuesAreInvalid(String text) {
        assertThatThrownBy(() -> Filter.fromJson(text)).isInstanceOfAny(InvalidInputException.class,
                UnsupportedInputException.class);
    }

    @Test
    void unknownMembersAreUnsupported() {
        assertThatThrownBy(() -> Filter.fromJson("{\"search\":\"x\"}")).isInstanceOf(UnsupportedInputException.class);
        assertThatThrownBy(() -> Filter.fromJson("{\"&t\":[\"x\"]}")).isInstanceOf(UnsupportedInputException.class);
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> Filter.builder().ids("xyz").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Filter.builder().kinds(-1).build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Filter.builder().tag('1', "x").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Filter.builder().limit(-1).build()).isInstanceOf(InvalidInputException.class);
        assertThat(Filter.builder().kinds(1).build().toBuilder().kinds(2).build().kinds()).containsExactly(1, 2);
        assertThat(List.of(Filter.builder().build())).hasSize(1);
    }
}
