package network.mostro.examples.cli;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.mostro.client.MostroNodeInfo;
import network.mostro.client.UnsupportedNodeException;
import network.mostro.nostr.Event;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.PublishResult;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.Subscription;
import network.mostro.nostr.relay.SubscriptionListener;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.event.InfoEvent;
import network.mostro.protocol.transport.SenderKeys;
import network.mostro.protocol.transport.Transport;
import network.mostro.protocol.transport.WrapOptions;

/**
 * Sends one admin or solver request (SPEC §13) signed with the node or solver key in full-privacy mode and waits for
 * Mostro's reply with the same {@code request_id}. The client SDK has no admin API, so this uses the protocol module's
 * transport directly. Not thread-safe; one request per instance.
 */
final class AdminSession implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Mostro stayed silent; carries the likely causes. Immutable. */
    static final class NoReplyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String request;
        final List<String> causes;

        NoReplyException(String request, List<String> causes) {
            super("no answer to " + request);
            this.request = request;
            this.causes = List.copyOf(causes);
        }
    }

    private final CliConfig cfg;
    private final PrivateKey key;
    private final RelayPool pool;

    AdminSession(CliConfig cfg, PrivateKey key) {
        this.cfg = cfg;
        this.key = key;
        this.pool = RelayPool.builder().relays(cfg.relays()).build();
    }

    /** The public key requests are signed with. */
    PublicKey publicKey() {
        return key.publicKey();
    }

    /** The node's newest info event, waiting up to the request timeout. */
    MostroNodeInfo nodeInfo() {
        CompletableFuture<MostroNodeInfo> f = new CompletableFuture<>();
        MostroNodeInfo[] newest = new MostroNodeInfo[1];
        Subscription sub = pool.subscribe(List.of(Filter.builder().kinds(InfoEvent.KIND).authors(cfg.node()).build()),
                new SubscriptionListener() {
                    @Override
                    public void onEvent(Event e, URI relay) {
                        try {
                            MostroNodeInfo i = MostroNodeInfo.of(cfg.node(), InfoEvent.parse(e, cfg.node()),
                                    e.createdAt());
                            synchronized (newest) {
                                if (newest[0] == null || newest[0].publishedAt() < i.publishedAt()) {
                                    newest[0] = i;
                                }
                            }
                        } catch (NostrException | IllegalArgumentException ex) {
                            // a malformed info event: ignore it
                        }
                    }

                    @Override
                    public void onEoseComplete(Set<URI> timedOut) {
                        synchronized (newest) {
                            if (newest[0] != null) {
                                f.complete(newest[0]);
                            }
                        }
                    }
                });
        try {
            return f.get(cfg.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            synchronized (newest) {
                if (newest[0] != null) {
                    return newest[0];
                }
            }
            throw new UnsupportedNodeException(UnsupportedNodeException.Reason.NO_INFO_EVENT, cfg.node().toHex(),
                    "no info event from the node");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        } finally {
            sub.close();
        }
    }

    /**
     * Sends {@code builder}'s message with a fresh request id and returns Mostro's reply carrying it (which may be a
     * {@code cant-do}).
     */
    Message request(Message.Builder builder, Action action) {
        MostroNodeInfo info = nodeInfo();
        if (!info.supported()) {
            throw new UnsupportedNodeException(UnsupportedNodeException.Reason.UNSUPPORTED_PROTOCOL_VERSION,
                    cfg.node().toHex(), "protocol version " + info.protocolVersion());
        }
        Transport transport = Transport.forProtocolVersion(info.protocolVersion());
        long requestId = RANDOM.nextLong() & Long.MAX_VALUE;
        Message message = builder.requestId(requestId).build();
        int pow = Math.max(cfg.pow(), Math.max(info.pow(), info.powFirstContact()));
        Event event = transport.wrapRequestAsync(message, SenderKeys.fullPrivacy(key), cfg.node(),
                WrapOptions.builder().pow(pow).build()).toCompletableFuture().join();
        CompletableFuture<Message> reply = new CompletableFuture<>();
        Filter.Builder fb = Filter.builder().kinds(transport.eventKind()).tag('p', key.publicKey().toHex());
        if (transport.eventKind() == 14) {
            fb.authors(cfg.node()).since(event.createdAt() - 5);
        }
        Subscription sub = pool.subscribe(List.of(fb.build()), (e, relay) -> {
            if (e.id().equals(event.id())) {
                return; // our own request when the admin key is the node key
            }
            try {
                var in = transport.unwrap(e, key);
                if (in.senderTradeKey().equals(cfg.node()) && Long.valueOf(requestId)
                        .equals(in.message().requestId())) {
                    reply.complete(in.message());
                }
            } catch (NostrException | IllegalArgumentException ex) {
                // not a reply to us
            }
        });
        try {
            PublishResult published = pool.publish(event).toCompletableFuture()
                    .get(cfg.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!published.acceptedByAny()) {
                throw new NoReplyException(action.wireName(), List.of("no relay accepted the request: "
                        + published.replies()));
            }
            return reply.get(cfg.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new NoReplyException(action.wireName(), List.of(
                    "the key is neither the node key (admin) nor a registered solver: Mostro ignores such requests"
                            + " silently",
                    "the order or dispute id is wrong, or the dispute was not taken by this solver",
                    "the node requires more proof of work than " + pow + " bits (set POW / -p)",
                    "clock skew: requests older than the node's freshness window are dropped",
                    "the relays do not reach the node"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        } finally {
            sub.close();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
