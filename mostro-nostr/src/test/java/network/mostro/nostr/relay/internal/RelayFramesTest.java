package network.mostro.nostr.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import network.mostro.nostr.Event;
import network.mostro.nostr.EventLimits;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayMessagePrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelayFramesTest {
    private final Event e = UnsignedEvent.builder(1).content("hi \"there\"\n").createdAt(5)
            .sign(PrivateKey.generate(new Random(3)));

    @Test
    void encodesClientFrames() {
        assertThat(RelayFrames.event(e)).isEqualTo("[\"EVENT\"," + e.toJson() + "]");
        assertThat(RelayFrames.auth(e)).isEqualTo("[\"AUTH\"," + e.toJson() + "]");
        assertThat(RelayFrames.close("s\"1")).isEqualTo("[\"CLOSE\",\"s\\\"1\"]");
        assertThat(RelayFrames.req("s1", List.of(Filter.builder().kinds(1).build(), Filter.builder().limit(2).build())))
                .isEqualTo("[\"REQ\",\"s1\",{\"kinds\":[1]},{\"limit\":2}]");
    }

    @Test
    void parsesEveryRelayMessage() {
        EventLimits l = EventLimits.DEFAULT;
        assertThat(RelayFrames.parse("[\"EVENT\",\"s\"," + e.toJson() + "]", l))
                .isEqualTo(new RelayMessage.EventMsg("s", e));
        assertThat(RelayFrames.parse("[\"OK\",\"" + e.id() + "\",false,\"blocked: no\"]", l))
                .isEqualTo(new RelayMessage.Ok(e.id(), false, "blocked: no"));
        assertThat(RelayFrames.parse("[\"OK\",\"" + e.id() + "\",true]", l))
                .isEqualTo(new RelayMessage.Ok(e.id(), true, ""));
        assertThat(RelayFrames.parse("[\"EOSE\",\"s\"]", l)).isEqualTo(new RelayMessage.Eose("s"));
        assertThat(RelayFrames.parse("[\"CLOSED\",\"s\",\"error: x\"]", l)).isEqualTo(new RelayMessage.Closed("s", "error: x"));
        assertThat(RelayFrames.parse("[\"NOTICE\",\"n\"]", l)).isEqualTo(new RelayMessage.Notice("n"));
        assertThat(RelayFrames.parse("[\"AUTH\",\"c\"]", l)).isEqualTo(new RelayMessage.Auth("c"));
        assertThat(RelayFrames.parse("[\"COUNT\",\"s\",{\"count\":1}]", l)).isEqualTo(new RelayMessage.Unknown("COUNT"));
        assertThat(RelayFrames.parse("[\"EOSE\",\"s\",\"extra\",{\"x\":[1]}]", l)).isEqualTo(new RelayMessage.Eose("s"));
        assertThat(RelayFrames.parse("[\"EVENT\",\"s\",{\"id\":1}]", l)).isInstanceOf(RelayMessage.BadEvent.class);
        assertThat(RelayFrames.parse("[\"EVENT\",\"s\"," + e.toJson().replace("\"kind\":1", "\"kind\":70000") + "]", l))
                .isInstanceOf(RelayMessage.BadEvent.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "{}", "[]", "[1]", "[\"EOSE\"]", "[\"EOSE\",1]", "[\"OK\",\"a\",\"yes\"]",
            "[\"EVENT\",\"s\",\"not an event\"]", "[\"NOTICE\",\"n\"] trailing", "[\"NOTICE\",\"n\"", "[\"OK\",\"a\",true,5]",
            "[\"CLOSED\",\"s\",\"m\"]]"})
    void malformedFramesThrowTheTypedException(String frame) {
        assertThatThrownBy(() -> RelayFrames.parse(frame, EventLimits.DEFAULT)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void prefixesAreParsed() {
        assertThat(RelayMessagePrefix.of("rate-limited: slow")).isEqualTo(RelayMessagePrefix.RATE_LIMITED);
        assertThat(RelayMessagePrefix.of("auth-required: x")).isEqualTo(RelayMessagePrefix.AUTH_REQUIRED);
        assertThat(RelayMessagePrefix.of("whatever: x")).isEqualTo(RelayMessagePrefix.UNKNOWN);
        assertThat(RelayMessagePrefix.of("no prefix")).isEqualTo(RelayMessagePrefix.NONE);
        assertThat(RelayMessagePrefix.of("")).isEqualTo(RelayMessagePrefix.NONE);
        assertThat(RelayMessagePrefix.of(null)).isEqualTo(RelayMessagePrefix.NONE);
    }
}
