package network.mostro.nostr.relay.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import network.mostro.nostr.EventLimits;
import network.mostro.nostr.relay.EventSigner;
import network.mostro.nostr.relay.RelayPoolListener;
import network.mostro.nostr.relay.WebSocketTransport;

/** The frozen configuration of a pool, as validated by {@code RelayPool.Builder}. Immutable. */
public record PoolConfig(List<URI> relays, WebSocketTransport transport, Executor callbackExecutor,
                         RelayPoolListener listener, EventSigner signer, Duration connectTimeout,
                         Duration publishTimeout, Duration eoseTimeout, Duration backoffInitial, Duration backoffMax,
                         Duration resubscribeMargin, int maxOutboundQueue, int maxInboundFrames, int maxPendingEvents,
                         int dedupWindow, EventLimits eventLimits, int maxFrameChars, boolean verifyEvents,
                         Duration keepAlive) {}
