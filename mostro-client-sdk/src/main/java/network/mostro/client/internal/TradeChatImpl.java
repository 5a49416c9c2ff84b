package network.mostro.client.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;
import network.mostro.client.ChatChannel;
import network.mostro.client.ChatEntry;
import network.mostro.client.TradeChat;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.relay.Subscription;
import network.mostro.protocol.keys.ChatKeys;
import network.mostro.protocol.transport.ChatReceiver;

/** One conversation of a trade. Thread-safe. */
final class TradeChatImpl implements TradeChat {
    final TradeImpl trade;
    final ChatChannel channel;
    final PublicKey peer;
    final PrivateKey own;
    final ChatKeys keys;
    final ChatReceiver receiver;
    final PrivateKey legacyShared;
    volatile Subscription subscription;

    TradeChatImpl(TradeImpl trade, ChatChannel channel, PublicKey peer, PrivateKey own, ChatKeys keys,
            ChatReceiver receiver, PrivateKey legacyShared) {
        this.trade = trade;
        this.channel = channel;
        this.peer = peer;
        this.own = own;
        this.keys = keys;
        this.receiver = receiver;
        this.legacyShared = legacyShared;
    }

    @Override
    public ChatChannel channel() {
        return channel;
    }

    @Override
    public String peerPubkey() {
        return peer.toHex();
    }

    @Override
    public CompletionStage<ChatEntry> send(String text) {
        return trade.engine.sendChat(this, text);
    }

    @Override
    public List<ChatEntry> history() {
        return trade.engine.store.chatHistory(trade.orderId).stream()
                .filter(e -> channel == ChatChannel.DISPUTE ? e.channel() == ChatChannel.DISPUTE
                        : e.channel() != ChatChannel.DISPUTE)
                .toList();
    }
}
