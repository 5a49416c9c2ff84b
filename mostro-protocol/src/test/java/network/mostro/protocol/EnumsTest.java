package network.mostro.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Wire names: counts and order per SPEC, spelling rules of SPEC §1, and {@code fromWire} inverting {@code wireName}. */
class EnumsTest {
    private static final Pattern KEBAB = Pattern.compile("[a-z]+(-[a-z]+)*");
    private static final Pattern SNAKE = Pattern.compile("[a-z]+(_[a-z]+)*");

    private static <E extends Enum<E>> void check(E[] values, Function<E, String> wire,
            Function<String, java.util.Optional<E>> fromWire, Pattern spelling) {
        for (E e : values) {
            assertThat(wire.apply(e)).matches(spelling);
            assertThat(wire.apply(e)).isEqualTo(e.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', spelling == KEBAB ? '-' : '_'));
            assertThat(fromWire.apply(wire.apply(e))).contains(e);
        }
        assertThat(fromWire.apply("no-such-value")).isEmpty();
        assertThat(fromWire.apply(null)).isEmpty();
        assertThat(fromWire.apply(wire.apply(values[0]).toUpperCase(java.util.Locale.ROOT))).isEmpty();
    }

    @Test
    void actionsAreTheFiftyOneOfSpecSection71() {
        check(Action.values(), Action::wireName, Action::fromWire, KEBAB);
        assertThat(Action.values()).hasSize(51);
        // SPEC §7.1 table, as a set (declaration order follows mostro-core, checked below).
        List<String> spec = List.of("new-order", "take-sell", "take-buy", "pay-invoice", "pay-bond-invoice",
                "add-invoice", "add-bond-invoice", "waiting-seller-to-pay", "waiting-buyer-invoice", "buyer-took-order",
                "hold-invoice-payment-accepted", "hold-invoice-payment-settled", "hold-invoice-payment-canceled",
                "buyer-invoice-accepted", "fiat-sent", "fiat-sent-ok", "release", "released", "purchase-completed",
                "payment-failed", "invoice-updated", "rate", "rate-user", "rate-received", "cancel", "canceled",
                "cooperative-cancel-initiated-by-you", "cooperative-cancel-initiated-by-peer",
                "cooperative-cancel-accepted", "dispute", "dispute-initiated-by-you", "dispute-initiated-by-peer",
                "admin-take-dispute", "admin-took-dispute", "admin-settle", "admin-settled", "admin-cancel",
                "admin-canceled", "admin-add-solver", "bond-slashed", "bond-invoice-accepted", "bond-payout-completed",
                "orders", "restore-session", "last-trade-index", "trade-pubkey", "send-dm", "cant-do",
                "add-cashu-escrow", "cashu-escrow-locked", "cashu-pm-signature");
        assertThat(Arrays.stream(Action.values()).map(Action::wireName)).containsExactlyInAnyOrderElementsOf(spec);
        assertThat(Action.values()[0]).isEqualTo(Action.NEW_ORDER);
        assertThat(Action.values()[4]).isEqualTo(Action.PAY_BOND_INVOICE);
        assertThat(Action.values()[47]).isEqualTo(Action.ORDERS);
        assertThat(Action.values()[50]).isEqualTo(Action.CASHU_PM_SIGNATURE);
    }

    @Test
    void cantDoReasonsAreTheThirtyFiveOfSpecSection55InOrder() {
        check(CantDoReason.values(), CantDoReason::wireName, CantDoReason::fromWire, SNAKE);
        String spec = "invalid_signature, invalid_trade_index, invalid_amount, invalid_invoice, invalid_payment_request, "
                + "invalid_peer, invalid_rating, invalid_text_message, invalid_order_kind, invalid_order_status, "
                + "invalid_pubkey, invalid_parameters, invalid_payload, order_already_canceled, cant_create_user, "
                + "is_not_your_order, not_allowed_by_status, out_of_range_fiat_amount, out_of_range_sats_amount, "
                + "price_too_stale, is_not_your_dispute, dispute_taken_by_admin, not_authorized, "
                + "dispute_creation_error, not_found, invalid_dispute_status, invalid_action, pending_order_exists, "
                + "invalid_fiat_currency, too_many_requests, invalid_cashu_token, cashu_mint_unavailable, "
                + "invalid_mint_url, cashu_escrow_not_locked, cashu_signature_missing";
        assertThat(Arrays.stream(CantDoReason.values()).map(CantDoReason::wireName))
                .containsExactlyElementsOf(List.of(spec.split(", ")));
    }

    @Test
    void statusesKindsWrappersAndPayloadKeys() {
        check(OrderStatus.values(), OrderStatus::wireName, OrderStatus::fromWire, KEBAB);
        assertThat(OrderStatus.values()).hasSize(17);
        check(DisputeStatus.values(), DisputeStatus::wireName, DisputeStatus::fromWire, KEBAB);
        assertThat(DisputeStatus.values()).hasSize(5);
        check(OrderKind.values(), OrderKind::wireName, OrderKind::fromWire, KEBAB);
        check(DisputeInitiator.values(), DisputeInitiator::wireName, DisputeInitiator::fromWire, KEBAB);
        check(MessageType.values(), MessageType::wireName, MessageType::fromWire, KEBAB);
        assertThat(Arrays.stream(MessageType.values()).map(MessageType::wireName))
                .containsExactly("order", "dispute", "cant-do", "rate", "dm", "restore");
        check(PayloadType.values(), PayloadType::wireName, PayloadType::fromWire, SNAKE);
        assertThat(PayloadType.values()).hasSize(17);
    }
}
