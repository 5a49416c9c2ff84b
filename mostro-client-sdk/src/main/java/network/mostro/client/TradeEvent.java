package network.mostro.client;

import java.util.Objects;
import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.UserInfo;

/**
 * Something Mostro told the user about a trade, or a change the client derived from it (status, chat). One record
 * per notification, so an exhaustive {@code switch} covers everything; {@link #action()} is the Mostro action behind
 * it. Terminal events (after them {@link Trade#isFinished()} is true): {@link PurchaseCompleted} (buyer), {@link
 * HoldInvoicePaymentSettled} (seller: its part ends once the escrow is settled, at {@code settled-hold-invoice}),
 * {@link Canceled}, {@link CooperativeCancelAccepted}, {@link AdminCanceled}. A {@code rate} request and the {@code
 * rate-received} answer to this user's rating can still follow a terminal event. All records are immutable and
 * thread-safe.
 */
public sealed interface TradeEvent {
    /** The Mostro action behind the event (for derived events, the action that caused them). */
    Action action();

    /**
     * {@code new-order} to the maker: the order is published (creation, a range child, or back in the book after a
     * taker left).
     *
     * @param order the order as Mostro stored it
     */
    record OrderPublished(SmallOrder order) implements TradeEvent {
        public OrderPublished {
            Objects.requireNonNull(order, "order");
        }

        @Override
        public Action action() {
            return Action.NEW_ORDER;
        }
    }

    /**
     * {@code pay-invoice} to the seller: pay this hold invoice to lock the escrow.
     *
     * @param invoice the bolt11 hold invoice
     * @param amountSats the amount to pay (order amount plus the seller's fee), 0 if unknown
     * @param order the order snapshot, or null
     */
    record PayHoldInvoice(String invoice, long amountSats, SmallOrder order) implements TradeEvent {
        public PayHoldInvoice {
            Objects.requireNonNull(invoice, "invoice");
        }

        @Override
        public Action action() {
            return Action.PAY_INVOICE;
        }
    }

    /**
     * {@code pay-bond-invoice}: pay this anti-abuse bond hold invoice first (SPEC §14).
     *
     * @param invoice the bolt11 bond invoice
     * @param amountSats the bond amount, 0 if unknown
     */
    record PayBondInvoice(String invoice, long amountSats) implements TradeEvent {
        public PayBondInvoice {
            Objects.requireNonNull(invoice, "invoice");
        }

        @Override
        public Action action() {
            return Action.PAY_BOND_INVOICE;
        }
    }

    /**
     * A reputation notice about the counterparty: {@code pay-invoice} or {@code add-invoice} carrying a {@code peer}
     * with an empty pubkey. It is <b>not</b> an invoice request (SPEC §7.2).
     *
     * @param via the action it came with
     * @param reputation the counterparty's reputation, or null
     */
    record PeerReputation(Action via, UserInfo reputation) implements TradeEvent {
        @Override
        public Action action() {
            return via;
        }
    }

    /**
     * {@code add-invoice} to the buyer: send a payout invoice for {@code amountSats} with {@code trade.addInvoice}.
     *
     * @param amountSats the payout the invoice must be for (amountless invoices are fine)
     * @param order the order snapshot
     */
    record InvoiceRequested(long amountSats, SmallOrder order) implements TradeEvent {
        @Override
        public Action action() {
            return Action.ADD_INVOICE;
        }
    }

    /**
     * {@code buyer-took-order} to the seller: the escrow is locked and the trade is active.
     *
     * @param order the order with both trade keys
     */
    record BuyerTookOrder(SmallOrder order) implements TradeEvent {
        @Override
        public Action action() {
            return Action.BUYER_TOOK_ORDER;
        }
    }

    /**
     * {@code hold-invoice-payment-accepted} to the buyer: the escrow is locked, send the fiat now.
     *
     * @param order the order with both trade keys
     */
    record HoldInvoicePaymentAccepted(SmallOrder order) implements TradeEvent {
        @Override
        public Action action() {
            return Action.HOLD_INVOICE_PAYMENT_ACCEPTED;
        }
    }

    /**
     * {@code fiat-sent-ok}: the buyer declared the fiat sent.
     *
     * @param peerPubkey the counterparty's trade key (hex)
     */
    record FiatSentOk(String peerPubkey) implements TradeEvent {
        @Override
        public Action action() {
            return Action.FIAT_SENT_OK;
        }
    }

    /**
     * {@code rate-received}: Mostro recorded this user's rating.
     *
     * @param rating the rating given (1–5)
     */
    record RateReceived(int rating) implements TradeEvent {
        @Override
        public Action action() {
            return Action.RATE_RECEIVED;
        }
    }

    /**
     * {@code dispute-initiated-by-you}.
     *
     * @param disputeId the dispute
     */
    record DisputeInitiatedByYou(UUID disputeId) implements TradeEvent {
        @Override
        public Action action() {
            return Action.DISPUTE_INITIATED_BY_YOU;
        }
    }

    /**
     * {@code dispute-initiated-by-peer}.
     *
     * @param disputeId the dispute
     */
    record DisputeInitiatedByPeer(UUID disputeId) implements TradeEvent {
        @Override
        public Action action() {
            return Action.DISPUTE_INITIATED_BY_PEER;
        }
    }

    /**
     * {@code admin-took-dispute}: a solver took the dispute; the dispute chat with it is now open.
     *
     * @param solverPubkey the solver's key (hex)
     */
    record AdminTookDispute(String solverPubkey) implements TradeEvent {
        @Override
        public Action action() {
            return Action.ADMIN_TOOK_DISPUTE;
        }
    }

    /**
     * {@code payment-failed}: the first payout attempt to the buyer failed; Mostro retries.
     *
     * @param paymentAttempts attempts left as Mostro reports them
     * @param retryIntervalSeconds seconds between retries
     */
    record PaymentFailed(long paymentAttempts, long retryIntervalSeconds) implements TradeEvent {
        @Override
        public Action action() {
            return Action.PAYMENT_FAILED;
        }
    }

    /**
     * {@code cant-do}: Mostro refused something about this trade.
     *
     * @param request the refused action, when known
     * @param wireReason the reason as sent, or null
     */
    record Refused(Action request, String wireReason) implements TradeEvent {
        /** The reason, when known to this SDK. */
        public java.util.Optional<CantDoReason> reason() {
            return CantDoReason.fromWire(wireReason);
        }

        @Override
        public Action action() {
            return Action.CANT_DO;
        }
    }

    /**
     * A range order's remainder was published as a new order under the maker's next trade key (SPEC §8.3); it is a
     * new {@link Trade}.
     *
     * @param childOrderId the child order
     * @param tradeIndex the child's trade index
     */
    record ChildOrderCreated(UUID childOrderId, long tradeIndex) implements TradeEvent {
        @Override
        public Action action() {
            return Action.NEW_ORDER;
        }
    }

    /**
     * {@code trade-pubkey}: Mostro accepted the maker's new trade key for this pending order.
     *
     * @param tradePubkey the new key (hex)
     */
    record TradeKeyRotated(String tradePubkey) implements TradeEvent {
        @Override
        public Action action() {
            return Action.TRADE_PUBKEY;
        }
    }

    /**
     * A bond notification other than the bond invoice (bond-slashed, add-bond-invoice, bond-invoice-accepted,
     * bond-payout-completed; SPEC §14).
     *
     * @param bondAction the action
     * @param payload its payload, or null
     */
    record BondNotice(Action bondAction, Payload payload) implements TradeEvent {
        @Override
        public Action action() {
            return bondAction;
        }
    }

    /**
     * A chat message arrived (or was sent from another device).
     *
     * @param entry the message
     */
    record ChatReceived(ChatEntry entry) implements TradeEvent {
        @Override
        public Action action() {
            return Action.SEND_DM;
        }
    }

    /**
     * The tracked status changed (derived by the protocol state machine from a notification).
     *
     * @param from the previous status
     * @param to the new status
     * @param cause the action of the message that caused it
     */
    record StatusChanged(OrderStatus from, OrderStatus to, Action cause) implements TradeEvent {
        @Override
        public Action action() {
            return cause;
        }
    }

    /**
     * A message this SDK has no dedicated record for (for example a newer daemon's action).
     *
     * @param otherAction the action
     * @param payload its payload, or null
     */
    record Other(Action otherAction, Payload payload) implements TradeEvent {
        @Override
        public Action action() {
            return otherAction;
        }
    }

    /** {@code waiting-seller-to-pay}: You took a sell order with your invoice (or added it): the seller must now pay the hold invoice. */
    record WaitingSellerToPay() implements TradeEvent {
        @Override
        public Action action() {
            return Action.WAITING_SELLER_TO_PAY;
        }
    }

    /** {@code waiting-buyer-invoice}: The buyer must now send a payout invoice. */
    record WaitingBuyerInvoice() implements TradeEvent {
        @Override
        public Action action() {
            return Action.WAITING_BUYER_INVOICE;
        }
    }

    /** {@code released}: To the buyer: the seller released the escrow; the payout starts. */
    record Released() implements TradeEvent {
        @Override
        public Action action() {
            return Action.RELEASED;
        }
    }

    /** {@code purchase-completed}: To the buyer: the payout succeeded; the trade is complete. */
    record PurchaseCompleted() implements TradeEvent {
        @Override
        public Action action() {
            return Action.PURCHASE_COMPLETED;
        }
    }

    /** {@code hold-invoice-payment-settled}: To the seller: the escrow was settled after the release. */
    record HoldInvoicePaymentSettled() implements TradeEvent {
        @Override
        public Action action() {
            return Action.HOLD_INVOICE_PAYMENT_SETTLED;
        }
    }

    /** {@code hold-invoice-payment-canceled}: The escrow HTLC was canceled at its CLTV horizon (alarm; SPEC §10.1). */
    record HoldInvoicePaymentCanceled() implements TradeEvent {
        @Override
        public Action action() {
            return Action.HOLD_INVOICE_PAYMENT_CANCELED;
        }
    }

    /** {@code rate}: Mostro invites this user to rate the counterparty. */
    record RateRequested() implements TradeEvent {
        @Override
        public Action action() {
            return Action.RATE;
        }
    }

    /** {@code canceled}: The order (or this user's part in it) was canceled. */
    record Canceled() implements TradeEvent {
        @Override
        public Action action() {
            return Action.CANCELED;
        }
    }

    /** {@code cooperative-cancel-initiated-by-you}: This user asked for a cooperative cancel; the counterparty must confirm. */
    record CooperativeCancelInitiatedByYou() implements TradeEvent {
        @Override
        public Action action() {
            return Action.COOPERATIVE_CANCEL_INITIATED_BY_YOU;
        }
    }

    /** {@code cooperative-cancel-initiated-by-peer}: The counterparty asked for a cooperative cancel; {@code trade.cancel()} confirms it. */
    record CooperativeCancelInitiatedByPeer() implements TradeEvent {
        @Override
        public Action action() {
            return Action.COOPERATIVE_CANCEL_INITIATED_BY_PEER;
        }
    }

    /** {@code cooperative-cancel-accepted}: Both parties agreed: the trade is cooperatively canceled and the seller refunded. */
    record CooperativeCancelAccepted() implements TradeEvent {
        @Override
        public Action action() {
            return Action.COOPERATIVE_CANCEL_ACCEPTED;
        }
    }

    /** {@code admin-settled}: The solver settled the dispute in favour of the buyer. */
    record AdminSettled() implements TradeEvent {
        @Override
        public Action action() {
            return Action.ADMIN_SETTLED;
        }
    }

    /** {@code admin-canceled}: The solver canceled the order; the seller is refunded. */
    record AdminCanceled() implements TradeEvent {
        @Override
        public Action action() {
            return Action.ADMIN_CANCELED;
        }
    }

    /** {@code invoice-updated}: The buyer's replacement payout invoice was accepted. */
    record InvoiceUpdated() implements TradeEvent {
        @Override
        public Action action() {
            return Action.INVOICE_UPDATED;
        }
    }
}
