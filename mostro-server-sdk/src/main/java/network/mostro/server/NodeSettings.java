package network.mostro.server;

import java.math.BigDecimal;
import java.util.List;

/**
 * A node's configuration: every daemon setting of SPEC §17 that applies to this SDK, with the daemon's defaults
 * ({@link #defaults()}) and its validation ({@link InvalidSettingsException} names the setting). Anti-abuse bonds and
 * Cashu are not supported. The Lightning network is not a setting: it comes from the {@code LightningBackend}.
 *
 * <pre>{@code
 * NodeSettings s = NodeSettings.builder().name("my mostro").fee(new BigDecimal("0.006")).build();
 * }</pre>
 *
 * The settings table with defaults and ranges is in {@code docs/server.md}.
 * Immutable and thread-safe.
 *
 * @param name {@code name}: instance name (kind 0 and the second {@code y} value), or null
 * @param about {@code about}: kind-0 {@code about}, or null
 * @param picture {@code picture}: kind-0 {@code picture}, or null
 * @param website {@code website}: kind-0 {@code website}, or null
 * @param fee {@code fee}: total Mostro fee fraction, split 50/50 (default 0; [0, 1))
 * @param maxRoutingFee {@code max_routing_fee}: payout routing budget fraction (default 0.002; [0, 1))
 * @param maxOrderAmount {@code max_order_amount}: upper sats quote bound (default 1 000 000)
 * @param minPaymentAmount {@code min_payment_amount}: lower sats quote bound and minimum user invoice amount
 *     (default 100)
 * @param expirationHours {@code expiration_hours}: default pending lifetime in hours (default 24)
 * @param maxExpirationDays {@code max_expiration_days}: clamp for a custom {@code expires_at}, days (default 15)
 * @param expirationSeconds {@code expiration_seconds}: waiting-state timeout in seconds (default 900)
 * @param userRatesSentIntervalSeconds {@code user_rates_sent_interval_seconds}: kind-38384 batch period in seconds
 *     (default 3600)
 * @param publishRelaysInterval {@code publish_relays_interval}: kind-10002 period in seconds (default 60)
 * @param pow {@code pow}: base NIP-13 difficulty for every inbound event (default 0)
 * @param powFirstContact {@code pow_first_contact}: difficulty for unknown sender keys, v2 only (default unset =
 *     pow)
 * @param activePubkeysRefreshInterval {@code active_pubkeys_refresh_interval}: known-key set rebuild period in
 *     seconds (default 60)
 * @param transport {@code transport}: the one transport (default v2)
 * @param publishMostroInfoInterval {@code publish_mostro_info_interval}: kind-38385 period in seconds (default 300)
 * @param fiatCurrenciesAccepted {@code fiat_currencies_accepted}: accepted fiat codes, empty = all (default USD,
 *     EUR, ARS, CUP)
 * @param maxOrdersPerResponse {@code max_orders_per_response}: {@code orders} request cap (default 10)
 * @param devFeePercentage {@code dev_fee_percentage}: share of the Mostro fee owed to development (default 0.30;
 *     [0.10, 1.0])
 * @param devFeeAddress {@code dev_fee_address}: Lightning address the dev fee is paid to (the daemon's constant)
 * @param invoiceExpirationWindow {@code invoice_expiration_window}: minimum remaining validity of user bolt11
 *     invoices, seconds (default 3600)
 * @param holdInvoiceCltvDelta {@code hold_invoice_cltv_delta}: escrow hold invoice final CLTV in blocks (default
 *     144)
 * @param holdInvoiceExpirationWindow {@code hold_invoice_expiration_window}: advertised only, seconds (default 300)
 * @param paymentAttempts {@code payment_attempts}: payout attempts before asking for a new invoice (default 3)
 * @param paymentRetriesInterval {@code payment_retries_interval}: payout retry period in seconds (default 60)
 * @param maxFinalCltvExpiryDelta {@code max_final_cltv_expiry_delta}: largest min_final_cltv of user invoices
 *     (default 432)
 * @param escrowDeadlineMarginBlocks {@code escrow_deadline_margin_blocks}: escrow deadline guard margin in blocks
 *     (default 24)
 * @param orderDays {@code order_days}: NIP-40 expiration of non-pending order events, days (default 30)
 * @param ratingDays {@code rating_days}: NIP-40 expiration of rating events, days (default 90)
 * @param disputeDays {@code dispute_days}: NIP-40 expiration of dispute events, days (default 90)
 * @param feeAuditDays {@code fee_audit_days}: NIP-40 expiration of dev-fee audit events, days (default 365)
 * @param dmDays {@code dm_days}: NIP-40 expiration of messages to users, days (default 30)
 * @param maxPriceStalenessSeconds {@code max_price_staleness_seconds}: oldest usable price in seconds (default
 *     1800)
 * @param priceUpdateIntervalSeconds {@code update_interval_seconds}: price refresh period in seconds (default 300,
 *     at least 60)
 * @param payoutTimeoutSeconds {@code payout_timeout}: payout route search timeout in seconds (default 60)
 * @param mostroVersion {@code mostro_version}: the {@code mostro_version} advertised in kind 38385
 * @param mostroCommitHash {@code mostro_commit_hash}: the {@code mostro_commit_hash} advertised in kind 38385
 */
public record NodeSettings(
        String name,
        String about,
        String picture,
        String website,
        BigDecimal fee,
        BigDecimal maxRoutingFee,
        long maxOrderAmount,
        long minPaymentAmount,
        long expirationHours,
        long maxExpirationDays,
        long expirationSeconds,
        long userRatesSentIntervalSeconds,
        long publishRelaysInterval,
        int pow,
        Integer powFirstContact,
        long activePubkeysRefreshInterval,
        TransportVersion transport,
        long publishMostroInfoInterval,
        List<String> fiatCurrenciesAccepted,
        long maxOrdersPerResponse,
        BigDecimal devFeePercentage,
        String devFeeAddress,
        long invoiceExpirationWindow,
        int holdInvoiceCltvDelta,
        long holdInvoiceExpirationWindow,
        int paymentAttempts,
        long paymentRetriesInterval,
        long maxFinalCltvExpiryDelta,
        long escrowDeadlineMarginBlocks,
        long orderDays,
        long ratingDays,
        long disputeDays,
        long feeAuditDays,
        long dmDays,
        long maxPriceStalenessSeconds,
        long priceUpdateIntervalSeconds,
        long payoutTimeoutSeconds,
        String mostroVersion,
        String mostroCommitHash) {

    /**
     * Validates the settings.
     *
     * @throws InvalidSettingsException naming the first setting out of range
     */
    public NodeSettings {
        fiatCurrenciesAccepted = fiatCurrenciesAccepted == null ? List.of() : List.copyOf(fiatCurrenciesAccepted);
        SettingsValidation.validate(fee, maxRoutingFee, maxOrderAmount, minPaymentAmount, expirationHours,
                maxExpirationDays, expirationSeconds, userRatesSentIntervalSeconds, publishRelaysInterval, pow,
                powFirstContact, activePubkeysRefreshInterval, transport, publishMostroInfoInterval,
                maxOrdersPerResponse, devFeePercentage, invoiceExpirationWindow, holdInvoiceCltvDelta,
                holdInvoiceExpirationWindow, paymentAttempts, paymentRetriesInterval, maxFinalCltvExpiryDelta,
                escrowDeadlineMarginBlocks, new long[] {orderDays, ratingDays, disputeDays, feeAuditDays, dmDays},
                maxPriceStalenessSeconds, priceUpdateIntervalSeconds, payoutTimeoutSeconds, mostroVersion,
                mostroCommitHash);
    }

    /** The daemon's defaults. */
    public static NodeSettings defaults() {
        return builder().build();
    }

    /** A builder with the daemon's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.about = about;
        b.picture = picture;
        b.website = website;
        b.fee = fee;
        b.maxRoutingFee = maxRoutingFee;
        b.maxOrderAmount = maxOrderAmount;
        b.minPaymentAmount = minPaymentAmount;
        b.expirationHours = expirationHours;
        b.maxExpirationDays = maxExpirationDays;
        b.expirationSeconds = expirationSeconds;
        b.userRatesSentIntervalSeconds = userRatesSentIntervalSeconds;
        b.publishRelaysInterval = publishRelaysInterval;
        b.pow = pow;
        b.powFirstContact = powFirstContact;
        b.activePubkeysRefreshInterval = activePubkeysRefreshInterval;
        b.transport = transport;
        b.publishMostroInfoInterval = publishMostroInfoInterval;
        b.fiatCurrenciesAccepted = fiatCurrenciesAccepted;
        b.maxOrdersPerResponse = maxOrdersPerResponse;
        b.devFeePercentage = devFeePercentage;
        b.devFeeAddress = devFeeAddress;
        b.invoiceExpirationWindow = invoiceExpirationWindow;
        b.holdInvoiceCltvDelta = holdInvoiceCltvDelta;
        b.holdInvoiceExpirationWindow = holdInvoiceExpirationWindow;
        b.paymentAttempts = paymentAttempts;
        b.paymentRetriesInterval = paymentRetriesInterval;
        b.maxFinalCltvExpiryDelta = maxFinalCltvExpiryDelta;
        b.escrowDeadlineMarginBlocks = escrowDeadlineMarginBlocks;
        b.orderDays = orderDays;
        b.ratingDays = ratingDays;
        b.disputeDays = disputeDays;
        b.feeAuditDays = feeAuditDays;
        b.dmDays = dmDays;
        b.maxPriceStalenessSeconds = maxPriceStalenessSeconds;
        b.priceUpdateIntervalSeconds = priceUpdateIntervalSeconds;
        b.payoutTimeoutSeconds = payoutTimeoutSeconds;
        b.mostroVersion = mostroVersion;
        b.mostroCommitHash = mostroCommitHash;
        return b;
    }

    /** The first-contact difficulty actually enforced on v2: {@code max(pow, pow_first_contact)}; v1: {@code pow}. */
    public int effectivePowFirstContact() {
        if (transport == TransportVersion.V1) {
            return pow;
        }
        return powFirstContact == null ? pow : Math.max(pow, powFirstContact);
    }

    /** Whether {@code fiatCode} is accepted (an empty list accepts every code). */
    public boolean acceptsCurrency(String fiatCode) {
        return fiatCurrenciesAccepted.isEmpty() || fiatCurrenciesAccepted.contains(fiatCode);
    }

    /** Builds {@link NodeSettings}; every setter states the daemon's default. Not thread-safe. */
    public static final class Builder {
        private String name = null;
        private String about = null;
        private String picture = null;
        private String website = null;
        private BigDecimal fee = new BigDecimal("0");
        private BigDecimal maxRoutingFee = new BigDecimal("0.002");
        private long maxOrderAmount = 1_000_000L;
        private long minPaymentAmount = 100L;
        private long expirationHours = 24L;
        private long maxExpirationDays = 15L;
        private long expirationSeconds = 900L;
        private long userRatesSentIntervalSeconds = 3600L;
        private long publishRelaysInterval = 60L;
        private int pow = 0;
        private Integer powFirstContact = null;
        private long activePubkeysRefreshInterval = 60L;
        private TransportVersion transport = TransportVersion.V2;
        private long publishMostroInfoInterval = 300L;
        private List<String> fiatCurrenciesAccepted = List.of("USD", "EUR", "ARS", "CUP");
        private long maxOrdersPerResponse = 10L;
        private BigDecimal devFeePercentage = new BigDecimal("0.30");
        private String devFeeAddress = "pivotaldeborah52@walletofsatoshi.com";
        private long invoiceExpirationWindow = 3600L;
        private int holdInvoiceCltvDelta = 144;
        private long holdInvoiceExpirationWindow = 300L;
        private int paymentAttempts = 3;
        private long paymentRetriesInterval = 60L;
        private long maxFinalCltvExpiryDelta = 432L;
        private long escrowDeadlineMarginBlocks = 24L;
        private long orderDays = 30L;
        private long ratingDays = 90L;
        private long disputeDays = 90L;
        private long feeAuditDays = 365L;
        private long dmDays = 30L;
        private long maxPriceStalenessSeconds = 1800L;
        private long priceUpdateIntervalSeconds = 300L;
        private long payoutTimeoutSeconds = 60L;
        private String mostroVersion = "mostro-java 0.1.0";
        private String mostroCommitHash = "";

        private Builder() {}

        /** {@code name}: instance name (kind 0 and the second {@code y} value), or null. */
        public Builder name(String v) {
            this.name = v;
            return this;
        }

        /** {@code about}: kind-0 {@code about}, or null. */
        public Builder about(String v) {
            this.about = v;
            return this;
        }

        /** {@code picture}: kind-0 {@code picture}, or null. */
        public Builder picture(String v) {
            this.picture = v;
            return this;
        }

        /** {@code website}: kind-0 {@code website}, or null. */
        public Builder website(String v) {
            this.website = v;
            return this;
        }

        /** {@code fee}: total Mostro fee fraction, split 50/50 (default 0; [0, 1)). */
        public Builder fee(BigDecimal v) {
            this.fee = v;
            return this;
        }

        /** {@code max_routing_fee}: payout routing budget fraction (default 0.002; [0, 1)). */
        public Builder maxRoutingFee(BigDecimal v) {
            this.maxRoutingFee = v;
            return this;
        }

        /** {@code max_order_amount}: upper sats quote bound (default 1 000 000). */
        public Builder maxOrderAmount(long v) {
            this.maxOrderAmount = v;
            return this;
        }

        /** {@code min_payment_amount}: lower sats quote bound and minimum user invoice amount (default 100). */
        public Builder minPaymentAmount(long v) {
            this.minPaymentAmount = v;
            return this;
        }

        /** {@code expiration_hours}: default pending lifetime in hours (default 24). */
        public Builder expirationHours(long v) {
            this.expirationHours = v;
            return this;
        }

        /** {@code max_expiration_days}: clamp for a custom {@code expires_at}, days (default 15). */
        public Builder maxExpirationDays(long v) {
            this.maxExpirationDays = v;
            return this;
        }

        /** {@code expiration_seconds}: waiting-state timeout in seconds (default 900). */
        public Builder expirationSeconds(long v) {
            this.expirationSeconds = v;
            return this;
        }

        /** {@code user_rates_sent_interval_seconds}: kind-38384 batch period in seconds (default 3600). */
        public Builder userRatesSentIntervalSeconds(long v) {
            this.userRatesSentIntervalSeconds = v;
            return this;
        }

        /** {@code publish_relays_interval}: kind-10002 period in seconds (default 60). */
        public Builder publishRelaysInterval(long v) {
            this.publishRelaysInterval = v;
            return this;
        }

        /** {@code pow}: base NIP-13 difficulty for every inbound event (default 0). */
        public Builder pow(int v) {
            this.pow = v;
            return this;
        }

        /** {@code pow_first_contact}: difficulty for unknown sender keys, v2 only (default unset = pow). */
        public Builder powFirstContact(Integer v) {
            this.powFirstContact = v;
            return this;
        }

        /** {@code active_pubkeys_refresh_interval}: known-key set rebuild period in seconds (default 60). */
        public Builder activePubkeysRefreshInterval(long v) {
            this.activePubkeysRefreshInterval = v;
            return this;
        }

        /** {@code transport}: the one transport (default v2). */
        public Builder transport(TransportVersion v) {
            this.transport = v;
            return this;
        }

        /** {@code publish_mostro_info_interval}: kind-38385 period in seconds (default 300). */
        public Builder publishMostroInfoInterval(long v) {
            this.publishMostroInfoInterval = v;
            return this;
        }

        /** {@code fiat_currencies_accepted}: accepted fiat codes, empty = all (default USD, EUR, ARS, CUP). */
        public Builder fiatCurrenciesAccepted(List<String> v) {
            this.fiatCurrenciesAccepted = v;
            return this;
        }

        /** {@code max_orders_per_response}: {@code orders} request cap (default 10). */
        public Builder maxOrdersPerResponse(long v) {
            this.maxOrdersPerResponse = v;
            return this;
        }

        /** {@code dev_fee_percentage}: share of the Mostro fee owed to development (default 0.30; [0.10, 1.0]). */
        public Builder devFeePercentage(BigDecimal v) {
            this.devFeePercentage = v;
            return this;
        }

        /** {@code dev_fee_address}: Lightning address the dev fee is paid to (the daemon's constant). */
        public Builder devFeeAddress(String v) {
            this.devFeeAddress = v;
            return this;
        }

        /** {@code invoice_expiration_window}: minimum remaining validity of user bolt11 invoices (default 3600 s). */
        public Builder invoiceExpirationWindow(long v) {
            this.invoiceExpirationWindow = v;
            return this;
        }

        /** {@code hold_invoice_cltv_delta}: escrow hold invoice final CLTV in blocks (default 144). */
        public Builder holdInvoiceCltvDelta(int v) {
            this.holdInvoiceCltvDelta = v;
            return this;
        }

        /** {@code hold_invoice_expiration_window}: advertised only, seconds (default 300). */
        public Builder holdInvoiceExpirationWindow(long v) {
            this.holdInvoiceExpirationWindow = v;
            return this;
        }

        /** {@code payment_attempts}: payout attempts before asking for a new invoice (default 3). */
        public Builder paymentAttempts(int v) {
            this.paymentAttempts = v;
            return this;
        }

        /** {@code payment_retries_interval}: payout retry period in seconds (default 60). */
        public Builder paymentRetriesInterval(long v) {
            this.paymentRetriesInterval = v;
            return this;
        }

        /** {@code max_final_cltv_expiry_delta}: largest min_final_cltv of user invoices (default 432). */
        public Builder maxFinalCltvExpiryDelta(long v) {
            this.maxFinalCltvExpiryDelta = v;
            return this;
        }

        /** {@code escrow_deadline_margin_blocks}: escrow deadline guard margin in blocks (default 24). */
        public Builder escrowDeadlineMarginBlocks(long v) {
            this.escrowDeadlineMarginBlocks = v;
            return this;
        }

        /** {@code order_days}: NIP-40 expiration of non-pending order events, days (default 30). */
        public Builder orderDays(long v) {
            this.orderDays = v;
            return this;
        }

        /** {@code rating_days}: NIP-40 expiration of rating events, days (default 90). */
        public Builder ratingDays(long v) {
            this.ratingDays = v;
            return this;
        }

        /** {@code dispute_days}: NIP-40 expiration of dispute events, days (default 90). */
        public Builder disputeDays(long v) {
            this.disputeDays = v;
            return this;
        }

        /** {@code fee_audit_days}: NIP-40 expiration of dev-fee audit events, days (default 365). */
        public Builder feeAuditDays(long v) {
            this.feeAuditDays = v;
            return this;
        }

        /** {@code dm_days}: NIP-40 expiration of messages to users, days (default 30). */
        public Builder dmDays(long v) {
            this.dmDays = v;
            return this;
        }

        /** {@code max_price_staleness_seconds}: oldest usable price in seconds (default 1800). */
        public Builder maxPriceStalenessSeconds(long v) {
            this.maxPriceStalenessSeconds = v;
            return this;
        }

        /** {@code update_interval_seconds}: price refresh period in seconds (default 300, at least 60). */
        public Builder priceUpdateIntervalSeconds(long v) {
            this.priceUpdateIntervalSeconds = v;
            return this;
        }

        /** {@code payout_timeout}: payout route search timeout in seconds (default 60). */
        public Builder payoutTimeoutSeconds(long v) {
            this.payoutTimeoutSeconds = v;
            return this;
        }

        /** {@code mostro_version}: the {@code mostro_version} advertised in kind 38385. */
        public Builder mostroVersion(String v) {
            this.mostroVersion = v;
            return this;
        }

        /** {@code mostro_commit_hash}: the {@code mostro_commit_hash} advertised in kind 38385. */
        public Builder mostroCommitHash(String v) {
            this.mostroCommitHash = v;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws InvalidSettingsException naming the first setting out of range
         */
        public NodeSettings build() {
            return new NodeSettings(name, about, picture, website, fee, maxRoutingFee, maxOrderAmount, minPaymentAmount,
                    expirationHours, maxExpirationDays, expirationSeconds, userRatesSentIntervalSeconds,
                    publishRelaysInterval, pow, powFirstContact, activePubkeysRefreshInterval, transport,
                    publishMostroInfoInterval, fiatCurrenciesAccepted, maxOrdersPerResponse, devFeePercentage,
                    devFeeAddress, invoiceExpirationWindow, holdInvoiceCltvDelta, holdInvoiceExpirationWindow,
                    paymentAttempts, paymentRetriesInterval, maxFinalCltvExpiryDelta, escrowDeadlineMarginBlocks,
                    orderDays, ratingDays, disputeDays, feeAuditDays, dmDays, maxPriceStalenessSeconds,
                    priceUpdateIntervalSeconds, payoutTimeoutSeconds, mostroVersion, mostroCommitHash);
        }
    }
}
