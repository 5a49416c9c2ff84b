package network.mostro.client;

import java.util.List;
import java.util.Objects;
import network.mostro.nostr.PublicKey;
import network.mostro.protocol.RestoredDispute;

/**
 * What {@link MostroClient#restore} recovered from a node (SPEC §2.4). Immutable and thread-safe.
 *
 * @param node the node asked
 * @param lastTradeIndex the index the node had stored, or null when it did not know the user
 * @param tradeIndexNow the client's last used index after the restore (new keys start above it)
 * @param trades the active trades recovered, subscribed and persisted
 * @param disputes the open disputes Mostro listed
 */
public record RestoreResult(PublicKey node, Long lastTradeIndex, long tradeIndexNow, List<Trade> trades,
        List<RestoredDispute> disputes) {
    public RestoreResult {
        Objects.requireNonNull(node, "node");
        trades = List.copyOf(trades);
        disputes = List.copyOf(disputes);
    }
}
