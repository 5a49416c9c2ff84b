package network.mostro.protocol.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.protocol.internal.RustDisplay;

/**
 * A node's kind-38385 instance-info event (SPEC §12.3, §19), {@code d} = node pubkey hex, no {@code expiration}.
 * Read it before talking to a node: {@link #protocolVersionOrDefault()} picks the transport and {@link #pow()} /
 * {@link #powFirstContact()} the proof of work (SPEC §3.1).
 *
 * <p>Tags in the daemon's order: {@code d}, {@code mostro_version}, {@code mostro_commit_hash},
 * {@code max_order_amount}, {@code min_order_amount}, {@code expiration_hours}, {@code expiration_seconds},
 * {@code fiat_currencies_accepted}, {@code max_orders_per_response}, {@code fee}, {@code pow},
 * {@code pow_first_contact}, {@code protocol_version}, {@code hold_invoice_expiration_window},
 * {@code hold_invoice_cltv_delta}, {@code invoice_expiration_window}, {@code lnd_version}, {@code lnd_node_pubkey},
 * {@code lnd_commit_hash}, {@code lnd_node_alias}, {@code lnd_chains}, {@code lnd_networks}, {@code lnd_uris},
 * {@code y}, {@code z}, {@code bond_enabled}, then (only when enabled) {@code bond_amount_pct},
 * {@code bond_base_amount_sats}, {@code bond_apply_to}, {@code bond_slash_on_waiting_timeout},
 * {@code bond_slash_node_share_pct}, {@code bond_payout_claim_window_days}. The newer-daemon tags
 * {@code maintenance_mode} and {@code serbero} (SPEC §19; their position is not documented) are written after the
 * bond tags, then the unknown tags. Only {@code d} is required: every other member is null when its tag is absent
 * (older daemons), and a present but malformed value is an {@link EventParseException}.
 *
 * <p>Immutable and thread-safe.
 */
public record InfoEvent(String nodePubkey, String mostroVersion, String mostroCommitHash, Long maxOrderAmount,
        Long minOrderAmount, Long expirationHours, Long expirationSeconds, List<String> fiatCurrenciesAccepted,
        Long maxOrdersPerResponse, Double fee, Integer pow, Integer powFirstContact, Integer protocolVersion,
        Long holdInvoiceExpirationWindow, Long holdInvoiceCltvDelta, Long invoiceExpirationWindow, String lndVersion,
        String lndNodePubkey, String lndCommitHash, String lndNodeAlias, String lndChains, String lndNetworks,
        List<String> lndUris, Platform platform, String z, Boolean bondEnabled, BondSettings bond,
        Boolean maintenanceMode, String serbero, List<Tag> unknownTags) {
    /** The event kind. */
    public static final int KIND = 38385;

    private static final Set<String> KNOWN = Set.of("d", "mostro_version", "mostro_commit_hash", "max_order_amount",
            "min_order_amount", "expiration_hours", "expiration_seconds", "fiat_currencies_accepted",
            "max_orders_per_response", "fee", "pow", "pow_first_contact", "protocol_version",
            "hold_invoice_expiration_window", "hold_invoice_cltv_delta", "invoice_expiration_window", "lnd_version",
            "lnd_node_pubkey", "lnd_commit_hash", "lnd_node_alias", "lnd_chains", "lnd_networks", "lnd_uris", "y", "z",
            "bond_enabled", "bond_amount_pct", "bond_base_amount_sats", "bond_apply_to",
            "bond_slash_on_waiting_timeout", "bond_slash_node_share_pct", "bond_payout_claim_window_days",
            "maintenance_mode", "serbero");

    /** @throws InvalidInputException if {@code nodePubkey} is null */
    public InfoEvent {
        if (nodePubkey == null) {
            throw new InvalidInputException("info event needs d (the node pubkey)");
        }
        fiatCurrenciesAccepted = fiatCurrenciesAccepted == null ? null : List.copyOf(fiatCurrenciesAccepted);
        lndUris = lndUris == null ? null : List.copyOf(lndUris);
        unknownTags = unknownTags == null ? List.of() : List.copyOf(unknownTags);
    }

    /** A builder; only {@code nodePubkey} is required. */
    public static Builder builder(String nodePubkey) {
        return new Builder(nodePubkey);
    }

    /**
     * Reads a kind-38385 event.
     *
     * @throws EventParseException for the wrong kind, a missing {@code d}, or a malformed known tag
     */
    public static InfoEvent parse(Event event) {
        TagReader.checkKind(event, KIND);
        return fromTags(event.tags());
    }

    /**
     * Reads the info event of {@code node}, rejecting look-alikes: the author and {@code d} must both be the node.
     *
     * @throws EventParseException (tag {@code d}) when the event is not the node's own info event
     */
    public static InfoEvent parse(Event event, PublicKey node) {
        InfoEvent info = parse(event);
        if (!event.pubkey().equals(node) || !info.nodePubkey().equals(node.toHex())) {
            throw new EventParseException("d", "not the info event of node " + node.toHex());
        }
        return info;
    }

    /**
     * Reads info-event tags (no kind check).
     *
     * @throws EventParseException for a missing {@code d} or a malformed known tag
     */
    public static InfoEvent fromTags(List<Tag> tags) {
        TagReader r = new TagReader(tags, KNOWN);
        String applyTo = r.optional("bond_apply_to");
        if (applyTo != null && BondSettings.ApplyTo.fromWire(applyTo).isEmpty()) {
            throw new EventParseException("bond_apply_to", "must be take, make or both");
        }
        Integer version = null;
        Long v = r.optionalLong("protocol_version");
        if (v != null) {
            if (v < 0 || v > 255) {
                throw new EventParseException("protocol_version", "out of range");
            }
            version = v.intValue();
        }
        BondSettings bond = null;
        if (r.has("bond_amount_pct") || r.has("bond_base_amount_sats") || r.has("bond_apply_to")
                || r.has("bond_slash_on_waiting_timeout") || r.has("bond_slash_node_share_pct")
                || r.has("bond_payout_claim_window_days")) {
            bond = new BondSettings(r.optionalF64("bond_amount_pct"), r.optionalNonNegative("bond_base_amount_sats"),
                    applyTo, r.optionalBool("bond_slash_on_waiting_timeout"), r.optionalF64("bond_slash_node_share_pct"),
                    r.optionalNonNegative("bond_payout_claim_window_days"));
        }
        return new InfoEvent(r.required("d"), r.optional("mostro_version"), r.optional("mostro_commit_hash"),
                r.optionalNonNegative("max_order_amount"), r.optionalNonNegative("min_order_amount"),
                r.optionalNonNegative("expiration_hours"), r.optionalNonNegative("expiration_seconds"),
                TagReader.splitExact(r.optional("fiat_currencies_accepted")),
                r.optionalNonNegative("max_orders_per_response"), r.optionalF64("fee"), r.optionalDifficulty("pow"),
                r.optionalDifficulty("pow_first_contact"), version,
                r.optionalNonNegative("hold_invoice_expiration_window"), r.optionalNonNegative("hold_invoice_cltv_delta"),
                r.optionalNonNegative("invoice_expiration_window"), r.optional("lnd_version"),
                r.optional("lnd_node_pubkey"), r.optional("lnd_commit_hash"), r.optional("lnd_node_alias"),
                r.optional("lnd_chains"), r.optional("lnd_networks"), TagReader.splitExact(r.optional("lnd_uris")),
                TagReader.platform(r), r.optional("z"), r.optionalBool("bond_enabled"), bond,
                r.optionalBool("maintenance_mode"), r.optional("serbero"), r.unknown());
    }

    /** The tags in the daemon's order (absent members skipped), then the unknown tags. */
    public List<Tag> toTags() {
        List<Tag> out = new ArrayList<>(40);
        out.add(Tag.of("d", nodePubkey));
        TagReader.addIfPresent(out, "mostro_version", mostroVersion);
        TagReader.addIfPresent(out, "mostro_commit_hash", mostroCommitHash);
        TagReader.addIfPresent(out, "max_order_amount", maxOrderAmount);
        TagReader.addIfPresent(out, "min_order_amount", minOrderAmount);
        TagReader.addIfPresent(out, "expiration_hours", expirationHours);
        TagReader.addIfPresent(out, "expiration_seconds", expirationSeconds);
        if (fiatCurrenciesAccepted != null) {
            out.add(Tag.of("fiat_currencies_accepted", String.join(",", fiatCurrenciesAccepted)));
        }
        TagReader.addIfPresent(out, "max_orders_per_response", maxOrdersPerResponse);
        TagReader.addIfPresent(out, "fee", fee);
        TagReader.addIfPresent(out, "pow", pow);
        TagReader.addIfPresent(out, "pow_first_contact", powFirstContact);
        TagReader.addIfPresent(out, "protocol_version", protocolVersion);
        TagReader.addIfPresent(out, "hold_invoice_expiration_window", holdInvoiceExpirationWindow);
        TagReader.addIfPresent(out, "hold_invoice_cltv_delta", holdInvoiceCltvDelta);
        TagReader.addIfPresent(out, "invoice_expiration_window", invoiceExpirationWindow);
        TagReader.addIfPresent(out, "lnd_version", lndVersion);
        TagReader.addIfPresent(out, "lnd_node_pubkey", lndNodePubkey);
        TagReader.addIfPresent(out, "lnd_commit_hash", lndCommitHash);
        TagReader.addIfPresent(out, "lnd_node_alias", lndNodeAlias);
        TagReader.addIfPresent(out, "lnd_chains", lndChains);
        TagReader.addIfPresent(out, "lnd_networks", lndNetworks);
        if (lndUris != null) {
            out.add(Tag.of("lnd_uris", String.join(",", lndUris)));
        }
        TagReader.addIfPresent(out, platform);
        TagReader.addIfPresent(out, "z", z);
        TagReader.addIfPresent(out, "bond_enabled", bondEnabled);
        if (bond != null) {
            TagReader.addIfPresent(out, "bond_amount_pct", bond.amountPct());
            TagReader.addIfPresent(out, "bond_base_amount_sats", bond.baseAmountSats());
            TagReader.addIfPresent(out, "bond_apply_to", bond.applyTo());
            TagReader.addIfPresent(out, "bond_slash_on_waiting_timeout", bond.slashOnWaitingTimeout());
            TagReader.addIfPresent(out, "bond_slash_node_share_pct", bond.slashNodeSharePct());
            TagReader.addIfPresent(out, "bond_payout_claim_window_days", bond.payoutClaimWindowDays());
        }
        TagReader.addIfPresent(out, "maintenance_mode", maintenanceMode);
        TagReader.addIfPresent(out, "serbero", serbero);
        out.addAll(unknownTags);
        return List.copyOf(out);
    }

    /** The unsigned event ({@code content = ""}, no expiration) to sign with the node key. */
    public UnsignedEvent toUnsignedEvent(PublicKey node, long createdAt) {
        return new UnsignedEvent(Objects.requireNonNull(node, "node"), createdAt, KIND, toTags(), "");
    }

    /** The transport version: {@code protocol_version}, or 1 when absent (a daemon before 0.18, SPEC §3.1). */
    public int protocolVersionOrDefault() {
        return protocolVersion == null ? 1 : protocolVersion;
    }

    /** Whether every fiat currency is accepted ({@code fiat_currencies_accepted} empty or absent). */
    public boolean acceptsAllCurrencies() {
        return fiatCurrenciesAccepted == null || fiatCurrenciesAccepted.isEmpty();
    }

    /** Whether {@code fiatCode} is accepted (case-sensitive, as the daemon compares). */
    public boolean acceptsCurrency(String fiatCode) {
        return acceptsAllCurrencies() || fiatCurrenciesAccepted.contains(fiatCode);
    }

    /** Whether anti-abuse bonds are on. */
    public boolean bondsEnabled() {
        return Boolean.TRUE.equals(bondEnabled);
    }

    /** Whether the node is in maintenance (no new orders or takes; SPEC §19). */
    public boolean inMaintenance() {
        return Boolean.TRUE.equals(maintenanceMode);
    }

    /** The node fee as text the way the daemon writes it, or null. */
    public String feeText() {
        return fee == null ? null : RustDisplay.f64(fee);
    }

    /** Mutable builder for {@link InfoEvent}. Not thread-safe. */
    public static final class Builder {
        private final String nodePubkey;
        private String mostroVersion;
        private String mostroCommitHash;
        private Long maxOrderAmount;
        private Long minOrderAmount;
        private Long expirationHours;
        private Long expirationSeconds;
        private List<String> fiatCurrenciesAccepted;
        private Long maxOrdersPerResponse;
        private Double fee;
        private Integer pow;
        private Integer powFirstContact;
        private Integer protocolVersion;
        private Long holdInvoiceExpirationWindow;
        private Long holdInvoiceCltvDelta;
        private Long invoiceExpirationWindow;
        private String lndVersion;
        private String lndNodePubkey;
        private String lndCommitHash;
        private String lndNodeAlias;
        private String lndChains;
        private String lndNetworks;
        private List<String> lndUris;
        private Platform platform;
        private String z = "info";
        private Boolean bondEnabled;
        private BondSettings bond;
        private Boolean maintenanceMode;
        private String serbero;
        private List<Tag> unknownTags = List.of();

        private Builder(String nodePubkey) {
            this.nodePubkey = nodePubkey;
        }

        public Builder mostroVersion(String v) { mostroVersion = v; return this; }
        public Builder mostroCommitHash(String v) { mostroCommitHash = v; return this; }
        public Builder maxOrderAmount(Long v) { maxOrderAmount = v; return this; }
        public Builder minOrderAmount(Long v) { minOrderAmount = v; return this; }
        public Builder expirationHours(Long v) { expirationHours = v; return this; }
        public Builder expirationSeconds(Long v) { expirationSeconds = v; return this; }
        public Builder fiatCurrenciesAccepted(List<String> v) { fiatCurrenciesAccepted = v; return this; }
        public Builder maxOrdersPerResponse(Long v) { maxOrdersPerResponse = v; return this; }
        public Builder fee(Double v) { fee = v; return this; }
        public Builder pow(Integer v) { pow = v; return this; }
        public Builder powFirstContact(Integer v) { powFirstContact = v; return this; }
        public Builder protocolVersion(Integer v) { protocolVersion = v; return this; }
        public Builder holdInvoiceExpirationWindow(Long v) { holdInvoiceExpirationWindow = v; return this; }
        public Builder holdInvoiceCltvDelta(Long v) { holdInvoiceCltvDelta = v; return this; }
        public Builder invoiceExpirationWindow(Long v) { invoiceExpirationWindow = v; return this; }
        public Builder lndVersion(String v) { lndVersion = v; return this; }
        public Builder lndNodePubkey(String v) { lndNodePubkey = v; return this; }
        public Builder lndCommitHash(String v) { lndCommitHash = v; return this; }
        public Builder lndNodeAlias(String v) { lndNodeAlias = v; return this; }
        public Builder lndChains(String v) { lndChains = v; return this; }
        public Builder lndNetworks(String v) { lndNetworks = v; return this; }
        public Builder lndUris(List<String> v) { lndUris = v; return this; }
        public Builder platform(Platform v) { platform = v; return this; }
        /** (default: {@code "info"}) */
        public Builder z(String v) { z = v; return this; }
        public Builder bondEnabled(Boolean v) { bondEnabled = v; return this; }
        public Builder bond(BondSettings v) { bond = v; return this; }
        public Builder maintenanceMode(Boolean v) { maintenanceMode = v; return this; }
        public Builder serbero(String v) { serbero = v; return this; }
        public Builder unknownTags(List<Tag> v) { unknownTags = v; return this; }

        public InfoEvent build() {
            return new InfoEvent(nodePubkey, mostroVersion, mostroCommitHash, maxOrderAmount, minOrderAmount,
                    expirationHours, expirationSeconds, fiatCurrenciesAccepted, maxOrdersPerResponse, fee, pow,
                    powFirstContact, protocolVersion, holdInvoiceExpirationWindow, holdInvoiceCltvDelta,
                    invoiceExpirationWindow, lndVersion, lndNodePubkey, lndCommitHash, lndNodeAlias, lndChains,
                    lndNetworks, lndUris, platform, z, bondEnabled, bond, maintenanceMode, serbero, unknownTags);
        }
    }
}
