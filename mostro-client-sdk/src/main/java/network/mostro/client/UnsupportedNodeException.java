package network.mostro.client;

import network.mostro.nostr.NostrException;

/**
 * The client cannot talk to a node: it has not published an info event (kind 38385) the client could read, or it
 * advertises a {@code protocol_version} this SDK does not speak (SPEC §3.1). Immutable and thread-safe.
 */
public final class UnsupportedNodeException extends NostrException {
    private static final long serialVersionUID = 1L;

    /** Why the node cannot be used. */
    public enum Reason {
        /** No valid kind-38385 event from the node was seen within the request timeout. */
        NO_INFO_EVENT,
        /** The node speaks a protocol version other than 1 or 2. */
        UNSUPPORTED_PROTOCOL_VERSION
    }

    private final Reason reason;
    private final String node;

    /**
     * @param reason why
     * @param node the node's public key (hex)
     * @param detail a description
     */
    public UnsupportedNodeException(Reason reason, String node, String detail) {
        super(reason == Reason.NO_INFO_EVENT ? Kind.INVALID : Kind.UNSUPPORTED,
                "node " + node + ": " + detail);
        this.reason = reason;
        this.node = node;
    }

    /** Why the node cannot be used. */
    public Reason reason() {
        return reason;
    }

    /** The node's public key (hex). */
    public String node() {
        return node;
    }
}
