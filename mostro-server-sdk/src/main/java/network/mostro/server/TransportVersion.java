package network.mostro.server;

/**
 * The one transport a node speaks (SPEC §3.1), advertised as {@code protocol_version} in its kind-38385 event.
 * Immutable and thread-safe.
 */
public enum TransportVersion {
    /** Protocol v2: NIP-44 kind-14 messages (the default). */
    V2(2, "nip44"),
    /** Protocol v1: NIP-59 gift wrap, kind 1059 (deprecated; explicit opt-in only). */
    V1(1, "gift-wrap");

    private final int protocolVersion;
    private final String wireName;

    TransportVersion(int protocolVersion, String wireName) {
        this.protocolVersion = protocolVersion;
        this.wireName = wireName;
    }

    /** The advertised {@code protocol_version}: 2 or 1. */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** The daemon's {@code transport} setting value: {@code nip44} or {@code gift-wrap}. */
    public String wireName() {
        return wireName;
    }
}
