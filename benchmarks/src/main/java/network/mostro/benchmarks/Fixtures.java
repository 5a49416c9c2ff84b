package network.mostro.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.UnsignedEvent;

/**
 * Deterministic inputs shared by the Mostro and rust-nostr sides of every benchmark, so both measure
 * the same bytes. Not thread-safe; each JMH state builds its own.
 */
final class Fixtures {
    private Fixtures() {}

    /** {@code count} private keys from a seeded generator (benchmark inputs, never secrets). */
    static List<PrivateKey> keys(long seed, int count) {
        Random random = new Random(seed);
        List<PrivateKey> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(PrivateKey.generate(random));
        }
        return out;
    }

    /**
     * {@code count} signed kind-38383 order events, spread round-robin over {@code authors} keys, with a
     * content and tags of realistic size (about 600 bytes of JSON each).
     */
    static List<Event> orderEvents(long seed, int count, int authors) {
        List<PrivateKey> keys = keys(seed, authors);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Event> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PrivateKey k = keys.get(i % authors);
            byte[] aux = new byte[32];
            random.nextBytes(aux);
            UnsignedEvent u = UnsignedEvent.builder(38383)
                    .createdAt(1_700_000_000L + i)
                    .tag("d", java.util.UUID.nameUUIDFromBytes(aux).toString())
                    .tag("k", i % 2 == 0 ? "sell" : "buy")
                    .tag("f", "USD")
                    .tag("s", "pending")
                    .tag("amt", "0")
                    .tag("fa", Integer.toString(10 + i % 90))
                    .tag("pm", "bank transfer")
                    .tag("premium", "1")
                    .tag("network", "mainnet")
                    .tag("layer", "lightning")
                    .tag("expiration", Long.toString(1_700_086_400L + i))
                    .tag("y", "mostro")
                    .tag("z", "order")
                    .content("")
                    .build(k.publicKey());
            out.add(u.sign(k, aux));
        }
        return out;
    }

    /** A printable ASCII message of exactly {@code length} bytes. */
    static String text(long seed, int length) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) (' ' + random.nextInt(95)));
        }
        String s = sb.toString();
        if (s.getBytes(StandardCharsets.UTF_8).length != length) {
            throw new IllegalStateException("not ASCII");
        }
        return s;
    }
}
