package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Nip13Test {
    private static final PrivateKey KEY = PrivateKey.generate(new Random(13));
    private static final String MOSTRO = PrivateKey.generate(new Random(38383)).publicKey().toHex();

    private static UnsignedEvent template(long createdAt, Tag... extra) {
        UnsignedEvent.Builder b = UnsignedEvent.builder(14).createdAt(createdAt).tag("p", MOSTRO)
                .content("AqN1x+/=ciphertext with \"quotes\", a \\ backslash, \n, é and \uD83D\uDE00");
        for (Tag t : extra) {
            b.tag(t);
        }
        return b.build(KEY.publicKey());
    }

    static Stream<Arguments> knownIds() {
        return Stream.of(
                // The example id in NIP-13 ("36 leading zero bits").
                Arguments.of("000000000e9d97a1ab09fc381030b346cdd7a142ad57e6df0b46dc9bef6c7e2d", 36),
                Arguments.of("0".repeat(64), 256),
                Arguments.of("f".repeat(64), 0),
                Arguments.of("8" + "0".repeat(63), 0),
                Arguments.of("7" + "f".repeat(63), 1),
                Arguments.of("1" + "0".repeat(63), 3),
                Arguments.of("0f" + "f".repeat(62), 4),
                Arguments.of("00ff" + "0".repeat(60), 8),
                Arguments.of("007F" + "F".repeat(60), 9),
                Arguments.of("0000" + "1" + "0".repeat(59), 19),
                Arguments.of("0".repeat(63) + "1", 255),
                Arguments.of("0".repeat(62) + "80", 248));
    }

    @ParameterizedTest
    @MethodSource("knownIds")
    void countsLeadingZeroBits(String id, int bits) {
        assertThat(Nip13.difficulty(id)).isEqualTo(bits);
    }

    @Test
    void difficultyOfEventUsesItsId() {
        Event e = template(1_700_000_000L).sign(KEY);
        assertThat(Nip13.difficulty(e)).isEqualTo(Nip13.difficulty(e.id()));
        int d = Nip13.difficulty(e);
        assertThat(Nip13.check(e, d)).isTrue();
        assertThat(Nip13.check(e, d + 1)).isFalse();
        assertThat(Nip13.check(e, 0)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "xyz", "g000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000000000000000000000000000000000000000000"})
    void malformedIdsAreTyped(String id) {
        assertThatThrownBy(() -> Nip13.difficulty(id)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void nullIdIsTyped() {
        assertThatThrownBy(() -> Nip13.difficulty((String) null)).isInstanceOf(MalformedInputException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 12, 16})
    void minedEventHasTheDifficultyAndVerifiesAfterSigning(int target) {
        UnsignedEvent t = template(1_700_000_000L, Tag.of("expiration", "1702592000"));
        UnsignedEvent mined = Nip13.mine(t, target).orTimeout(60, TimeUnit.SECONDS).join();

        assertThat(Nip13.difficulty(mined.id())).isGreaterThanOrEqualTo(target);
        assertThat(mined.createdAt()).isEqualTo(t.createdAt());
        assertThat(mined.kind()).isEqualTo(t.kind());
        assertThat(mined.content()).isEqualTo(t.content());
        assertThat(mined.tags()).hasSize(3);
        assertThat(mined.tags().subList(0, 2)).isEqualTo(t.tags());
        Tag nonce = mined.tags().get(2);
        assertThat(nonce.name()).isEqualTo("nonce");
        assertThat(nonce.size()).isEqualTo(3);
        assertThat(nonce.value()).matches("[0-9]+");
        assertThat(nonce.get(2)).isEqualTo(Integer.toString(target));

        Event signed = mined.sign(KEY);
        assertThat(signed.id()).isEqualTo(mined.id());
        assertThat(signed.verify()).isTrue();
        assertThat(Nip13.check(signed, target)).isTrue();
        assertThat(Nip13.committedTarget(signed)).hasValue(target);
        Event reparsed = Event.fromJson(signed.toJson());
        assertThat(reparsed.verify()).isTrue();
        assertThat(Nip13.difficulty(reparsed)).isGreaterThanOrEqualTo(target);
    }

    @Test
    void existingNonceTagsAreReplaced() {
        UnsignedEvent t = template(1_700_000_000L, Tag.of("nonce", "999", "4"), Tag.of("t", "x"), Tag.of("nonce"));
        UnsignedEvent mined = Nip13.mine(t, 10).join();
        assertThat(mined.tags()).extracting(Tag::name).containsExactly("p", "t", "nonce");
        assertThat(mined.tags().get(2).get(2)).isEqualTo("10");
        assertThat(Nip13.difficulty(mined.id())).isGreaterThanOrEqualTo(10);
    }

    @Test
    void targetZeroSucceedsAtOnce() {
        // One worker, so the first attempt (nonce 0) is the one that wins; with several workers another
        // worker's first nonce may win the race, which made this test flaky on a loaded machine.
        UnsignedEvent mined = Nip13.Miner.builder().threads(1).build().mine(template(5L), 0).join();
        assertThat(mined.tags().get(mined.tags().size() - 1).values()).containsExactly("nonce", "0", "0");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void anyThreadCountFindsAValidNonce(int threads) {
        Nip13.Miner miner = Nip13.Miner.builder().threads(threads).build();
        assertThat(miner.threads()).isEqualTo(threads);
        UnsignedEvent mined = miner.mine(template(1_700_000_123L), 12).join();
        assertThat(Nip13.difficulty(mined.id())).isGreaterThanOrEqualTo(12);
        assertThat(mined.sign(KEY).verify()).isTrue();
    }

    @Test
    void defaultThreadCountIsTheProcessorCount() {
        assertThat(Nip13.Miner.defaultMiner().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The search hashes a precomputed prefix and suffix; these random templates (escapes, control characters,
     * non-ASCII, many tags, empty content) check that the result's canonical id is the one that was mined.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void precomputedSerializationMatchesTheCanonicalIdForRandomTemplates(long seed) {
        Random r = new Random(seed);
        UnsignedEvent.Builder b = UnsignedEvent.builder(r.nextInt(65536)).createdAt(r.nextLong() >>> 1 >>> r.nextInt(62));
        int tags = r.nextInt(6);
        for (int i = 0; i < tags; i++) {
            List<String> values = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int j = 0; j < n; j++) {
                values.add(randomString(r, r.nextInt(12)));
            }
            b.tag(new Tag(values));
        }
        b.content(randomString(r, r.nextInt(3) == 0 ? 0 : r.nextInt(300)));
        UnsignedEvent t = b.build(KEY.publicKey());
        UnsignedEvent mined = Nip13.Miner.builder().threads(1).build().mine(t, 6).join();
        // build() re-derives the id with the canonical serializer and rejects a miss; check it here as well.
        assertThat(Nip13.difficulty(mined.id())).isGreaterThanOrEqualTo(6);
        assertThat(mined.sign(KEY).verify()).isTrue();
    }

    private static String randomString(Random r, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append((char) r.nextInt(0x20));
                case 1 -> sb.append("\"\\/".charAt(r.nextInt(3)));
                case 2 -> sb.append((char) (0xa0 + r.nextInt(0x700)));
                case 3 -> sb.appendCodePoint(0x1f600 + r.nextInt(64));
                default -> sb.append((char) (0x20 + r.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }

    @Test
    void updateCreatedAtTakesTheClock() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_750_000_042L, 900_000_000), ZoneOffset.UTC);
        UnsignedEvent mined = Nip13.Miner.builder().threads(2).updateCreatedAt(clock).build()
                .mine(template(1_000L), 10).join();
        assertThat(mined.createdAt()).isEqualTo(1_750_000_042L);
        assertThat(Nip13.difficulty(mined.id())).isGreaterThanOrEqualTo(10);
        assertThat(mined.sign(KEY).verify()).isTrue();
    }

    @Test
    void updateCreatedAtFollowsAMovingClock() {
        AtomicInteger reads = new AtomicInteger();
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(1_800_000_000L + reads.incrementAndGet());
            }

            @Override
            public long millis() {
                return instant().toEpochMilli();
            }
        };
        UnsignedEvent mined = Nip13.Miner.builder().threads(1).updateCreatedAt(moving).build()
                .mine(template(1_000L), 16).join();
        // The clock was read when the search started and again every few thousand attempts.
        assertThat(reads.get()).isGreaterThan(1);
        assertThat(mined.createdAt()).isBetween(1_800_000_001L, 1_800_000_000L + reads.get());
        assertThat(Nip13.difficulty(mined.id())).isGreaterThanOrEqualTo(16);
        assertThat(mined.sign(KEY).verify()).isTrue();
    }

    /** An executor that runs each task on its own thread and counts tasks that have returned. */
    private static final class CountingExecutor implements Executor {
        final AtomicInteger started = new AtomicInteger();
        final CountDownLatch finished;

        CountingExecutor(int tasks) {
            finished = new CountDownLatch(tasks);
        }

        @Override
        public void execute(Runnable task) {
            started.incrementAndGet();
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    finished.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
    }

    @Test
    void cancelStopsEveryWorker() throws Exception {
        CountingExecutor exec = new CountingExecutor(3);
        Nip13.Miner miner = Nip13.Miner.builder().threads(3).executor(exec).build();
        CompletableFuture<UnsignedEvent> f = miner.mine(template(1_700_000_000L), 256); // unreachable
        assertThat(exec.started.get()).isEqualTo(3);
        assertThat(exec.finished.await(200, TimeUnit.MILLISECONDS)).as("workers still searching").isFalse();
        assertThat(f.cancel(true)).isTrue();
        assertThat(exec.finished.await(10, TimeUnit.SECONDS)).as("workers stopped after cancel").isTrue();
        assertThat(f).isCancelled();
    }

    @Test
    void orTimeoutStopsEveryWorker() throws Exception {
        CountingExecutor exec = new CountingExecutor(2);
        CompletableFuture<UnsignedEvent> f = Nip13.Miner.builder().threads(2).executor(exec).build()
                .mine(template(1_700_000_000L), 256).orTimeout(100, TimeUnit.MILLISECONDS);
        assertThat(exec.finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void blockingVariantReturnsEmptyAtTheDeadlineAndStopsWorkers() throws Exception {
        CountingExecutor exec = new CountingExecutor(2);
        Nip13.Miner miner = Nip13.Miner.builder().threads(2).executor(exec).build();
        Optional<UnsignedEvent> r = miner.mine(template(1_700_000_000L), 256, Duration.ofMillis(150));
        assertThat(r).isEmpty();
        assertThat(exec.finished.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void blockingVariantReturnsTheMinedEvent() throws Exception {
        Optional<UnsignedEvent> r = Nip13.mine(template(1_700_000_000L), 12, Duration.ofSeconds(60));
        assertThat(r).hasValueSatisfying(u -> assertThat(Nip13.difficulty(u.id())).isGreaterThanOrEqualTo(12));
    }

    @Test
    void blockingVariantIsInterruptible() throws Exception {
        CountingExecutor exec = new CountingExecutor(1);
        Nip13.Miner miner = Nip13.Miner.builder().threads(1).executor(exec).build();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> miner.mine(template(1_700_000_000L), 256, Duration.ofSeconds(30)))
                .isInstanceOf(InterruptedException.class);
        assertThat(exec.finished.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void rejectedExecutionFailsTheFuture() {
        Nip13.Miner miner = Nip13.Miner.builder().threads(2).executor(task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        }).build();
        assertThat(miner.mine(template(1L), 8)).isCompletedExceptionally();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -256, 257, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void invalidTargetsAreTyped(int target) {
        UnsignedEvent t = template(1L);
        Event e = t.sign(KEY);
        assertThatThrownBy(() -> Nip13.mine(t, target)).isInstanceOf(InvalidInputException.class)
                .extracting(x -> ((NostrException) x).kind()).isEqualTo(NostrException.Kind.INVALID);
        assertThatThrownBy(() -> Nip13.mine(t, target, Duration.ofSeconds(1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip13.check(e, target)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void invalidThreadCountIsRejected() {
        assertThatThrownBy(() -> Nip13.Miner.builder().threads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void committedTargetReadsTheFirstNonceTag() {
        assertThat(Nip13.committedTarget(template(1L, Tag.of("nonce", "1", "21"), Tag.of("nonce", "2", "5")).sign(KEY)))
                .hasValue(21);
        for (Tag bad : List.of(Tag.of("nonce", "1"), Tag.of("nonce", "1", ""), Tag.of("nonce", "1", "-3"),
                Tag.of("nonce", "1", "257"), Tag.of("nonce", "1", "1e2"), Tag.of("nonce", "1", "99999999999"))) {
            assertThat(Nip13.committedTarget(template(1L, bad).sign(KEY))).as(bad.toString()).isEmpty();
        }
        assertThat(Nip13.committedTarget(template(1L).sign(KEY))).isEmpty();
    }

    @Test
    void concurrentSearchesOnOneMinerAreIndependent() {
        Nip13.Miner miner = Nip13.Miner.builder().threads(2).build();
        List<CompletableFuture<UnsignedEvent>> fs = IntStream.range(0, 4)
                .mapToObj(i -> miner.mine(template(1_700_000_000L + i), 10)).toList();
        for (int i = 0; i < fs.size(); i++) {
            UnsignedEvent u = fs.get(i).join();
            assertThat(u.createdAt()).isEqualTo(1_700_000_000L + i);
            assertThat(Nip13.difficulty(u.id())).isGreaterThanOrEqualTo(10);
        }
    }
}
