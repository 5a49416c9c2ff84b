package network.mostro.protocol.internal;

import java.util.List;
import java.util.UUID;
import network.mostro.nostr.internal.Json;
import network.mostro.protocol.CashuProofSignature;
import network.mostro.protocol.Message;
import network.mostro.protocol.Payload;
import network.mostro.protocol.RestoredDispute;
import network.mostro.protocol.RestoredOrder;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.SolverDisputeInfo;
import network.mostro.protocol.UserInfo;

/**
 * Hand-written canonical writer: the bytes serde_json produces for mostro-core 0.14's types (SPEC §3.4). Compact,
 * members in declaration order, {@code id}/{@code buyer_trade_pubkey}/{@code seller_trade_pubkey}/
 * {@code buyer_invoice}/{@code fee_token} omitted when null and every other null written, strings escaped by
 * {@link Json#quote(StringBuilder, String)}, unsigned integers printed unsigned, the one float through
 * {@link DoubleFormat}. Thread-safe (stateless).
 */
public final class MessageWriter {
    private MessageWriter() {}

    /** The canonical JSON of {@code m}. */
    public static String write(Message m) {
        StringBuilder out = new StringBuilder(256);
        write(out, m);
        return out.toString();
    }

    /** Appends the canonical JSON of {@code m}. */
    public static void write(StringBuilder out, Message m) {
        out.append('{');
        Json.quote(out, m.type().wireName());
        out.append(":{\"version\":").append(m.version());
        out.append(",\"request_id\":");
        if (m.requestId() == null) {
            out.append("null");
        } else {
            out.append(Long.toUnsignedString(m.requestId()));
        }
        out.append(",\"trade_index\":");
        optionalLong(out, m.tradeIndex());
        if (m.id() != null) {
            out.append(",\"id\":");
            uuid(out, m.id());
        }
        out.append(",\"action\":");
        Json.quote(out, m.action().wireName());
        out.append(",\"payload\":");
        if (m.payload() == null) {
            out.append("null");
        } else {
            payload(out, m.payload());
        }
        out.append("}}");
    }

    private static void payload(StringBuilder out, Payload payload) {
        out.append('{');
        Json.quote(out, payload.type().wireName());
        out.append(':');
        switch (payload.type()) {
            case ORDER -> {
                Payload.Order p = (Payload.Order) payload;
                smallOrder(out, p.order());
            }
            case PAYMENT_REQUEST -> {
                Payload.PaymentRequest p = (Payload.PaymentRequest) payload;
                out.append('[');
                if (p.order() == null) {
                    out.append("null");
                } else {
                    smallOrder(out, p.order());
                }
                out.append(',');
                Json.quote(out, p.invoice());
                out.append(',');
                optionalLong(out, p.amount());
                out.append(']');
            }
            case TEXT_MESSAGE -> {
                Payload.TextMessage p = (Payload.TextMessage) payload;
                Json.quote(out, p.text());
            }
            case PEER -> {
                Payload.Peer p = (Payload.Peer) payload;
                out.append("{\"pubkey\":");
                Json.quote(out, p.pubkey());
                out.append(",\"reputation\":");
                userInfo(out, p.reputation());
                out.append('}');
            }
            case RATING_USER -> {
                Payload.RatingUser p = (Payload.RatingUser) payload;
                out.append(p.rating());
            }
            case AMOUNT -> {
                Payload.Amount p = (Payload.Amount) payload;
                out.append(p.amount());
            }
            case DISPUTE -> {
                Payload.Dispute p = (Payload.Dispute) payload;
                out.append('[');
                uuid(out, p.disputeId());
                out.append(',');
                solverInfo(out, p.solverInfo());
                out.append(']');
            }
            case CANT_DO -> {
                Payload.CantDo p = (Payload.CantDo) payload;
                optionalString(out, p.wireReason());
            }
            case NEXT_TRADE -> {
                Payload.NextTrade p = (Payload.NextTrade) payload;
                out.append('[');
                Json.quote(out, p.tradePubkey());
                out.append(',').append(p.tradeIndex()).append(']');
            }
            case PAYMENT_FAILED -> {
                Payload.PaymentFailed p = (Payload.PaymentFailed) payload;
                out.append("{\"payment_attempts\":").append(p.paymentAttempts())
                        .append(",\"payment_retries_interval\":").append(p.paymentRetriesInterval()).append('}');
            }
            case RESTORE_DATA -> {
                Payload.RestoreData p = (Payload.RestoreData) payload;
                out.append("{\"orders\":[");
                List<RestoredOrder> orders = p.orders();
                for (int i = 0; i < orders.size(); i++) {
                    RestoredOrder o = orders.get(i);
                    out.append(i == 0 ? "{\"order_id\":" : ",{\"order_id\":");
                    uuid(out, o.orderId());
                    out.append(",\"trade_index\":").append(o.tradeIndex()).append(",\"status\":");
                    Json.quote(out, o.status());
                    out.append('}');
                }
                out.append("],\"disputes\":[");
                List<RestoredDispute> disputes = p.disputes();
                for (int i = 0; i < disputes.size(); i++) {
                    RestoredDispute d = disputes.get(i);
                    out.append(i == 0 ? "{\"dispute_id\":" : ",{\"dispute_id\":");
                    uuid(out, d.disputeId());
                    out.append(",\"order_id\":");
                    uuid(out, d.orderId());
                    out.append(",\"trade_index\":").append(d.tradeIndex()).append(",\"status\":");
                    Json.quote(out, d.status());
                    out.append(",\"initiator\":");
                    optionalString(out, d.initiator() == null ? null : d.initiator().wireName());
                    out.append(",\"solver_pubkey\":");
                    optionalString(out, d.solverPubkey());
                    out.append('}');
                }
                out.append("]}");
            }
            case IDS -> {
                Payload.Ids p = (Payload.Ids) payload;
                out.append('[');
                List<UUID> ids = p.ids();
                for (int i = 0; i < ids.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    uuid(out, ids.get(i));
                }
                out.append(']');
            }
            case ORDERS -> {
                Payload.Orders p = (Payload.Orders) payload;
                out.append('[');
                List<SmallOrder> orders = p.orders();
                for (int i = 0; i < orders.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    smallOrder(out, orders.get(i));
                }
                out.append(']');
            }
            case BOND_RESOLUTION -> {
                Payload.BondResolution p = (Payload.BondResolution) payload;
                out.append("{\"slash_seller\":").append(p.slashSeller())
                        .append(",\"slash_buyer\":").append(p.slashBuyer()).append('}');
            }
            case BOND_PAYOUT_REQUEST -> {
                Payload.BondPayoutRequest p = (Payload.BondPayoutRequest) payload;
                out.append("{\"order\":");
                smallOrder(out, p.order());
                out.append(",\"slashed_at\":").append(p.slashedAt()).append('}');
            }
            case CASHU_LOCK_PROOF -> {
                Payload.CashuLockProof p = (Payload.CashuLockProof) payload;
                out.append("{\"token\":");
                Json.quote(out, p.token());
                out.append(",\"mint_url\":");
                Json.quote(out, p.mintUrl());
                out.append(",\"buyer_pubkey\":");
                Json.quote(out, p.buyerPubkey());
                out.append(",\"seller_pubkey\":");
                Json.quote(out, p.sellerPubkey());
                out.append(",\"mostro_pubkey\":");
                Json.quote(out, p.mostroPubkey());
                if (p.feeToken() != null) {
                    out.append(",\"fee_token\":");
                    Json.quote(out, p.feeToken());
                }
                out.append('}');
            }
            case CASHU_SIGNATURES -> {
                Payload.CashuSignatures p = (Payload.CashuSignatures) payload;
                out.append('[');
                List<CashuProofSignature> sigs = p.signatures();
                for (int i = 0; i < sigs.size(); i++) {
                    out.append(i == 0 ? "{\"secret\":" : ",{\"secret\":");
                    Json.quote(out, sigs.get(i).secret());
                    out.append(",\"signature\":");
                    Json.quote(out, sigs.get(i).signature());
                    out.append('}');
                }
                out.append(']');
            }
        }
        out.append('}');
    }

    /** Appends a SmallOrder object (SPEC §3.4 member order and null rules). */
    public static void smallOrder(StringBuilder out, SmallOrder o) {
        out.append('{');
        if (o.id() != null) {
            out.append("\"id\":");
            uuid(out, o.id());
            out.append(',');
        }
        out.append("\"kind\":");
        optionalString(out, o.kind() == null ? null : o.kind().wireName());
        out.append(",\"status\":");
        optionalString(out, o.status() == null ? null : o.status().wireName());
        out.append(",\"amount\":").append(o.amount());
        out.append(",\"fiat_code\":");
        Json.quote(out, o.fiatCode());
        out.append(",\"min_amount\":");
        optionalLong(out, o.minAmount());
        out.append(",\"max_amount\":");
        optionalLong(out, o.maxAmount());
        out.append(",\"fiat_amount\":").append(o.fiatAmount());
        out.append(",\"payment_method\":");
        Json.quote(out, o.paymentMethod());
        out.append(",\"premium\":").append(o.premium());
        if (o.buyerTradePubkey() != null) {
            out.append(",\"buyer_trade_pubkey\":");
            Json.quote(out, o.buyerTradePubkey());
        }
        if (o.sellerTradePubkey() != null) {
            out.append(",\"seller_trade_pubkey\":");
            Json.quote(out, o.sellerTradePubkey());
        }
        if (o.buyerInvoice() != null) {
            out.append(",\"buyer_invoice\":");
            Json.quote(out, o.buyerInvoice());
        }
        out.append(",\"created_at\":");
        optionalLong(out, o.createdAt());
        out.append(",\"expires_at\":");
        optionalLong(out, o.expiresAt());
        out.append('}');
    }

    private static void solverInfo(StringBuilder out, SolverDisputeInfo s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append("{\"id\":");
        uuid(out, s.id());
        out.append(",\"kind\":");
        Json.quote(out, s.kind());
        out.append(",\"status\":");
        Json.quote(out, s.status());
        out.append(",\"hash\":");
        optionalString(out, s.hash());
        out.append(",\"preimage\":");
        optionalString(out, s.preimage());
        out.append(",\"order_previous_status\":");
        Json.quote(out, s.orderPreviousStatus());
        out.append(",\"initiator_pubkey\":");
        Json.quote(out, s.initiatorPubkey());
        out.append(",\"buyer_pubkey\":");
        optionalString(out, s.buyerPubkey());
        out.append(",\"seller_pubkey\":");
        optionalString(out, s.sellerPubkey());
        out.append(",\"initiator_full_privacy\":").append(s.initiatorFullPrivacy());
        out.append(",\"counterpart_full_privacy\":").append(s.counterpartFullPrivacy());
        out.append(",\"initiator_info\":");
        userInfo(out, s.initiatorInfo());
        out.append(",\"counterpart_info\":");
        userInfo(out, s.counterpartInfo());
        out.append(",\"premium\":").append(s.premium());
        out.append(",\"payment_method\":");
        Json.quote(out, s.paymentMethod());
        out.append(",\"amount\":").append(s.amount());
        out.append(",\"fiat_amount\":").append(s.fiatAmount());
        out.append(",\"fee\":").append(s.fee());
        out.append(",\"routing_fee\":").append(s.routingFee());
        out.append(",\"buyer_invoice\":");
        optionalString(out, s.buyerInvoice());
        out.append(",\"invoice_held_at\":").append(s.invoiceHeldAt());
        out.append(",\"taken_at\":").append(s.takenAt());
        out.append(",\"created_at\":").append(s.createdAt());
        out.append('}');
    }

    private static void userInfo(StringBuilder out, UserInfo u) {
        if (u == null) {
            out.append("null");
            return;
        }
        out.append("{\"rating\":").append(DoubleFormat.format(u.rating()));
        out.append(",\"reviews\":").append(u.reviews());
        out.append(",\"operating_days\":").append(Long.toUnsignedString(u.operatingDays()));
        out.append('}');
    }

    private static void uuid(StringBuilder out, UUID id) {
        out.append('"').append(id).append('"');
    }

    private static void optionalLong(StringBuilder out, Long v) {
        if (v == null) {
            out.append("null");
        } else {
            out.append(v.longValue());
        }
    }

    private static void optionalString(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
        } else {
            Json.quote(out, s);
        }
    }
}
