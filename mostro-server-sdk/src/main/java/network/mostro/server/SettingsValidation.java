package network.mostro.server;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Range checks of {@link NodeSettings}; not public API. Every bad value is found, not only the first. Stateless and
 * thread-safe.
 */
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
        List<InvalidSettingsException.Problem> bad = new ArrayList<>();
        fraction(bad, "fee", fee);
        fraction(bad, "max_routing_fee", maxRoutingFee);
        if (devFee == null || devFee.compareTo(MIN_DEV) < 0 || devFee.compareTo(BigDecimal.ONE) > 0) {
            bad.add(new InvalidSettingsException.Problem("dev_fee_percentage",
                    "must be within [0.10, 1.0], got " + devFee));
        }
        if (minPaymentAmount < 0) {
            bad.add(new InvalidSettingsException.Problem("min_payment_amount", "must not be negative"));
        }
        if (maxOrderAmount <= 0 || maxOrderAmount < minPaymentAmount && minPaymentAmount >= 0) {
            bad.add(new InvalidSettingsException.Problem("max_order_amount",
                    "must be positive and >= min_payment_amount"));
        }
        positive(bad, "expiration_hours", expirationHours);
        positive(bad, "max_expiration_days", maxExpirationDays);
        positive(bad, "expiration_seconds", expirationSeconds);
        positive(bad, "user_rates_sent_interval_seconds", userRates);
        positive(bad, "publish_relays_interval", publishRelays);
        positive(bad, "active_pubkeys_refresh_interval", activePubkeysRefresh);
        positive(bad, "publish_mostro_info_interval", publishInfo);
        positive(bad, "max_orders_per_response", maxOrdersPerResponse);
        positive(bad, "invoice_expiration_window", invoiceExpirationWindow);
        positive(bad, "hold_invoice_expiration_window", holdWindow);
        positive(bad, "payment_retries_interval", retriesInterval);
        positive(bad, "max_final_cltv_expiry_delta", maxFinalCltv);
        positive(bad, "max_price_staleness_seconds", staleness);
        positive(bad, "payout_timeout", payoutTimeout);
        if (pow < 0 || pow > 256) {
            bad.add(new InvalidSettingsException.Problem("pow", "must be within [0, 256]"));
        }
        if (powFirstContact != null && (powFirstContact < 0 || powFirstContact > 256)) {
            bad.add(new InvalidSettingsException.Problem("pow_first_contact", "must be within [0, 256]"));
        }
        if (transport == null) {
            bad.add(new InvalidSettingsException.Problem("transport", "is required"));
        }
        if (cltv <= 0) {
            bad.add(new InvalidSettingsException.Problem("hold_invoice_cltv_delta", "must be positive"));
        }
        if (margin < 0 || cltv > 0 && margin >= cltv) {
            bad.add(new InvalidSettingsException.Problem("escrow_deadline_margin_blocks",
                    "must be within [0, hold_invoice_cltv_delta)"));
        }
        if (paymentAttempts < 1) {
            bad.add(new InvalidSettingsException.Problem("payment_attempts", "must be at least 1"));
        }
        String[] names = {"order_days", "rating_days", "dispute_days", "fee_audit_days", "dm_days"};
        for (int i = 0; i < days.length; i++) {
            positive(bad, names[i], days[i]);
        }
        if (priceInterval < 60) {
            bad.add(new InvalidSettingsException.Problem("update_interval_seconds", "must be at least 60"));
        }
        if (version == null || commit == null) {
            bad.add(new InvalidSettingsException.Problem("mostro_version",
                    "version and commit hash must not be null"));
        }
        if (!bad.isEmpty()) {
            throw new InvalidSettingsException(bad);
        }
    }

    private static void fraction(List<InvalidSettingsException.Problem> bad, String name, BigDecimal v) {
        if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.ONE) >= 0) {
            bad.add(new InvalidSettingsException.Problem(name, "must be within [0, 1), got " + v));
        }
    }

    private static void positive(List<InvalidSettingsException.Problem> bad, String name, long v) {
        if (v <= 0) {
            bad.add(new InvalidSettingsException.Problem(name, "must be positive, got " + v));
        }
    }
}
