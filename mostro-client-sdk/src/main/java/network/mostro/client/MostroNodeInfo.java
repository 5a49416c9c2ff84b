package network.mostro.client;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.mostro.nostr.PublicKey;
import network.mostro.protocol.event.BondSettings;
import network.mostro.protocol.event.InfoEvent;

/**
 * What a Mostro node advertises in its newest kind-38385 info event (SPEC §12.3): name, fees, limits, currencies,
 * protocol version, proof-of-work requirements and bond settings. Immutable and thread-safe.
 *
 * @param pubkey the node's key (author and {@code d} of the info event)
 * @param name the instance name (second {@code y} value), or null
 * @param mostroVersion {@code mostro_version}, or null
 * @param fee total fee fraction ({@code fee}; each party pays half) exactly as the node wrote it (e.g. {@code 0.006}),
 *     {@link BigDecimal#ZERO} when absent; never a binary double, so fee arithmetic stays exact
 * @param minOrderAmount smallest order in sats, or null
 * @param maxOrderAmount largest order in sats, or null
 * @param fiatCurrencies accepted fiat codes; empty = all
 * @param protocolVersion {@code protocol_version} (1 when absent: the daemon predates 0.18)
 * @param pow base proof-of-work difficulty for every request
 * @param powFirstContact difficulty for requests from trade keys the node does not know yet
 * @param expirationHours default lifetime of a pending order, or null
 * @param expirationSeconds time allowed for each waiting step, or null
 * @param maxOrdersPerResponse cap of the {@code orders} request, or null
 * @param lndNetworks Lightning network(s) of the node, or null
 * @param bondEnabled whether anti-abuse bonds are on
 * @param bond bond settings when enabled, or null
 * @param maintenance whether the node is in maintenance mode (no new orders or takes)
 * @param publishedAt {@code created_at} of the info event
 * @param event the parsed info event, for everything else
 */
public record MostroNodeInfo(PublicKey pubkey, String name, String mostroVersion, BigDecimal fee, Long minOrderAmount,
        Long maxOrderAmount, List<String> fiatCurrencies, int protocolVersion, int pow, int powFirstContact,
        Long expirationHours, Long expirationSeconds, Long maxOrdersPerResponse, String lndNetworks,
        boolean bondEnabled, BondSettings bond, boolean maintenance, long publishedAt, InfoEvent event) {
    public MostroNodeInfo {
        Objects.requireNonNull(pubkey, "pubkey");
        fee = fee == null ? BigDecimal.ZERO : fee;
        fiatCurrencies = fiatCurrencies == null ? List.of() : List.copyOf(fiatCurrencies);
        Objects.requireNonNull(event, "event");
    }

    /** Builds the summary of a parsed info event published at {@code createdAt}. */
    public static MostroNodeInfo of(PublicKey node, InfoEvent info, long createdAt) {
        String name = info.platform() == null ? null : info.platform().instanceName();
        int pow = info.pow() == null ? 0 : info.pow();
        int first = info.powFirstContact() == null ? pow : Math.max(pow, info.powFirstContact());
        return new MostroNodeInfo(node, name, info.mostroVersion(), fee(info),
                info.minOrderAmount(), info.maxOrderAmount(), info.fiatCurrenciesAccepted(),
                info.protocolVersionOrDefault(), pow, first, info.expirationHours(), info.expirationSeconds(),
                info.maxOrdersPerResponse(), info.lndNetworks(), info.bondsEnabled(), info.bond(),
                info.inMaintenance(), createdAt, info);
    }

    /** The advertised fee as the decimal the daemon wrote (its shortest round-trip text), 0 when absent. */
    private static BigDecimal fee(InfoEvent info) {
        Double f = info.fee();
        if (f == null || !Double.isFinite(f)) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(info.feeText());
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(f);
        }
    }

    /** Whether this SDK speaks the node's protocol version (1 or 2). */
    public boolean supported() {
        return protocolVersion == 1 || protocolVersion == 2;
    }

    /** Whether the node accepts orders in {@code fiatCode} (an empty list accepts all). */
    public boolean acceptsCurrency(String fiatCode) {
        return fiatCurrencies.isEmpty() || fiatCurrencies.contains(fiatCode);
    }

    /** The instance name, if the node published one. */
    public Optional<String> displayName() {
        return Optional.ofNullable(name);
    }
}
