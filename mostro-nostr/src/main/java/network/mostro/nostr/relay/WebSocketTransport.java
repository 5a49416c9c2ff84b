package network.mostro.nostr.relay;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.relay.internal.JdkWebSocketTransport;

/**
 * The WebSocket client a {@link RelayPool} uses: the one place to plug in another HTTP stack (OkHttp on
 * Android, Netty on a server). The default, {@link #jdk()}, uses {@code java.net.http.WebSocket}.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #connect} opens one client connection and calls {@link Listener#onOpen} once, before any
 *       other listener method of that connection; a connection that cannot be opened completes the returned
 *       stage exceptionally (and calls no listener method, or only {@link Listener#onError}).</li>
 *   <li>Listener methods for one connection are never called concurrently, and whole text messages are
 *       delivered (fragments re-assembled). A text message longer than {@code maxMessageChars} is not
 *       buffered: it is discarded and reported with {@link Listener#onMessageTooLarge}.</li>
 *   <li>When {@link Listener#onText} returns a stage that is not yet complete, the transport should stop
 *       reading from that connection until it completes (backpressure); one that cannot may ignore it.</li>
 *   <li>After {@link Listener#onClosed} or {@link Listener#onError} no further method is called for that
 *       connection.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe; one instance may serve several pools unless it says otherwise.
 */
public interface WebSocketTransport extends AutoCloseable {

    /**
     * Opens a connection to {@code uri}.
     *
     * @param maxMessageChars the longest text message to deliver; longer ones are discarded
     * @return completes when the opening handshake has finished, or exceptionally when it failed
     */
    CompletionStage<Connection> connect(URI uri, int maxMessageChars, Listener listener);

    /**
     * Releases the transport's own resources (threads, client). A pool closes a transport only if it created
     * it itself. The default does nothing.
     */
    @Override
    default void close() {}

    /** The default transport over {@code java.net.http} with a 10 s opening-handshake timeout. */
    static WebSocketTransport jdk() {
        return new JdkWebSocketTransport(Duration.ofSeconds(10));
    }

    /** The default transport over {@code java.net.http} with the given opening-handshake timeout. */
    static WebSocketTransport jdk(Duration connectTimeout) {
        return new JdkWebSocketTransport(connectTimeout);
    }

    /** One open client connection. Implementations must be thread-safe. */
    interface Connection {
        /**
         * Sends one text message. The pool never calls this again for the same connection before the
         * returned stage has completed.
         *
         * @return completes when the message has been handed to the network, exceptionally on failure
         */
        CompletionStage<Void> sendText(String text);

        /** Sends a close frame (code 1000) and then drops the connection; idempotent, never throws. */
        void close();
    }

    /** Receives what happens on one connection. The pool's implementation is fast and never blocks. */
    interface Listener {
        /** The connection is open; called once, first. */
        void onOpen(Connection connection);

        /**
         * One whole text message.
         *
         * @return null to continue at once, or a stage to complete before the next message is read
         */
        CompletionStage<?> onText(String message);

        /** A text message longer than the limit was discarded; {@code chars} is at least its length. */
        void onMessageTooLarge(long chars);

        /** A binary message arrived (Nostr relays only send text); it was discarded. */
        default void onBinaryMessage(long bytes) {}

        /** The peer closed the connection; terminal. */
        void onClosed(int statusCode, String reason);

        /** The connection failed; terminal. */
        void onError(Throwable error);
    }
}
