package network.mostro.testkit;

import java.util.List;
import java.util.Random;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;

/** Deterministic test keys and events. */
final class Events {
    static final long NOW = System.currentTimeMillis() / 1000;

    private Events() {}

    static PrivateKey key(long seed) {
        return PrivateKey.generate(new Random(seed));
    }

    static Event event(PrivateKey key, int kind, long createdAt, String content, Tag... tags) {
        return new UnsignedEvent(key.publicKey(), createdAt, kind, List.of(tags), content).sign(key, new byte[32]);
    }

    static Event note(PrivateKey key, long createdAt, String content) {
        return event(key, 1, createdAt, content);
    }
}
