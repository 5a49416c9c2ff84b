package network.mostro.nostr.relay;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.UnsignedEvent;

/**
 * Signs events on behalf of one key; the pool uses it to answer NIP-42 {@code AUTH} challenges. May be
 * asynchronous (a remote signer, an Android keystore). Implementations must be thread-safe.
 */
public interface EventSigner {

    /** The key events are signed with. */
    PublicKey publicKey();

    /** Signs {@code event}, whose author is {@link #publicKey()}. */
    CompletionStage<Event> sign(UnsignedEvent event);

    /** A signer holding {@code key} in memory. */
    static EventSigner of(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        return new EventSigner() {
            @Override
            public PublicKey publicKey() {
                return key.publicKey();
            }

            @Override
            public CompletionStage<Event> sign(UnsignedEvent event) {
                try {
                    return CompletableFuture.completedFuture(event.sign(key));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public String toString() {
                return "EventSigner[" + key.publicKey().toHex() + "]";
            }
        };
    }
}
