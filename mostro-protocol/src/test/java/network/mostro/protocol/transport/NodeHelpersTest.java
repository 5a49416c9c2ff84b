package network.mostro.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip13;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.event.InfoEvent;
import org.junit.jupiter.api.Test;

class NodeHelpersTest {
    static final Random RANDOM = new Random(7);

    @Test
    void freshnessIsTenSecondsBackAndOpenForward() {
        MutableClock clock = new MutableClock(1_000_000);
        FreshnessWindow w = FreshnessWindow.standard(clock);
        assertThat(w.isFresh(1_000_000)).isTrue();
        assertThat(w.isFresh(999_990)).isTrue();
        assertThat(w.isFresh(999_989)).isFalse();
        assertThat(w.isFresh(1_000_100)).isTrue();
        clock.advance(Duration.ofSeconds(11));
        assertThat(w.isFresh(1_000_000)).isFalse();
        assertThatThrownBy(() -> FreshnessWindow.of(Duration.ofSeconds(-1), clock))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void freshnessAppliesToTheInnerCreatedAt() {
        PrivateKey node = PrivateKey.generate(RANDOM);
        PrivateKey trade = PrivateKey.generate(RANDOM);
        MutableClock clock = new MutableClock(1_700_000_000);
        Message m = Message.builder(Action.FIAT_SENT).build();
        for (Transport t : List.of(Transport.v2(), Transport.v1())) {
            Event e = t.wrapRequest(m, SenderKeys.fullPrivacy(trade), node.publicKey(),
                    WrapOptions.builder().clock(clock).build());
            Inbound in = t.unwrap(e, node);
            assertThat(in.createdAt()).isEqualTo(1_700_000_000L);
            FreshnessWindow w = FreshnessWindow.standard(clock);
            assertThat(w.isFresh(in)).isTrue();
            clock.advance(Duration.ofSeconds(30));
            assertThat(w.isFresh(in)).isFalse();
            clock.advance(Duration.ofSeconds(-30));
        }
    }

    @Test
    void replayWindowRemembersSixtySeconds() {
        MutableClock clock = new MutableClock(0);
        ReplayWindow w = ReplayWindow.standard(clock);
        assertThat(w.firstSeen("a")).isTrue();
        assertThat(w.firstSeen("a")).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(w.firstSeen("b")).isTrue();
        assertThat(w.firstSeen("a")).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(w.contains("a")).isFalse();
        assertThat(w.firstSeen("a")).isTrue();
        assertThat(w.firstSeen("b")).isFalse();
        clock.advance(Duration.ofSeconds(61));
        assertThat(w.size()).isZero();
    }

    @Test
    void replayWindowMemoryIsBounded() {
        ReplayWindow w = ReplayWindow.of(Duration.ofSeconds(60), 100, new MutableClock(0));
        for (int i = 0; i < 1000; i++) {
            assertThat(w.firstSeen("id" + i)).isTrue();
        }
        assertThat(w.size()).isEqualTo(100);
        assertThat(w.firstSeen("id999")).isFalse();
        assertThat(w.firstSeen("id0")).isTrue();
    }

    @Test
    void replayWindowIsThreadSafe() throws Exception {
        ReplayWindow w = ReplayWindow.standard(new MutableClock(0));
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        if (w.firstSeen("id" + i)) {
                            accepted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted.get()).isEqualTo(5000);
    }

    @Test
    void firstContactNeedsTheHigherDifficulty() throws Exception {
        PrivateKey known = PrivateKey.generate(RANDOM);
        PrivateKey stranger = PrivateKey.generate(RANDOM);
        KnownKeySet set = new KnownKeySet();
        set.replaceAll(List.of(known.publicKey()));
        PowPolicy policy = new PowPolicy(2, 8);
        assertThat(policy.requiredDifficulty(known.publicKey(), set)).isEqualTo(2);
        assertThat(policy.requiredDifficulty(stranger.publicKey(), set)).isEqualTo(8);
        assertThat(policy.isFirstContact(stranger.publicKey(), set)).isTrue();
        // pow_first_contact below pow is raised to pow.
        assertThat(new PowPolicy(9, 3).requiredDifficulty(stranger.publicKey(), set)).isEqualTo(9);

        Nip13.Miner miner = Nip13.Miner.builder().threads(1).build();
        UnsignedEvent t = UnsignedEvent.builder(14).content("x").createdAt(1).build(stranger.publicKey());
        Event weak = miner.mine(t, 2).join().sign(stranger);
        Event strong = miner.mine(t, 8).join().sign(stranger);
        // Find a weak event below 8 bits (a 2-bit mine may reach 8 by luck: retry with other contents).
        for (int i = 0; Nip13.difficulty(weak) >= 8; i++) {
            weak = miner.mine(UnsignedEvent.builder(14).content("x" + i).createdAt(1).build(stranger.publicKey()), 2)
                    .join().sign(stranger);
        }
        assertThat(policy.accepts(weak, set)).isFalse();
        assertThat(policy.accepts(strong, set)).isTrue();
        set.replaceAll(Set.of(stranger.publicKey()));
        assertThat(policy.accepts(weak, set)).isTrue();
        assertThat(KnownKeys.of(List.of(known.publicKey())).isKnown(known.publicKey())).isTrue();
        assertThat(KnownKeys.none().isKnown(known.publicKey())).isFalse();
        assertThatThrownBy(() -> new PowPolicy(-1, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new PowPolicy(0, 257)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void powPolicyFromInfoEvent() {
        PublicKey node = PrivateKey.generate(RANDOM).publicKey();
        InfoEvent info = InfoEvent.builder(node.toHex()).pow(4).powFirstContact(12).protocolVersion(2).build();
        assertThat(PowPolicy.fromInfo(info)).isEqualTo(new PowPolicy(4, 12));
        assertThat(PowPolicy.fromInfo(InfoEvent.builder(node.toHex()).build())).isEqualTo(PowPolicy.none());
        assertThat(PowPolicy.fromInfo(InfoEvent.builder(node.toHex()).pow(5).build()).firstContactDifficulty())
                .isEqualTo(5);
    }
}
