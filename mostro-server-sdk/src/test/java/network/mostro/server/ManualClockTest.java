package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import network.mostro.nostr.InvalidInputException;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void movesOnlyWhenTold() {
        ManualClock c = new ManualClock(T0);
        assertThat(c.instant()).isEqualTo(T0);
        assertThat(c.millis()).isEqualTo(T0.toEpochMilli());
        assertThat(c.advance(Duration.ofSeconds(90))).isEqualTo(T0.plusSeconds(90));
        assertThat(c.instant()).isEqualTo(T0.plusSeconds(90));
        c.set(T0.minusSeconds(5));
        assertThat(c.instant()).isEqualTo(T0.minusSeconds(5));
        assertThat(c.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }

    @Test
    void refusesToGoBackwardByAdvance() {
        ManualClock c = new ManualClock(T0);
        assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1))).isInstanceOf(InvalidInputException.class);
        assertThat(c.instant()).isEqualTo(T0);
    }

    @Test
    void zoneViewSharesTime() {
        ManualClock c = new ManualClock(T0);
        ManualClock paris = c.withZone(ZoneId.of("Europe/Paris"));
        c.advance(Duration.ofHours(1));
        assertThat(paris.instant()).isEqualTo(T0.plusSeconds(3600));
        paris.advance(Duration.ofHours(1));
        assertThat(c.instant()).isEqualTo(T0.plusSeconds(7200));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void concurrentAdvancesAreNotLost() throws InterruptedException {
        ManualClock c = new ManualClock(T0);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    c.advance(Duration.ofMillis(1));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(c.instant()).isEqualTo(T0.plusMillis(4000));
    }
}
