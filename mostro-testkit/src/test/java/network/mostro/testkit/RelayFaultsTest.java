package network.mostro.testkit;

import static network.mostro.testkit.Events.NOW;
import static network.mostro.testkit.Events.event;
import static network.mostro.testkit.Events.key;
import static network.mostro.testkit.Events.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.testkit.RelayFaults.Garbage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each fault of {@link RelayFaults}. */
@ExtendWith(MockRelayExtension.class)
class RelayFaultsTest {
    private static final Duration QUIET = Duration.ofMillis(150);
    private final PrivateKey alice = key(41);

    private List<Event> notes(int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(note(alice, NOW - n + i, "note " + i));
        }
        return out;
    }

    @Test
    void dropNextEventsDropsExactlyThatMany(MockRelay relay) {
        List<Event> stored = notes(3);
        stored.forEach(relay::publish);
        try (RawClient c = RawClient.connect(relay.uri())) {
            relay.faults().dropNextEvents(1);
            assertThat(c.req("s", "{}")).containsExactly(stored.get(1), stored.get(0)); // the newest was dropped
            relay.faults().dropNextEvents(2);
            Event l1 = note(alice, NOW, "l1");
            Event l2 = note(alice, NOW, "l2");
            Event l3 = note(alice, NOW, "l3");
            relay.publish(l1);
            relay.publish(l2);
            relay.publish(l3);
            assertThat(c.nextEvent("s")).isEqualTo(l3);
            c.assertSilent(QUIET);
            assertThat(relay.faults().droppedEvents()).isEqualTo(3);
            assertThat(relay.storedEvents()).hasSize(6);
        }
    }

    @Test
    void dropFractionIsSeededAndProportional() {
        List<Event> stored = notes(100);
        List<List<Event>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (MockRelay relay = MockRelay.builder().seed(1234).start();
                    RawClient c = RawClient.connect(relay.uri())) {
                stored.forEach(relay::publish);
                relay.faults().dropEvents(0.25);
                runs.add(c.req("s", "{}"));
                assertThat(relay.faults().droppedEvents()).isEqualTo(100 - runs.get(run).size());
            }
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
        assertThat(runs.get(0).size()).isBetween(55, 95);
    }

    @Test
    void dropAllAndRejectInvalidFraction(MockRelay relay) {
        relay.faults().dropEvents(1.0);
        notes(5).forEach(relay::publish);
        try (RawClient c = RawClient.connect(relay.uri())) {
            assertThat(c.req("s", "{}")).isEmpty();
        }
        assertThatThrownBy(() -> relay.faults().dropEvents(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> relay.faults().dropEvents(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void delayHoldsBackEveryMessageAndKeepsOrder(MockRelay relay) {
        List<Event> stored = notes(5);
        stored.forEach(relay::publish);
        try (RawClient c = RawClient.connect(relay.uri())) {
            relay.faults().delay(Duration.ofMillis(300));
            long t0 = System.nanoTime();
            c.send("[\"EVENT\"," + note(alice, NOW, "delayed").toJson() + "]");
            c.send("[\"REQ\",\"s\",{\"limit\":5}]");
            assertThat(c.next().get(0).asText()).isEqualTo("OK");
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
            List<Event> got = c.untilEose("s");
            assertThat(got).hasSize(5);
            assertThat(got.get(0).content()).isEqualTo("delayed");
            c.send("[\"CLOSE\",\"s\"]");
            relay.faults().delay(Duration.ZERO);
            c.publishOk(note(alice, NOW, "undelayed again"));
        }
    }

    @Test
    void duplicateSendsEveryEventTwice(MockRelay relay) {
        Event stored = note(alice, NOW - 1, "stored");
        relay.publish(stored);
        relay.faults().duplicateEvents(true);
        try (RawClient c = RawClient.connect(relay.uri())) {
            assertThat(c.req("s", "{}")).containsExactly(stored, stored);
            Event live = note(alice, NOW, "live");
            relay.publish(live);
            assertThat(c.nextEvent("s")).isEqualTo(live);
            assertThat(c.nextEvent("s")).isEqualTo(live);
            c.assertSilent(QUIET);
        }
    }

    @Test
    void reorderShufflesStoredAndSwapsLive() {
        try (MockRelay relay = MockRelay.builder().seed(7).start(); RawClient c = RawClient.connect(relay.uri())) {
            List<Event> stored = notes(30);
            stored.forEach(relay::publish);
            relay.faults().reorderEvents(true);
            List<Event> got = c.req("s", "{}");
            assertThat(got).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(got).isNotEqualTo(relay.storedEvents());
            Event first = note(alice, NOW, "first");
            Event second = note(alice, NOW, "second");
            relay.publish(first);
            relay.publish(second);
            assertThat(c.nextEvent("s")).isEqualTo(second);
            assertThat(c.nextEvent("s")).isEqualTo(first);
            Event lonely = note(alice, NOW, "lonely");
            relay.publish(lonely);
            assertThat(c.nextEvent("s")).isEqualTo(lonely); // released after the hold time
        }
    }

    @Test
    void disconnectAllClosesWithGoingAway(MockRelay relay) {
        try (RawClient a = RawClient.connect(relay.uri()); RawClient b = RawClient.connect(relay.uri())) {
            assertThat(relay.awaitConnections(2, RawClient.WAIT)).isTrue();
            assertThat(relay.faults().disconnectAll()).isEqualTo(2);
            assertThat(a.awaitClose()).isEqualTo(1001);
            assertThat(b.awaitClose()).isEqualTo(1001);
            assertThat(relay.awaitConnections(0, RawClient.WAIT)).isTrue();
        }
        try (RawClient again = RawClient.connect(relay.uri())) {
            assertThat(relay.awaitConnections(1, RawClient.WAIT)).isTrue();
            again.publishOk(note(alice, NOW, "back"));
        }
    }

    @Test
    void disconnectAllCanRefuseReconnectionsForAWhile(MockRelay relay) throws Exception {
        Duration refusal = Duration.ofSeconds(1);
        try (RawClient a = RawClient.connect(relay.uri())) {
            assertThat(relay.awaitConnections(1, RawClient.WAIT)).isTrue();
            long t0 = System.nanoTime();
            relay.faults().disconnectAll(refusal);
            a.awaitClose();
            CompletableFuture<WebSocket> attempt = RawClient.tryConnect(relay.uri());
            boolean startedInTime = System.nanoTime() - t0 < refusal.toNanos();
            try {
                attempt.get(5, TimeUnit.SECONDS).abort();
                assertThat(startedInTime).as("a handshake during the refusal period succeeded").isFalse();
            } catch (java.util.concurrent.ExecutionException expected) {
                // refused, as it should be while the period lasts
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        WebSocket ws = null;
        while (ws == null && System.nanoTime() < deadline) {
            try {
                ws = RawClient.tryConnect(relay.uri()).get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                Thread.sleep(50);
            }
        }
        assertThat(ws).as("accepted again after the refusal period").isNotNull();
        ws.abort();
    }

    @Test
    void disconnectAllCutsOffAClientThatIgnoresTheCloseFrame(MockRelay relay) throws Exception {
        CompletableFuture<Integer> closeSeen = new CompletableFuture<>();
        WebSocket stubborn = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(relay.uri(), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        closeSeen.complete(code);
                        return new CompletableFuture<Void>(); // never answers the close frame
                    }
                }).get(5, TimeUnit.SECONDS);
        try {
            assertThat(relay.awaitConnections(1, RawClient.WAIT)).isTrue();
            relay.faults().disconnectAll();
            assertThat(closeSeen.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(relay.awaitConnections(0, RawClient.WAIT)).isTrue();
        } finally {
            stubborn.abort();
        }
    }

    @Test
    void refuseConnectionsCanBeLifted(MockRelay relay) throws Exception {
        relay.faults().refuseConnections(Duration.ofMinutes(5));
        assertThat(RawClient.tryConnect(relay.uri())).failsWithin(RawClient.WAIT);
        relay.faults().refuseConnections(Duration.ZERO);
        RawClient.tryConnect(relay.uri()).get(5, TimeUnit.SECONDS).abort();
    }

    @Test
    void dropConnectionsKillsWithoutCloseFrame(MockRelay relay) {
        try (RawClient a = RawClient.connect(relay.uri())) {
            assertThat(relay.awaitConnections(1, RawClient.WAIT)).isTrue();
            assertThat(relay.faults().dropConnections()).isEqualTo(1);
            assertThat(a.awaitClose()).isIn(-1, 1006);
            assertThat(relay.awaitConnections(0, RawClient.WAIT)).isTrue();
        }
    }

    @Test
    void storedEventsSurviveRepeatedConnectionDrops(MockRelay relay) {
        List<Event> all = new ArrayList<>();
        for (int round = 0; round < 15; round++) {
            try (RawClient c = RawClient.connect(relay.uri())) {
                // resubscribe from the newest event seen so far, as a reconnecting client does
                long since = all.isEmpty() ? 0 : all.get(all.size() - 1).createdAt();
                List<Event> missed = c.req("s", "{\"since\":" + since + "}");
                assertThat(missed).hasSize(all.isEmpty() ? 0 : 1);
                Event e = note(alice, NOW - 100 + round, "round " + round);
                c.send("[\"EVENT\"," + e.toJson() + "]");
                List<String> types = List.of(c.next().get(0).asText(), c.next().get(0).asText());
                assertThat(types).containsExactlyInAnyOrder("EVENT", "OK");
                all.add(e);
                assertThat(relay.faults().dropConnections()).isEqualTo(1);
                // The relay must have cut the connection. Whether the JDK 17 WebSocket client notices a TCP cut
                // without a close frame is the client's business (RelayPool covers it with keep-alive probes),
                // and it sometimes does not within seconds, so the relay side is what this test checks.
                assertThat(relay.awaitConnections(0, RawClient.WAIT)).as("relay dropped the connection").isTrue();
            }
        }
        assertThat(relay.storedEvents()).hasSize(15);
    }

    @Test
    void rejectWritesAnswersOkFalseWithTheReason(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            relay.faults().rejectWrites("blocked: you are not welcome");
            JsonNode ok = c.publish(note(alice, NOW, "x"));
            assertThat(ok.get(2).asBoolean()).isFalse();
            assertThat(ok.get(3).asText()).isEqualTo("blocked: you are not welcome");
            assertThat(relay.storedEvents()).isEmpty();
            relay.faults().rejectWrites(null);
            c.publishOk(note(alice, NOW, "y"));
        }
    }

    @Test
    void rateLimitAnswersRateLimited(MockRelay relay) {
        relay.faults().rateLimit(3);
        List<Event> events = notes(10);
        try (RawClient c = RawClient.connect(relay.uri())) {
            long t0 = System.nanoTime();
            for (Event e : events) {
                c.send("[\"EVENT\"," + e.toJson() + "]");
            }
            int accepted = 0;
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                JsonNode ok = c.next();
                if (ok.get(2).asBoolean()) {
                    accepted++;
                } else {
                    reasons.add(ok.get(3).asText());
                }
            }
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertThat(accepted).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(3 * (int) (seconds + 1));
            assertThat(reasons).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("rate-limited:"));
            relay.faults().rateLimit(0);
            c.publishOk(note(alice, NOW, "unlimited"));
        }
    }

    @Test
    void garbageNonJsonUnknownTypeAndMalformed(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            assertThat(relay.awaitConnections(1, RawClient.WAIT)).isTrue();
            assertThat(relay.faults().sendGarbage(Garbage.NON_JSON)).isEqualTo(1);
            String raw = c.nextRaw(RawClient.WAIT);
            assertThatThrownBy(() -> RawClient.JSON.readTree(raw)).isInstanceOf(Exception.class);
            assertThat(relay.faults().sendGarbage(Garbage.UNKNOWN_MESSAGE_TYPE)).isEqualTo(1);
            assertThat(c.next().get(0).asText()).isEqualTo("MOCK_UNKNOWN");
            assertThat(relay.faults().sendGarbage(Garbage.MALFORMED_MESSAGE)).isEqualTo(3);
            JsonNode event = c.next();
            assertThat(event.get(0).asText()).isEqualTo("EVENT");
            assertThat(event.get(2).isTextual()).isTrue();
            assertThat(c.next().size()).isEqualTo(1);
            assertThat(c.next().get(1).isNumber()).isTrue();
        }
    }

    @Test
    void garbageBadSignatureMatchesTheSubscription(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            String author = alice.publicKey().toHex();
            c.req("s", "{\"kinds\":[38383],\"authors\":[\"" + author + "\"],\"#d\":[\"order\"],\"since\":" + NOW + "}");
            c.req("ids", "{\"ids\":[\"" + "a".repeat(64) + "\"]}");
            assertThat(relay.faults().sendGarbage(Garbage.BAD_SIGNATURE)).isEqualTo(2);
            List<JsonNode> frames = List.of(c.next(), c.next());
            for (JsonNode f : frames) {
                Event e = Event.fromJson(f.get(2).toString());
                assertThat(e.computeId()).isEqualTo(e.id());
                assertThat(e.verify()).isFalse();
                if (f.get(1).asText().equals("s")) {
                    assertThat(e.kind()).isEqualTo(38383);
                    assertThat(e.pubkey()).isEqualTo(alice.publicKey());
                    assertThat(e.firstTagValue("d")).hasValue("order");
                    assertThat(e.createdAt()).isGreaterThanOrEqualTo(NOW);
                }
            }
            assertThat(frames).extracting(f -> f.get(1).asText()).containsExactlyInAnyOrder("s", "ids");
        }
    }

    @Test
    void garbageNotMatchingIsSignedButOutsideTheFilters(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.req("kinds", "{\"kinds\":[1]}");
            c.req("everything", "{}");
            c.req("recent", "{\"since\":" + NOW + "}", "{\"kinds\":[1,7,4]}");
            assertThat(relay.faults().sendGarbage(Garbage.NOT_MATCHING)).isEqualTo(2);
            for (int i = 0; i < 2; i++) {
                JsonNode f = c.next();
                Event e = Event.fromJson(f.get(2).toString());
                assertThat(e.verify()).isTrue();
                String sub = f.get(1).asText();
                assertThat(sub).isIn("kinds", "recent");
                if (sub.equals("kinds")) {
                    assertThat(e.kind()).isNotEqualTo(1);
                } else {
                    assertThat(e.createdAt() < NOW && !List.of(1, 7, 4).contains(e.kind())).isTrue();
                }
            }
            c.assertSilent(QUIET);
        }
    }

    @Test
    void garbageUnknownSubscription(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.req("mine", "{}");
            assertThat(relay.faults().sendGarbage(Garbage.UNKNOWN_SUBSCRIPTION)).isEqualTo(1);
            JsonNode f = c.next();
            assertThat(f.get(1).asText()).isNotEqualTo("mine");
            assertThat(Event.fromJson(f.get(2).toString()).verify()).isTrue();
        }
    }

    @Test
    void oversizedAndRawFrames(MockRelay relay) {
        try (RawClient c = RawClient.connect(relay.uri())) {
            assertThat(relay.awaitConnections(1, RawClient.WAIT)).isTrue();
            assertThat(relay.faults().sendOversizedFrame(2_000_000)).isEqualTo(1);
            String big = c.nextRaw(RawClient.WAIT);
            assertThat(big).hasSize(2_000_000).startsWith("[\"NOTICE\",\"");
            assertThat(relay.faults().sendRaw("[\"NOTICE\",\"hand made\"]")).isEqualTo(1);
            assertThat(c.next().get(1).asText()).isEqualTo("hand made");
        }
    }

    @Test
    void resetTurnsEverythingOff(MockRelay relay) {
        RelayFaults f = relay.faults();
        f.dropNextEvents(5).dropEvents(1.0).delay(Duration.ofSeconds(10)).duplicateEvents(true).reorderEvents(true)
                .rejectWrites("error: nope").rateLimit(1).refuseConnections(Duration.ofMinutes(1));
        f.reset();
        assertThat(f.droppedEvents()).isZero();
        try (RawClient c = RawClient.connect(relay.uri())) {
            c.req("s", "{}");
            Event a = note(alice, NOW, "a");
            Event b = note(alice, NOW, "b");
            assertThat(relay.publish(a)).isTrue();
            assertThat(c.nextEvent("s")).isEqualTo(a);
            c.send("[\"EVENT\"," + b.toJson() + "]");
            List<String> types = List.of(c.next().get(0).asText(), c.next().get(0).asText());
            assertThat(types).containsExactlyInAnyOrder("EVENT", "OK");
            c.assertSilent(QUIET);
        }
    }

    @Test
    void faultsAreValidated(MockRelay relay) {
        RelayFaults f = relay.faults();
        assertThatThrownBy(() -> f.dropNextEvents(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.delay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.rateLimit(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.sendOversizedFrame(3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(event(alice, 1, NOW, "", Tag.of("x"))).isNotNull();
    }
}
