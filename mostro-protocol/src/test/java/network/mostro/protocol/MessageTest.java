package network.mostro.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link Message#validate()} against the MessageKind::verify matrix of SPEC §4.3, for every action × payload × id. */
class MessageTest {
    private static final UUID ID = UUID.fromString("ede61c96-4c13-4519-bf3a-dcf7f1e9d842");
    private static final SmallOrder ORDER = SmallOrder.builder().kind(OrderKind.SELL).fiatCode("VES").fiatAmount(100)
            .paymentMethod("face to face").build();

    /** One sample of every payload variant. */
    static Map<PayloadType, Payload> samples() {
        Map<PayloadType, Payload> m = new EnumMap<>(PayloadType.class);
        m.put(PayloadType.ORDER, new Payload.Order(ORDER));
        m.put(PayloadType.PAYMENT_REQUEST, Payload.PaymentRequest.of("lnbc1"));
        m.put(PayloadType.TEXT_MESSAGE, new Payload.TextMessage("npub1x"));
        m.put(PayloadType.PEER, new Payload.Peer("", null));
        m.put(PayloadType.RATING_USER, new Payload.RatingUser(5));
        m.put(PayloadType.AMOUNT, new Payload.Amount(15));
        m.put(PayloadType.DISPUTE, new Payload.Dispute(ID, null));
        m.put(PayloadType.CANT_DO, Payload.CantDo.of(CantDoReason.NOT_FOUND));
        m.put(PayloadType.NEXT_TRADE, new Payload.NextTrade("ab", 3));
        m.put(PayloadType.PAYMENT_FAILED, new Payload.PaymentFailed(2, 60));
        m.put(PayloadType.RESTORE_DATA, new Payload.RestoreData(List.of(), List.of()));
        m.put(PayloadType.IDS, new Payload.Ids(List.of(ID)));
        m.put(PayloadType.ORDERS, new Payload.Orders(List.of(ORDER)));
        m.put(PayloadType.BOND_RESOLUTION, new Payload.BondResolution(true, false));
        m.put(PayloadType.BOND_PAYOUT_REQUEST, new Payload.BondPayoutRequest(ORDER, 1734000000L));
        m.put(PayloadType.CASHU_LOCK_PROOF, new Payload.CashuLockProof("t", "https://mint", "b", "s", "m", null));
        m.put(PayloadType.CASHU_SIGNATURES, new Payload.CashuSignatures(List.of(new CashuProofSignature("x", "y"))));
        return m;
    }

    /** The matrix of SPEC §4.3, written independently of the implementation: allowed payloads (null = no payload). */
    private static Set<PayloadType> allowed(Action a) {
        Set<PayloadType> all = EnumSet.allOf(PayloadType.class);
        return switch (a) {
            case NEW_ORDER -> EnumSet.of(PayloadType.ORDER);
            case PAY_INVOICE, PAY_BOND_INVOICE, ADD_INVOICE -> EnumSet.of(PayloadType.PAYMENT_REQUEST);
            case ADD_BOND_INVOICE -> EnumSet.of(PayloadType.BOND_PAYOUT_REQUEST, PayloadType.PAYMENT_REQUEST);
            case ADMIN_SETTLE, ADMIN_CANCEL -> EnumSet.of(PayloadType.BOND_RESOLUTION);
            case ADD_CASHU_ESCROW -> EnumSet.of(PayloadType.CASHU_LOCK_PROOF);
            case CASHU_PM_SIGNATURE -> EnumSet.of(PayloadType.CASHU_SIGNATURES);
            case PAYMENT_FAILED -> EnumSet.of(PayloadType.PAYMENT_FAILED);
            case RATE_USER -> EnumSet.of(PayloadType.RATING_USER);
            case CANT_DO -> EnumSet.of(PayloadType.CANT_DO);
            case ORDERS -> EnumSet.of(PayloadType.IDS, PayloadType.ORDERS);
            case RESTORE_SESSION, LAST_TRADE_INDEX -> EnumSet.noneOf(PayloadType.class);
            default -> {
                all.remove(PayloadType.BOND_RESOLUTION);
                all.remove(PayloadType.BOND_PAYOUT_REQUEST);
                yield all;
            }
        };
    }

    private static boolean nullAllowed(Action a) {
        return switch (a) {
            case NEW_ORDER, PAY_INVOICE, PAY_BOND_INVOICE, ADD_INVOICE, ADD_BOND_INVOICE, ADD_CASHU_ESCROW,
                    CASHU_PM_SIGNATURE, PAYMENT_FAILED, RATE_USER, CANT_DO, ORDERS -> false;
            default -> true;
        };
    }

    private static boolean idRequired(Action a) {
        return switch (a) {
            case NEW_ORDER, RATE_USER, CANT_DO, ORDERS, RESTORE_SESSION, LAST_TRADE_INDEX -> false;
            default -> true;
        };
    }

    @Test
    void validateMatchesTheVerifyMatrixForEveryCombination() {
        Map<PayloadType, Payload> samples = samples();
        assertThat(samples).hasSize(PayloadType.values().length);
        List<Payload> payloads = new ArrayList<>(samples.values());
        payloads.add(null);
        int checked = 0;
        for (Action a : Action.values()) {
            for (Payload p : payloads) {
                for (UUID id : new UUID[] {null, ID}) {
                    Message m = Message.builder(a).id(id).payload(p).build();
                    boolean payloadOk = p == null ? nullAllowed(a) : allowed(a).contains(p.type());
                    boolean idOk = id != null || !idRequired(a);
                    ValidationResult r = m.validate();
                    assertThat(r.isValid()).as("%s payload=%s id=%s", a, p == null ? null : p.type(), id)
                            .isEqualTo(payloadOk && idOk);
                    // every problem is listed: both a missing id and a wrong payload are reported
                    assertThat(r.problems()).hasSize((payloadOk ? 0 : 1) + (idOk ? 0 : 1));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(51 * 18 * 2);
    }

    @Test
    void emptyCashuSignaturesFailVerify() {
        Message m = Message.builder(Action.CASHU_PM_SIGNATURE).id(ID).payload(new Payload.CashuSignatures(List.of()))
                .build();
        assertThat(m.validate().problems()).containsExactly("cashu-pm-signature needs at least one signature");
    }

    @Test
    void requireValidThrowsInvalidMessageListingProblems() {
        Message m = Message.builder(Action.ADD_INVOICE).build();
        assertThatThrownBy(m::requireValid).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("add-invoice requires an id")
                .hasMessageContaining("add-invoice requires a payment_request payload, got null")
                .extracting(e -> ((InvalidMessageException) e).path()).isEqualTo("$");
        Message ok = Message.builder(Action.TAKE_SELL).id(ID).tradeIndex(1L).build();
        assertThat(ok.requireValid()).isSameAs(ok);
    }

    @Test
    void builderDefaultsAndCopies() {
        Message m = Message.builder(Action.RESTORE_SESSION).type(MessageType.RESTORE).build();
        assertThat(m.version()).isEqualTo(Message.PROTOCOL_VERSION).isEqualTo(2);
        assertThat(m.requestId()).isNull();
        assertThat(m.tradeIndex()).isNull();
        assertThat(m.toBuilder().build()).isEqualTo(m);
        assertThat(m.toBuilder().version(1).build().version()).isEqualTo(1);
        assertThatThrownBy(() -> Message.builder(Action.CANCEL).version(256).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.builder(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void recordsValidateTheirComponents() {
        assertThatThrownBy(() -> new Payload.RatingUser(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payload.NextTrade("pk", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payload.NextTrade("pk", 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payload.PaymentFailed(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserInfo(Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payload.TextMessage("a\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payload.PaymentRequest(null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Payload.Ids(java.util.Arrays.asList(ID, null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SmallOrder.builder().fiatCode("VES").paymentMethod("x").build())
                .isInstanceOf(IllegalStateException.class);
        List<UUID> mutable = new ArrayList<>(List.of(ID));
        Payload.Ids ids = new Payload.Ids(mutable);
        mutable.clear();
        assertThat(ids.ids()).containsExactly(ID);
        assertThatThrownBy(() -> ids.ids().add(ID)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Payload.RatingUser(0).rating()).isZero();
        assertThat(new Payload.NextTrade("pk", 0xFFFF_FFFFL).tradeIndex()).isEqualTo(4294967295L);
    }

    @Test
    void smallOrderBuilderRoundTrips() {
        SmallOrder o = SmallOrder.builder().id(ID).kind(OrderKind.BUY).status(OrderStatus.ACTIVE).amount(7851)
                .fiatCode("VES").minAmount(10L).maxAmount(20L).fiatAmount(0).paymentMethod("face to face").premium(1)
                .buyerTradePubkey("aa").sellerTradePubkey("bb").buyerInvoice("lnbc").createdAt(1L).expiresAt(2L)
                .build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.isRange()).isTrue();
        assertThat(SmallOrder.builder().fiatCode("x").fiatAmount(1).paymentMethod("m").build().premium()).isZero();
        String s = new SolverDisputeInfo(ID, "sell", "active", "h", "secretpreimage", "active", "pk", null, null, false,
                false, null, null, 0, "m", 1, 1, 0, 0, null, 0, 0, 0).toString();
        assertThat(s).doesNotContain("secretpreimage");
    }
}
