package network.mostro.nostr;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import network.mostro.nostr.internal.Hex;
import network.mostro.nostr.internal.PowSearch;

/**
 * NIP-13 proof of work: measuring an event id's difficulty and mining a {@code nonce} tag that reaches a target
 * (<a href="https://github.com/nostr-protocol/nips/blob/master/13.md">NIP-13</a>).
 *
 * <p>The difficulty of an event is the number of leading zero bits of its id. A Mostro node drops every inbound
 * event whose id has fewer than its advertised {@code pow} bits (more for a trade key it does not know yet); it
 * does not look at the {@code nonce} tag. Mining adds {@code ["nonce", "<n>", "<target>"]} and searches {@code n}:
 * <pre>{@code
 * UnsignedEvent template = UnsignedEvent.builder(14).tag("p", mostroHex).content(ciphertext).build(tradeKey.publicKey());
 * Event event = Nip13.mine(template, 16).join().sign(tradeKey);
 * }</pre>
 *
 * <p><b>Time.</b> Mining keeps the template's {@code created_at} by default. A Mostro node drops events whose
 * {@code created_at} is older than its clock minus 10 seconds (SPEC §3.6 step 6), so build the template right
 * before mining and keep mining well under that window (a deadline of a few seconds): the expected number of
 * attempts is 2<sup>target</sup>, and every extra bit doubles it. {@link Miner.Builder#updateCreatedAt(Clock)}
 * makes the miner refresh {@code created_at} while it searches, as NIP-13 suggests; the timestamp then matches
 * the moment the winning nonce was found, but the freshness window still starts when the event is mined, not when
 * it is published.
 *
 * <p>Stateless and thread-safe.
 */
public final class Nip13 {
    /** The largest difficulty (an all-zero id). */
    public static final int MAX_DIFFICULTY = 256;

    /** The tag name NIP-13 uses: {@code ["nonce", "<n>", "<target>"]}. */
    public static final String NONCE_TAG = "nonce";

    private Nip13() {}

    /**
     * Leading zero bits of a 64-character hex id (either case).
     *
     * @throws MalformedInputException if {@code idHex} is null, not hex or not 64 characters
     */
    public static int difficulty(String idHex) {
        return PowSearch.leadingZeroBits(Hex.decode(idHex, 32, "event id"));
    }

    /** Leading zero bits of {@code event.id()}. The id is not recomputed: call {@link Event#verify()} as well. */
    public static int difficulty(Event event) {
        return difficulty(event.id());
    }

    /**
     * True when the event's id has at least {@code minDifficulty} leading zero bits, which is what a Mostro node
     * checks. It does not verify the id or the signature, and it ignores the {@code nonce} tag (see
     * {@link #committedTarget}).
     *
     * @throws InvalidInputException if {@code minDifficulty} is outside 0–256
     */
    public static boolean check(Event event, int minDifficulty) {
        checkTarget(minDifficulty);
        return difficulty(event) >= minDifficulty;
    }

    /**
     * The target the author committed to in the third element of its first {@code nonce} tag, when that element is
     * a decimal number in 0–256. NIP-13 lets a receiver reject an event that reached a high difficulty by luck
     * while committing to a low target; Mostro does not use the commitment.
     */
    public static OptionalInt committedTarget(Event event) {
        for (Tag t : event.tags()) {
            if (t.name().equals(NONCE_TAG)) {
                String v = t.get(2);
                if (v == null || v.isEmpty() || v.length() > 3 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return OptionalInt.empty();
                }
                int n = Integer.parseInt(v);
                return n <= MAX_DIFFICULTY ? OptionalInt.of(n) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Mines {@code template} to {@code target} bits with the {@linkplain Miner#defaultMiner() default miner}
     * (one thread per available processor, {@code created_at} kept).
     *
     * @see Miner#mine(UnsignedEvent, int)
     */
    public static CompletableFuture<UnsignedEvent> mine(UnsignedEvent template, int target) {
        return Miner.defaultMiner().mine(template, target);
    }

    /**
     * Mines with the default miner, blocking for at most {@code timeout}.
     *
     * @see Miner#mine(UnsignedEvent, int, Duration)
     */
    public static Optional<UnsignedEvent> mine(UnsignedEvent template, int target, Duration timeout)
            throws InterruptedException {
        return Miner.defaultMiner().mine(template, target, timeout);
    }

    static void checkTarget(int target) {
        if (target < 0 || target > MAX_DIFFICULTY) {
            throw new InvalidInputException("NIP-13 difficulty must be between 0 and 256, got " + target);
        }
    }

    /**
     * A configured proof-of-work miner: how many workers, where they run, and whether {@code created_at} moves.
     *
     * <p>Each {@link #mine} call starts {@link Builder#threads(int) threads} workers that try disjoint nonce
     * sequences; the first hit completes the future and stops the others. The search precomputes the serialized
     * event around the nonce (the nonce tag is placed last), so each attempt hashes only the nonce digits, the tag's
     * end and the content.
     *
     * <p>Immutable and thread-safe; one instance may run many searches at once.
     */
    public static final class Miner {
        private static final AtomicInteger JOBS = new AtomicInteger();

        private final int threads;
        private final Executor executor;
        private final Clock clock;

        private Miner(Builder b) {
            this.threads = b.threads > 0 ? b.threads : Runtime.getRuntime().availableProcessors();
            this.executor = b.executor;
            this.clock = b.clock;
        }

        /** A miner with the defaults of {@link Builder}. */
        public static Miner defaultMiner() {
            return builder().build();
        }

        /** A builder with the defaults: one worker per available processor on new daemon threads, fixed time. */
        public static Builder builder() {
            return new Builder();
        }

        /** The number of workers each search uses. */
        public int threads() {
            return threads;
        }

        /**
         * Starts mining and returns at once. The result is {@code template} with every {@code nonce} tag removed
         * and {@code ["nonce", "<n>", "<target>"]} appended as the last tag, whose {@link UnsignedEvent#id()} has at
         * least {@code target} leading zero bits; the other tags, their order, the content and the kind are
         * unchanged, and so is {@code created_at} unless the builder set
         * {@link Builder#updateCreatedAt(Clock) updateCreatedAt}. Signing does not change the id.
         *
         * <p>Completing the returned future in any way — {@link CompletableFuture#cancel cancel},
         * {@link CompletableFuture#orTimeout orTimeout}, {@code complete} — stops the workers within about one
         * attempt each (microseconds, or longer for megabyte contents). Cancelling a future derived from this one
         * (for example with {@code thenApply}) does not.
         *
         * @throws InvalidInputException if {@code target} is outside 0–256 (thrown, not put in the future)
         */
        public CompletableFuture<UnsignedEvent> mine(UnsignedEvent template, int target) {
            Objects.requireNonNull(template, "template");
            checkTarget(target);
            List<Tag> base = new ArrayList<>(template.tags().size() + 1);
            for (Tag t : template.tags()) {
                if (!t.name().equals(NONCE_TAG)) {
                    base.add(t);
                }
            }
            PowSearch search = new PowSearch(template.pubkey().toHex(), template.kind(), base, template.content(), target);
            CompletableFuture<UnsignedEvent> result = new CompletableFuture<>();
            AtomicBoolean stop = new AtomicBoolean();
            result.whenComplete((r, e) -> stop.set(true));
            LongSupplier seconds = clock == null ? null : () -> clock.millis() / 1000;
            int job = JOBS.incrementAndGet();
            for (int i = 0; i < threads; i++) {
                final long first = i;
                Runnable worker = () -> {
                    try {
                        PowSearch.Found found = search.search(first, threads, template.createdAt(), seconds, stop);
                        if (found != null && !result.isDone()) {
                            result.complete(build(template, base, found, target));
                        }
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                };
                try {
                    if (executor == null) {
                        Thread thread = new Thread(worker, "nip13-miner-" + job + "-" + i);
                        thread.setDaemon(true);
                        thread.start();
                    } else {
                        executor.execute(worker);
                    }
                } catch (RejectedExecutionException | OutOfMemoryError e) {
                    result.completeExceptionally(e);
                    break;
                }
            }
            return result;
        }

        /**
         * Mines, blocking the calling thread for at most {@code timeout}; the workers are stopped before this
         * returns or throws.
         *
         * @return the mined template, or empty when the timeout passed first
         * @throws InterruptedException if the calling thread is interrupted while waiting
         * @throws InvalidInputException if {@code target} is outside 0–256
         */
        public Optional<UnsignedEvent> mine(UnsignedEvent template, int target, Duration timeout)
                throws InterruptedException {
            Objects.requireNonNull(timeout, "timeout");
            CompletableFuture<UnsignedEvent> f = mine(template, target);
            try {
                return Optional.of(f.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) throw r;
                if (c instanceof Error err) throw err;
                throw new IllegalStateException("mining failed", c);
            } catch (CancellationException e) {
                return Optional.empty();
            } finally {
                f.cancel(false);
            }
        }

        private static UnsignedEvent build(UnsignedEvent template, List<Tag> base, PowSearch.Found found, int target) {
            List<Tag> tags = new ArrayList<>(base.size() + 1);
            tags.addAll(base);
            tags.add(Tag.of(NONCE_TAG, Long.toString(found.nonce()), Integer.toString(target)));
            UnsignedEvent mined = new UnsignedEvent(template.pubkey(), found.createdAt(), template.kind(), tags,
                    template.content());
            if (difficulty(mined.id()) < target) {
                // The precomputed serialization disagrees with the canonical one: a bug, never bad input.
                throw new IllegalStateException("NIP-13 search produced an id below the target");
            }
            return mined;
        }

        /** Configures a {@link Miner}. Not thread-safe. */
        public static final class Builder {
            private int threads;
            private Executor executor;
            private Clock clock;

            private Builder() {}

            /**
             * Workers per search (default: {@link Runtime#availableProcessors()}).
             *
             * @throws IllegalArgumentException if {@code n < 1}
             */
            public Builder threads(int n) {
                if (n < 1) {
                    throw new IllegalArgumentException("threads must be at least 1");
                }
                this.threads = n;
                return this;
            }

            /**
             * Runs the workers on {@code executor} instead of new daemon threads (default: new threads per search).
             * Each search submits {@link #threads(int)} tasks, each of which runs until the search ends, so the
             * executor should have that many threads free; a worker that never starts only leaves its share of
             * nonces untried.
             */
            public Builder executor(Executor executor) {
                this.executor = Objects.requireNonNull(executor, "executor");
                return this;
            }

            /**
             * Sets {@code created_at} from {@code clock} (whole seconds) and refreshes it while searching, as NIP-13
             * suggests (default: off, the template's {@code created_at} is kept).
             */
            public Builder updateCreatedAt(Clock clock) {
                this.clock = Objects.requireNonNull(clock, "clock");
                return this;
            }

            public Miner build() {
                return new Miner(this);
            }
        }
    }
}
