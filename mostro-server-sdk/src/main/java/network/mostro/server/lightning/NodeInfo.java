package network.mostro.server.lightning;

import java.util.List;
import java.util.Objects;
import network.mostro.protocol.lightning.LightningNetwork;

/**
 * What a Lightning backend says about itself (LND {@code GetInfo}); the node advertises these in its kind-38385
 * info event ({@code lnd_*} tags). Immutable and thread-safe.
 *
 * @param pubkey the Lightning node's public key, hex
 * @param alias the node alias
 * @param version the implementation version string
 * @param commitHash the implementation's commit hash, or empty
 * @param network the Bitcoin network
 * @param blockHeight the current chain tip height
 * @param uris the node's public URIs ({@code pubkey@host:port}), possibly empty
 */
public record NodeInfo(String pubkey, String alias, String version, String commitHash, LightningNetwork network,
        long blockHeight, List<String> uris) {
    /** @throws NullPointerException if a component is null */
    public NodeInfo {
        Objects.requireNonNull(pubkey, "pubkey");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(commitHash, "commitHash");
        Objects.requireNonNull(network, "network");
        uris = List.copyOf(uris);
    }
}
