package network.mostro.server;

import java.math.BigDecimal;

/** Range checks of {@link NodeSettings}; not public API. Stateless and thread-safe. */
final class SettingsValidation {
    private static final BigDecimal MIN_DEV = new BigDecimal("0.10");

    private SettingsValidation() {}

    static void validate(BigDecimal fee, BigDecimal maxRoutingFee, long maxOrderAmount, long minPaymentAmount,
            long expirationHours, long maxExpirationDays, long expirationSeconds, long userRates,
            long publishRelays, int pow, Integer powFirstContact, long activePubkeysRefresh,
            TransportVersion transport, long publishInfo, long maxOrdersPerResponse, BigDecimal devFee,
            long invoiceExpirationWindow, int cltv, long holdWindow, int paymentAttempts, long retriesInterval,
            long maxFinalCltv, long margin, long[] days, long staleness, long priceInterval, long payoutTimeout,
            String version, String commit) {
        fraction("fee", fee);
        fraction("max_routing_fee", maxRoutingFee);
        if (devFee == null || devFee.compareTo(MIN_DEV) < 0 || devFee.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidSettingsException("dev_fee_percentage", "must be within [0.10, 1.0], got " + devFee);
        }
        if (minPaymentAmount < 0) {
            throw new InvalidSettingsException("min_payment_amount", "must not be negative");
        }
        if (maxOrderAmount <= 0 || maxOrderAmount < minPaymentAmount) {
            throw new InvalidSettingsException("max_order_amount", "must be positive and >= min_payment_amount");
        }
        positive("expiration_hours", expirationHours);
        positive("max_expiration_days", maxExpirationDays);
        positive("expiration_seconds", expirationSeconds);
        positive("user_rates_sent_interval_seconds", userRates);
        positive("publish_relays_interval", publishRelays);
        positive("active_pubkeys_refresh_interval", activePubkeysRefresh);
        positive("publish_mostro_info_interval", publishInfo);
        positive("max_orders_per_response", maxOrdersPerResponse);
        positive("invoice_expiration_window", invoiceExpirationWindow);
        positive("hold_invoice_expiration_window", holdWindow);
        positive("payment_retries_interval", retriesInterval);
        positive("max_final_cltv_expiry_delta", maxFinalCltv);
        positive("max_price_staleness_seconds", staleness);
        positive("payout_timeout", payoutTimeout);
        if (pow < 0 || pow > 256) {
            throw new InvalidSettingsException("pow", "must be within [0, 256]");
        }
        if (powFirstContact != null && (powFirstContact < 0 || powFirstContact > 256)) {
            throw new InvalidSettingsException("pow_first_contact", "must be within [0, 256]");
        }
        if (transport == null) {
            throw new InvalidSettingsException("transport", "is required");
        }
        if (cltv <= 0) {
            throw new InvalidSettingsException("hold_invoice_cltv_delta", "must be positive");
        }
        if (margin < 0 || margin >= cltv) {
            throw new InvalidSettingsException("escrow_deadline_margin_blocks",
                    "must be within [0, hold_invoice_cltv_delta)");
        }
        if (paymentAttempts < 1) {
            throw new InvalidSettingsException("payment_attempts", "must be at least 1");
        }
        String[] names = {"order_days", "rating_days", "dispute_days", "fee_audit_days", "dm_days"};
        for (int i = 0; i < days.length; i++) {
            positive(names[i], days[i]);
        }
        if (priceInterval < 60) {
            throw new InvalidSettingsException("update_interval_seconds", "must be at least 60");
        }
        if (version == null || commit == null) {
            throw new InvalidSettingsException("mostro_version", "version and commit hash must not be null");
        }
    }

    private static void fraction(String name, BigDecimal v) {
        if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.ONE) >= 0) {
            throw new InvalidSettingsException(name, "must be within [0, 1), got " + v);
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new InvalidSettingsException(name, "must be positive, got " + v);
        }
    }
}
