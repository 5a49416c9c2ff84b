package network.mostro.server.store.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import network.mostro.protocol.DisputeInitiator;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.state.BondPayoutState;
import network.mostro.protocol.state.BondPolicy;
import network.mostro.protocol.state.DisputeAssignee;
import network.mostro.protocol.state.HoldInvoiceState;
import network.mostro.protocol.state.Party;
import network.mostro.protocol.state.TradeContext;
import network.mostro.server.store.DisputeRecord;
import network.mostro.server.store.OrderRecord;
import network.mostro.server.store.OutboxEntry;
import network.mostro.server.store.SolverRecord;
import network.mostro.server.store.StoreException;
import network.mostro.server.store.UserRecord;

/**
 * Maps records to typed columns and back. Protocol enums are stored by wire name, state-machine enums by constant
 * name, UUIDs as text. Decoding checks every value and turns any inconsistency (unknown enum, bad UUID, NULL where
 * a value is required, a record invariant broken) into a {@link StoreException}. Stateless and thread-safe.
 */
final class Rows {

    enum Type { TEXT, LONG, INT, BOOL, DOUBLE }

    record Col<R>(String name, Type type, Function<R, Object> get) {}

    private Rows() {}

    private static Col<OrderRecord> o(String name, Type type, Function<OrderRecord, Object> get) {
        return new Col<>(name, type, get);
    }

    private static Col<OrderRecord> c(String name, Type type, Function<TradeContext, Object> get) {
        return new Col<>(name, type, r -> get.apply(r.context()));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** Every column of the orders table that a record fills, in insert order. */
    static final List<Col<OrderRecord>> ORDER = List.of(
            o("id", Type.TEXT, r -> r.id().toString()),
            o("kind", Type.TEXT, r -> r.kind().wireName()),
            o("status", Type.TEXT, r -> r.status().wireName()),
            o("version", Type.LONG, OrderRecord::version),
            o("creator_pubkey", Type.TEXT, OrderRecord::creatorPubkey),
            o("buyer_pubkey", Type.TEXT, OrderRecord::buyerPubkey),
            o("master_buyer_pubkey", Type.TEXT, OrderRecord::masterBuyerPubkey),
            o("seller_pubkey", Type.TEXT, OrderRecord::sellerPubkey),
            o("master_seller_pubkey", Type.TEXT, OrderRecord::masterSellerPubkey),
            o("trade_index_buyer", Type.LONG, OrderRecord::tradeIndexBuyer),
            o("trade_index_seller", Type.LONG, OrderRecord::tradeIndexSeller),
            o("fiat_code", Type.TEXT, OrderRecord::fiatCode),
            o("fiat_amount", Type.LONG, OrderRecord::fiatAmount),
            o("min_amount", Type.LONG, OrderRecord::minAmount),
            o("max_amount", Type.LONG, OrderRecord::maxAmount),
            o("payment_method", Type.TEXT, OrderRecord::paymentMethod),
            o("premium", Type.LONG, OrderRecord::premium),
            o("price_from_api", Type.BOOL, OrderRecord::priceFromApi),
            o("amount", Type.LONG, OrderRecord::amount),
            o("fee", Type.LONG, OrderRecord::fee),
            o("dev_fee", Type.LONG, OrderRecord::devFee),
            o("dev_fee_paid", Type.BOOL, OrderRecord::devFeePaid),
            o("dev_fee_payment_hash", Type.TEXT, OrderRecord::devFeePaymentHash),
            o("buyer_invoice", Type.TEXT, OrderRecord::buyerInvoice),
            o("hold_invoice", Type.TEXT, OrderRecord::holdInvoice),
            o("hold_hash", Type.TEXT, OrderRecord::holdHash),
            o("preimage", Type.TEXT, OrderRecord::preimage),
            o("hold_htlc_expiry_height", Type.LONG, OrderRecord::holdHtlcExpiryHeight),
            o("range_parent_id", Type.TEXT, r -> str(r.rangeParentId())),
            o("next_trade_pubkey", Type.TEXT, OrderRecord::nextTradePubkey),
            o("next_trade_index", Type.LONG, OrderRecord::nextTradeIndex),
            o("created_at", Type.LONG, OrderRecord::createdAt),
            o("expires_at", Type.LONG, OrderRecord::expiresAt),
            o("taken_at", Type.LONG, OrderRecord::takenAt),
            o("invoice_held_at", Type.LONG, OrderRecord::invoiceHeldAt),
            o("payment_attempts", Type.INT, OrderRecord::paymentAttempts),
            o("payout_hash", Type.TEXT, OrderRecord::payoutHash),
            o("payout_claimed_at", Type.LONG, OrderRecord::payoutClaimedAt),
            o("last_payout_attempt_at", Type.LONG, OrderRecord::lastPayoutAttemptAt),
            o("event_created_at", Type.LONG, OrderRecord::eventCreatedAt),
            c("ctx_bond_policy", Type.TEXT, x -> x.bondPolicy().name()),
            c("ctx_slash_on_waiting_timeout", Type.BOOL, TradeContext::slashOnWaitingTimeout),
            c("ctx_range", Type.BOOL, TradeContext::range),
            c("ctx_market", Type.BOOL, TradeContext::market),
            c("ctx_range_remainder", Type.BOOL, TradeContext::rangeRemainder),
            c("ctx_taker_assigned", Type.BOOL, TradeContext::takerAssigned),
            c("ctx_buyer_invoice_known", Type.BOOL, TradeContext::buyerInvoiceKnown),
            c("ctx_hold_invoice", Type.TEXT, x -> x.holdInvoice().name()),
            c("ctx_taker_bonds", Type.INT, TradeContext::takerBonds),
            c("ctx_maker_bond_locked", Type.BOOL, TradeContext::makerBondLocked),
            c("ctx_taker_bond_locked", Type.BOOL, TradeContext::takerBondLocked),
            c("ctx_cooperative_cancel_by", Type.TEXT, x -> x.cooperativeCancelBy().map(Party::name).orElse(null)),
            c("ctx_dispute", Type.TEXT, x -> x.dispute().map(DisputeStatus::wireName).orElse(null)),
            c("ctx_dispute_assignee", Type.TEXT, x -> x.disputeAssignee().name()),
            c("ctx_next_trade_known", Type.BOOL, TradeContext::nextTradeKnown),
            c("ctx_payout_in_flight", Type.BOOL, TradeContext::payoutInFlight),
            c("ctx_payout_exhausted", Type.BOOL, TradeContext::payoutExhausted),
            c("ctx_buyer_rated", Type.BOOL, TradeContext::buyerRated),
            c("ctx_seller_rated", Type.BOOL, TradeContext::sellerRated),
            c("ctx_bond_payout", Type.TEXT, x -> x.bondPayout().name()),
            c("ctx_bond_payout_to", Type.TEXT, x -> x.bondPayoutTo().map(Party::name).orElse(null)));

    /** Every column of the disputes table, in insert order. */
    static final List<Col<DisputeRecord>> DISPUTE = List.of(
            new Col<>("id", Type.TEXT, d -> d.id().toString()),
            new Col<>("order_id", Type.TEXT, d -> d.orderId().toString()),
            new Col<>("status", Type.TEXT, d -> d.status().wireName()),
            new Col<>("version", Type.LONG, DisputeRecord::version),
            new Col<>("initiator", Type.TEXT, d -> d.initiator().wireName()),
            new Col<>("initiator_pubkey", Type.TEXT, DisputeRecord::initiatorPubkey),
            new Col<>("solver_pubkey", Type.TEXT, DisputeRecord::solverPubkey),
            new Col<>("created_at", Type.LONG, DisputeRecord::createdAt),
            new Col<>("taken_at", Type.LONG, DisputeRecord::takenAt),
            new Col<>("event_created_at", Type.LONG, DisputeRecord::eventCreatedAt));

    /** Every column of the users table, in insert order. */
    static final List<Col<UserRecord>> USER = List.of(
            new Col<>("identity_pubkey", Type.TEXT, UserRecord::identityPubkey),
            new Col<>("last_trade_index", Type.LONG, UserRecord::lastTradeIndex),
            new Col<>("total_reviews", Type.LONG, UserRecord::totalReviews),
            new Col<>("total_rating", Type.DOUBLE, UserRecord::totalRating),
            new Col<>("last_rating", Type.INT, UserRecord::lastRating),
            new Col<>("min_rating", Type.INT, UserRecord::minRating),
            new Col<>("max_rating", Type.INT, UserRecord::maxRating),
            new Col<>("created_at", Type.LONG, UserRecord::createdAt));

    static String names(List<? extends Col<?>> cols) {
        return cols.stream().map(Col::name).collect(Collectors.joining(", "));
    }

    static String placeholders(List<? extends Col<?>> cols) {
        return cols.stream().map(x -> "?").collect(Collectors.joining(", "));
    }

    /** Binds every column of {@code r} from parameter {@code first} on; returns the next parameter index. */
    static <R> int bind(PreparedStatement ps, int first, List<Col<R>> cols, R r) throws SQLException {
        int i = first;
        for (Col<R> col : cols) {
            bindValue(ps, i++, col.type(), col.get().apply(r));
        }
        return i;
    }

    static void bindValue(PreparedStatement ps, int i, Type type, Object v) throws SQLException {
        switch (type) {
            case TEXT -> {
                if (v == null) {
                    ps.setNull(i, Types.VARCHAR);
                } else {
                    ps.setString(i, (String) v);
                }
            }
            case LONG -> {
                if (v == null) {
                    ps.setNull(i, Types.BIGINT);
                } else {
                    ps.setLong(i, ((Number) v).longValue());
                }
            }
            case INT -> ps.setLong(i, ((Number) v).longValue());
            case BOOL -> ps.setBoolean(i, (Boolean) v);
            case DOUBLE -> ps.setDouble(i, (Double) v);
        }
    }

    // ---------------------------------------------------------------- decoding

    /** Reads one row strictly; every failure names the table and column. */
    private static final class Reader {
        private final ResultSet rs;
        private final String table;

        Reader(ResultSet rs, String table) {
            this.rs = rs;
            this.table = table;
        }

        StoreException corrupt(String column, String why) {
            return new StoreException("corrupt " + table + " row: column " + column + " " + why);
        }

        String textOrNull(String col) throws SQLException {
            return rs.getString(col);
        }

        String text(String col) throws SQLException {
            String v = rs.getString(col);
            if (v == null) {
                throw corrupt(col, "is NULL");
            }
            return v;
        }

        Long lngOrNull(String col) throws SQLException {
            long v = rs.getLong(col);
            return rs.wasNull() ? null : v;
        }

        long lng(String col) throws SQLException {
            Long v = lngOrNull(col);
            if (v == null) {
                throw corrupt(col, "is NULL");
            }
            return v;
        }

        int integer(String col) throws SQLException {
            long v = lng(col);
            if (v != (int) v) {
                throw corrupt(col, "is out of range: " + v);
            }
            return (int) v;
        }

        boolean bool(String col) throws SQLException {
            boolean v = rs.getBoolean(col);
            if (rs.wasNull()) {
                throw corrupt(col, "is NULL");
            }
            return v;
        }

        double dbl(String col) throws SQLException {
            double v = rs.getDouble(col);
            if (rs.wasNull()) {
                throw corrupt(col, "is NULL");
            }
            return v;
        }

        UUID uuidOrNull(String col) throws SQLException {
            String v = rs.getString(col);
            if (v == null) {
                return null;
            }
            try {
                UUID u = UUID.fromString(v);
                if (!u.toString().equals(v)) {
                    throw corrupt(col, "is not a canonical UUID: " + v);
                }
                return u;
            } catch (IllegalArgumentException e) {
                throw corrupt(col, "is not a UUID: " + v);
            }
        }

        UUID uuid(String col) throws SQLException {
            UUID u = uuidOrNull(col);
            if (u == null) {
                throw corrupt(col, "is NULL");
            }
            return u;
        }

        <E> E wire(String col, Function<String, Optional<E>> parse) throws SQLException {
            String v = text(col);
            return parse.apply(v).orElseThrow(() -> corrupt(col, "has an unknown value: " + v));
        }

        <E extends Enum<E>> E named(String col, Class<E> type) throws SQLException {
            E e = namedOrNull(col, type);
            if (e == null) {
                throw corrupt(col, "is NULL");
            }
            return e;
        }

        <E extends Enum<E>> E namedOrNull(String col, Class<E> type) throws SQLException {
            String v = rs.getString(col);
            if (v == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw corrupt(col, "has an unknown value: " + v);
            }
        }
    }

    /** Wraps a record invariant or any unexpected value failure into a StoreException. */
    private static StoreException invalid(String table, RuntimeException e) {
        return e instanceof StoreException s ? s : new StoreException("corrupt " + table + " row: " + e.getMessage(), e);
    }

    static OrderRecord order(ResultSet rs) throws SQLException {
        Reader r = new Reader(rs, "orders");
        try {
            String dispute = r.textOrNull("ctx_dispute");
            TradeContext ctx = TradeContext.builder()
                    .bondPolicy(r.named("ctx_bond_policy", BondPolicy.class))
                    .slashOnWaitingTimeout(r.bool("ctx_slash_on_waiting_timeout"))
                    .range(r.bool("ctx_range"))
                    .market(r.bool("ctx_market"))
                    .rangeRemainder(r.bool("ctx_range_remainder"))
                    .takerAssigned(r.bool("ctx_taker_assigned"))
                    .buyerInvoiceKnown(r.bool("ctx_buyer_invoice_known"))
                    .holdInvoice(r.named("ctx_hold_invoice", HoldInvoiceState.class))
                    .takerBonds(r.integer("ctx_taker_bonds"))
                    .makerBondLocked(r.bool("ctx_maker_bond_locked"))
                    .takerBondLocked(r.bool("ctx_taker_bond_locked"))
                    .cooperativeCancelBy(r.namedOrNull("ctx_cooperative_cancel_by", Party.class))
                    .dispute(dispute == null ? null : r.wire("ctx_dispute", DisputeStatus::fromWire))
                    .disputeAssignee(r.named("ctx_dispute_assignee", DisputeAssignee.class))
                    .nextTradeKnown(r.bool("ctx_next_trade_known"))
                    .payoutInFlight(r.bool("ctx_payout_in_flight"))
                    .payoutExhausted(r.bool("ctx_payout_exhausted"))
                    .buyerRated(r.bool("ctx_buyer_rated"))
                    .sellerRated(r.bool("ctx_seller_rated"))
                    .bondPayout(r.named("ctx_bond_payout", BondPayoutState.class),
                            r.namedOrNull("ctx_bond_payout_to", Party.class))
                    .build();
            return OrderRecord.builder()
                    .id(r.uuid("id"))
                    .kind(r.wire("kind", OrderKind::fromWire))
                    .status(r.wire("status", OrderStatus::fromWire))
                    .version(r.lng("version"))
                    .context(ctx)
                    .creatorPubkey(r.text("creator_pubkey"))
                    .buyerPubkey(r.textOrNull("buyer_pubkey"))
                    .masterBuyerPubkey(r.textOrNull("master_buyer_pubkey"))
                    .sellerPubkey(r.textOrNull("seller_pubkey"))
                    .masterSellerPubkey(r.textOrNull("master_seller_pubkey"))
                    .tradeIndexBuyer(r.lngOrNull("trade_index_buyer"))
                    .tradeIndexSeller(r.lngOrNull("trade_index_seller"))
                    .fiatCode(r.text("fiat_code"))
                    .fiatAmount(r.lng("fiat_amount"))
                    .minAmount(r.lngOrNull("min_amount"))
                    .maxAmount(r.lngOrNull("max_amount"))
                    .paymentMethod(r.text("payment_method"))
                    .premium(r.lng("premium"))
                    .priceFromApi(r.bool("price_from_api"))
                    .amount(r.lng("amount"))
                    .fee(r.lng("fee"))
                    .devFee(r.lng("dev_fee"))
                    .devFeePaid(r.bool("dev_fee_paid"))
                    .devFeePaymentHash(r.textOrNull("dev_fee_payment_hash"))
                    .buyerInvoice(r.textOrNull("buyer_invoice"))
                    .holdInvoice(r.textOrNull("hold_invoice"))
                    .holdHash(r.textOrNull("hold_hash"))
                    .preimage(r.textOrNull("preimage"))
                    .holdHtlcExpiryHeight(r.lng("hold_htlc_expiry_height"))
                    .rangeParentId(r.uuidOrNull("range_parent_id"))
                    .nextTradePubkey(r.textOrNull("next_trade_pubkey"))
                    .nextTradeIndex(r.lngOrNull("next_trade_index"))
                    .createdAt(r.lng("created_at"))
                    .expiresAt(r.lng("expires_at"))
                    .takenAt(r.lngOrNull("taken_at"))
                    .invoiceHeldAt(r.lngOrNull("invoice_held_at"))
                    .paymentAttempts(r.integer("payment_attempts"))
                    .payoutHash(r.textOrNull("payout_hash"))
                    .payoutClaimedAt(r.lngOrNull("payout_claimed_at"))
                    .lastPayoutAttemptAt(r.lngOrNull("last_payout_attempt_at"))
                    .eventCreatedAt(r.lng("event_created_at"))
                    .build();
        } catch (RuntimeException e) {
            throw invalid("orders", e);
        }
    }

    static DisputeRecord dispute(ResultSet rs) throws SQLException {
        Reader r = new Reader(rs, "disputes");
        try {
            return new DisputeRecord(r.uuid("id"), r.uuid("order_id"), r.wire("status", DisputeStatus::fromWire),
                    r.lng("version"), r.wire("initiator", DisputeInitiator::fromWire), r.text("initiator_pubkey"),
                    r.textOrNull("solver_pubkey"), r.lng("created_at"), r.lngOrNull("taken_at"),
                    r.lng("event_created_at"));
        } catch (RuntimeException e) {
            throw invalid("disputes", e);
        }
    }

    static UserRecord user(ResultSet rs) throws SQLException {
        Reader r = new Reader(rs, "users");
        try {
            return new UserRecord(r.text("identity_pubkey"), r.lng("last_trade_index"), r.lng("total_reviews"),
                    r.dbl("total_rating"), r.integer("last_rating"), r.integer("min_rating"), r.integer("max_rating"),
                    r.lng("created_at"));
        } catch (RuntimeException e) {
            throw invalid("users", e);
        }
    }

    static SolverRecord solver(ResultSet rs) throws SQLException {
        Reader r = new Reader(rs, "solvers");
        try {
            return new SolverRecord(r.text("pubkey"), r.bool("can_write"), r.lng("created_at"));
        } catch (RuntimeException e) {
            throw invalid("solvers", e);
        }
    }

    static OutboxEntry outbox(ResultSet rs) throws SQLException {
        Reader r = new Reader(rs, "outbox");
        try {
            return new OutboxEntry(r.lng("seq"), r.text("event_json"), r.text("purpose"), r.integer("attempts"),
                    r.lng("not_before"));
        } catch (RuntimeException e) {
            throw invalid("outbox", e);
        }
    }
}
