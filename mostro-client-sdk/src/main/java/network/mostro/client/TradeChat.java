package network.mostro.client;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A trade's chat: with the counterparty (SPEC §15.1–15.2) or, during a dispute, with the solver (§15.3). Messages are
 * kind-14 events signed by the shared {@code K_sign} key and encrypted to the shared {@code K_conv} key; the inner
 * kind-1 event is signed by the sender's trade key. Received messages arrive as {@link TradeEvent.ChatReceived};
 * the history (sent and received, legacy §15.4 messages included) is kept in the {@link SessionStore} and survives
 * restarts. Thread-safe.
 */
public interface TradeChat {
    /** Which conversation this is. */
    ChatChannel channel();

    /** The other side's key (hex): the counterparty's trade key, or the solver's key. */
    String peerPubkey();

    /**
     * Sends {@code text}; the stage completes once at least one relay accepted it.
     *
     * @throws ClientStateException if the text is empty
     */
    CompletionStage<ChatEntry> send(String text);

    /** The messages of this conversation, oldest first. */
    List<ChatEntry> history();
}
