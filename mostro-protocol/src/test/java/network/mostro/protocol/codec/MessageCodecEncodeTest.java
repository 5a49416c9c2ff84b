package network.mostro.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.CashuProofSignature;
import network.mostro.protocol.DisputeInitiator;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.RestoredDispute;
import network.mostro.protocol.RestoredOrder;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.SolverDisputeInfo;
import network.mostro.protocol.UserInfo;
import org.junit.jupiter.api.Test;

/** Exact bytes of each payload shape (member order, omitted vs null members, escaping), written from SPEC §3.4/§5. */
class MessageCodecEncodeTest {
    private static final MessageCodec CODEC = MessageCodec.standard();
    private static final UUID ID = UUID.fromString("ede61c96-4c13-4519-bf3a-dcf7f1e9d842");
    private static final String PREFIX = "{\"order\":{\"version\":2,\"request_id\":null,\"trade_index\":null,\"id\":\"" + ID
            + "\",\"action\":";

    private static String encode(Action action, Payload payload) {
        return CODEC.encode(Message.builder(action).id(ID).payload(payload).build());
    }

    private static void assertRoundTrip(String json) {
        assertThat(CODEC.encode(CODEC.decode(json))).isEqualTo(json);
    }

    @Test
    void stringsAreEscapedLikeSerdeJson() {
        String json = encode(Action.SEND_DM, new Payload.TextMessage("q\"b\\s/n\nr\rt\tb\bf\fz\u0000u\u001fd\u007fé€\uD83D\uDE00\u2028"));
        assertThat(json).isEqualTo(PREFIX + "\"send-dm\",\"payload\":{\"text_message\":"
                + "\"q\\\"b\\\\s/n\\nr\\rt\\tb\\bf\\fz\\u0000u\\u001fd\u007fé€\uD83D\uDE00\u2028\"}}}");
        assertRoundTrip(json);
    }

    @Test
    void smallOrderOmitsOnlyIdPubkeysAndInvoiceWhenNull() {
        SmallOrder bare = SmallOrder.builder().fiatCode("VES").fiatAmount(100).paymentMethod("m").build();
        assertThat(encode(Action.NEW_ORDER, new Payload.Order(bare))).isEqualTo(PREFIX + "\"new-order\",\"payload\":"
                + "{\"order\":{\"kind\":null,\"status\":null,\"amount\":0,\"fiat_code\":\"VES\",\"min_amount\":null,"
                + "\"max_amount\":null,\"fiat_amount\":100,\"payment_method\":\"m\",\"premium\":0,\"created_at\":null,"
                + "\"expires_at\":null}}}}");
        SmallOrder full = bare.toBuilder().id(ID).kind(OrderKind.BUY).status(OrderStatus.WAITING_BUYER_INVOICE)
                .amount(-5).minAmount(10L).maxAmount(20L).premium(-3).buyerTradePubkey("bb").sellerTradePubkey("ss")
                .buyerInvoice("a@b.c").createdAt(1L).expiresAt(Long.MAX_VALUE).build();
        String json = encode(Action.NEW_ORDER, new Payload.Order(full));
        assertThat(json).isEqualTo(PREFIX + "\"new-order\",\"payload\":{\"order\":{\"id\":\"" + ID + "\",\"kind\":\"buy\","
                + "\"status\":\"waiting-buyer-invoice\",\"amount\":-5,\"fiat_code\":\"VES\",\"min_amount\":10,"
                + "\"max_amount\":20,\"fiat_amount\":100,\"payment_method\":\"m\",\"premium\":-3,\"buyer_trade_pubkey\":"
                + "\"bb\",\"seller_trade_pubkey\":\"ss\",\"buyer_invoice\":\"a@b.c\",\"created_at\":1,\"expires_at\":"
                + "9223372036854775807}}}}");
        assertRoundTrip(json);
    }

    @Test
    void tupleAndStructPayloads() {
        String[][] cases = {
            {encode(Action.ADD_INVOICE, Payload.PaymentRequest.of("lnbc1")),
                "\"add-invoice\",\"payload\":{\"payment_request\":[null,\"lnbc1\",null]}}}"},
            {encode(Action.TAKE_SELL, new Payload.PaymentRequest(null, "a@b.c", 15L)),
                "\"take-sell\",\"payload\":{\"payment_request\":[null,\"a@b.c\",15]}}}"},
            {encode(Action.DISPUTE_INITIATED_BY_YOU, new Payload.Dispute(ID, null)),
                "\"dispute-initiated-by-you\",\"payload\":{\"dispute\":[\"" + ID + "\",null]}}}"},
            {encode(Action.RELEASE, new Payload.NextTrade("ab", 4294967295L)),
                "\"release\",\"payload\":{\"next_trade\":[\"ab\",4294967295]}}}"},
            {encode(Action.FIAT_SENT_OK, new Payload.Peer("pk", new UserInfo(4.5, 10, 30))),
                "\"fiat-sent-ok\",\"payload\":{\"peer\":{\"pubkey\":\"pk\",\"reputation\":{\"rating\":4.5,"
                    + "\"reviews\":10,\"operating_days\":30}}}}}"},
            {encode(Action.FIAT_SENT_OK, new Payload.Peer("", new UserInfo(5, 0, -1))),
                "\"fiat-sent-ok\",\"payload\":{\"peer\":{\"pubkey\":\"\",\"reputation\":{\"rating\":5.0,"
                    + "\"reviews\":0,\"operating_days\":18446744073709551615}}}}}"},
            {encode(Action.RATE_USER, new Payload.RatingUser(5)), "\"rate-user\",\"payload\":{\"rating_user\":5}}}"},
            {encode(Action.TAKE_BUY, new Payload.Amount(-1)), "\"take-buy\",\"payload\":{\"amount\":-1}}}"},
            {encode(Action.CANT_DO, Payload.CantDo.withoutReason()), "\"cant-do\",\"payload\":{\"cant_do\":null}}}"},
            {encode(Action.PAYMENT_FAILED, new Payload.PaymentFailed(2, 300)),
                "\"payment-failed\",\"payload\":{\"payment_failed\":{\"payment_attempts\":2,"
                    + "\"payment_retries_interval\":300}}}}"},
            {encode(Action.ORDERS, new Payload.Ids(List.of(ID, ID))),
                "\"orders\",\"payload\":{\"ids\":[\"" + ID + "\",\"" + ID + "\"]}}}"},
            {encode(Action.ORDERS, new Payload.Orders(List.of())), "\"orders\",\"payload\":{\"orders\":[]}}}"},
            {encode(Action.ADMIN_SETTLE, new Payload.BondResolution(false, true)),
                "\"admin-settle\",\"payload\":{\"bond_resolution\":{\"slash_seller\":false,\"slash_buyer\":true}}}}"},
            {encode(Action.ADD_CASHU_ESCROW, new Payload.CashuLockProof("t", "u", "b", "s", "m", null)),
                "\"add-cashu-escrow\",\"payload\":{\"cashu_lock_proof\":{\"token\":\"t\",\"mint_url\":\"u\","
                    + "\"buyer_pubkey\":\"b\",\"seller_pubkey\":\"s\",\"mostro_pubkey\":\"m\"}}}}"},
            {encode(Action.ADD_CASHU_ESCROW, new Payload.CashuLockProof("t", "u", "b", "s", "m", "f")),
                "\"add-cashu-escrow\",\"payload\":{\"cashu_lock_proof\":{\"token\":\"t\",\"mint_url\":\"u\","
                    + "\"buyer_pubkey\":\"b\",\"seller_pubkey\":\"s\",\"mostro_pubkey\":\"m\",\"fee_token\":\"f\"}}}}"},
            {encode(Action.CASHU_PM_SIGNATURE, new Payload.CashuSignatures(List.of(new CashuProofSignature("x", "y"),
                    new CashuProofSignature("z", "w")))),
                "\"cashu-pm-signature\",\"payload\":{\"cashu_signatures\":[{\"secret\":\"x\",\"signature\":\"y\"},"
                    + "{\"secret\":\"z\",\"signature\":\"w\"}]}}}"},
        };
        for (String[] c : cases) {
            assertThat(c[0]).isEqualTo(PREFIX + c[1]);
            assertRoundTrip(c[0]);
        }
    }

    @Test
    void restoreDataBondPayoutAndSolverInfo() {
        Message restore = Message.builder(Action.RESTORE_SESSION).type(MessageType.RESTORE)
                .payload(new Payload.RestoreData(List.of(new RestoredOrder(ID, 1, "pending")),
                        List.of(new RestoredDispute(ID, ID, 4, "initiated", DisputeInitiator.SELLER, null))))
                .build();
        String json = CODEC.encode(restore);
        assertThat(json).isEqualTo("{\"restore\":{\"version\":2,\"request_id\":null,\"trade_index\":null,\"action\":"
                + "\"restore-session\",\"payload\":{\"restore_data\":{\"orders\":[{\"order_id\":\"" + ID + "\","
                + "\"trade_index\":1,\"status\":\"pending\"}],\"disputes\":[{\"dispute_id\":\"" + ID + "\",\"order_id\":\""
                + ID + "\",\"trade_index\":4,\"status\":\"initiated\",\"initiator\":\"seller\",\"solver_pubkey\":null}]}}}}");
        assertRoundTrip(json);

        SmallOrder share = SmallOrder.builder().id(ID).kind(OrderKind.SELL).amount(500).fiatCode("VES").fiatAmount(100)
                .paymentMethod("face to face").premium(1).build();
        String bond = encode(Action.ADD_BOND_INVOICE, new Payload.BondPayoutRequest(share, 1734000000L));
        assertThat(bond).isEqualTo(PREFIX + "\"add-bond-invoice\",\"payload\":{\"bond_payout_request\":{\"order\":{\"id\":\""
                + ID + "\",\"kind\":\"sell\",\"status\":null,\"amount\":500,\"fiat_code\":\"VES\",\"min_amount\":null,"
                + "\"max_amount\":null,\"fiat_amount\":100,\"payment_method\":\"face to face\",\"premium\":1,"
                + "\"created_at\":null,\"expires_at\":null},\"slashed_at\":1734000000}}}}");
        assertRoundTrip(bond);

        SolverDisputeInfo info = new SolverDisputeInfo(ID, "sell", "dispute", "h", null, "active", "ip", "bp", null,
                false, true, new UserInfo(0.1, 1, 2), null, 1, "pm", 7851, 100, 8, 2, null, 11, 12, 13);
        String took = CODEC.encode(Message.builder(Action.ADMIN_TOOK_DISPUTE).type(MessageType.DISPUTE).id(ID)
                .payload(new Payload.Dispute(ID, info)).build());
        assertThat(took).isEqualTo("{\"dispute\":{\"version\":2,\"request_id\":null,\"trade_index\":null,\"id\":\"" + ID
                + "\",\"action\":\"admin-took-dispute\",\"payload\":{\"dispute\":[\"" + ID + "\",{\"id\":\"" + ID + "\","
                + "\"kind\":\"sell\",\"status\":\"dispute\",\"hash\":\"h\",\"preimage\":null,\"order_previous_status\":"
                + "\"active\",\"initiator_pubkey\":\"ip\",\"buyer_pubkey\":\"bp\",\"seller_pubkey\":null,"
                + "\"initiator_full_privacy\":false,\"counterpart_full_privacy\":true,\"initiator_info\":{\"rating\":0.1,"
                + "\"reviews\":1,\"operating_days\":2},\"counterpart_info\":null,\"premium\":1,\"payment_method\":\"pm\","
                + "\"amount\":7851,\"fiat_amount\":100,\"fee\":8,\"routing_fee\":2,\"buyer_invoice\":null,"
                + "\"invoice_held_at\":11,\"taken_at\":12,\"created_at\":13}]}}}");
        assertRoundTrip(took);
    }
}
