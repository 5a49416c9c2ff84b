package network.mostro.protocol.state;

import java.util.Objects;
import java.util.Optional;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.DisputeStatus;

/**
 * The facts about an order, beyond its kind and status, that decide transitions: node bond policy, range and
 * market flags, whether a taker, a buyer invoice or a hold invoice exists, outstanding and locked bonds, the
 * cooperative-cancel initiator, the dispute and its assignee, payout progress and ratings.
 *
 * <p>The engine returns the next context inside {@link Transition.Allowed#next()}, so callers only build one at
 * order creation ({@link #builder()}, {@link #initial(BondPolicy)}) or when restoring an order. Example:
 * <pre>{@code
 * TradeContext ctx = TradeContext.builder().bondPolicy(BondPolicy.TAKE).market(true).build();
 * }</pre>
 * Immutable and thread-safe.
 *
 * @param bondPolicy which anti-abuse bonds the node requires (§14)
 * @param slashOnWaitingTimeout {@code bond_slash_on_waiting_timeout}: a waiting-state timeout slashes the late
 *     party's bond instead of releasing it
 * @param range a range order ({@code min_amount < max_amount})
 * @param market a market-price order ({@code amount == 0}); sats are priced at take time and reset on a taker reset
 * @param rangeRemainder for a range order that was taken: {@code max − taken fiat >= min}, so a child order follows
 *     ({@link RangeOrders#childAfter})
 * @param takerAssigned the taker's trade key is stored on the order
 * @param buyerInvoiceKnown the buyer's payout invoice (bolt11, LN address or LNURL) is stored
 * @param holdInvoice the escrow hold invoice's state
 * @param takerBonds prospective-taker bonds outstanding (unpaid) on a pending / waiting-taker-bond order
 * @param makerBondLocked the maker's bond HTLC is locked
 * @param takerBondLocked the winning taker's bond HTLC is locked
 * @param cooperativeCancelBy who sent the first {@code cancel} of a cooperative cancel, if anyone
 * @param dispute the dispute's status, if a dispute exists for the order
 * @param disputeAssignee who took the dispute
 * @param nextTradeKnown a buy range maker sent {@code next_trade} with {@code fiat-sent}
 * @param payoutInFlight a buyer payout attempt is in flight
 * @param payoutExhausted all payout attempts failed; the buyer was asked for a new invoice
 * @param buyerRated the buyer already rated the seller
 * @param sellerRated the seller already rated the buyer
 * @param bondPayout progress of a slashed bond's counterparty share
 * @param bondPayoutTo who is owed that share
 */
public record TradeContext(
        BondPolicy bondPolicy,
        boolean slashOnWaitingTimeout,
        boolean range,
        boolean market,
        boolean rangeRemainder,
        boolean takerAssigned,
        boolean buyerInvoiceKnown,
        HoldInvoiceState holdInvoice,
        int takerBonds,
        boolean makerBondLocked,
        boolean takerBondLocked,
        Optional<Party> cooperativeCancelBy,
        Optional<DisputeStatus> dispute,
        DisputeAssignee disputeAssignee,
        boolean nextTradeKnown,
        boolean payoutInFlight,
        boolean payoutExhausted,
        boolean buyerRated,
        boolean sellerRated,
        BondPayoutState bondPayout,
        Optional<Party> bondPayoutTo) {

    /**
     * Validates the context.
     *
     * @throws InvalidInputException if a component is null, {@code takerBonds} is negative, a dispute assignee is
     *     named without a dispute, or the bond payout state and its recipient disagree
     */
    public TradeContext {
        if (bondPolicy == null || holdInvoice == null || cooperativeCancelBy == null || dispute == null
                || disputeAssignee == null || bondPayout == null || bondPayoutTo == null) {
            throw new InvalidInputException("trade context: null component");
        }
        if (takerBonds < 0) {
            throw new InvalidInputException("trade context: takerBonds must not be negative");
        }
        if (dispute.isEmpty() && disputeAssignee != DisputeAssignee.NONE) {
            throw new InvalidInputException("trade context: a dispute assignee needs a dispute");
        }
        if ((bondPayout == BondPayoutState.NONE) != bondPayoutTo.isEmpty()) {
            throw new InvalidInputException("trade context: bondPayout and bondPayoutTo disagree");
        }
    }

    /** A fresh order's context under {@code policy}: no taker, no invoices, no bonds locked, no dispute. */
    public static TradeContext initial(BondPolicy policy) {
        return builder().bondPolicy(policy).build();
    }

    /** Whether {@code party}'s bond is locked ({@code party} is maker or taker depending on {@code makerParty}). */
    public boolean bondLocked(Party party, Party makerParty) {
        return party == makerParty ? makerBondLocked : takerBondLocked;
    }

    /** Whether {@code party} already rated its counterparty. */
    public boolean rated(Party party) {
        return party == Party.BUYER ? buyerRated : sellerRated;
    }

    /** A builder with every default (no bonds, fixed price, nothing stored). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this context. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bondPolicy = bondPolicy;
        b.slashOnWaitingTimeout = slashOnWaitingTimeout;
        b.range = range;
        b.market = market;
        b.rangeRemainder = rangeRemainder;
        b.takerAssigned = takerAssigned;
        b.buyerInvoiceKnown = buyerInvoiceKnown;
        b.holdInvoice = holdInvoice;
        b.takerBonds = takerBonds;
        b.makerBondLocked = makerBondLocked;
        b.takerBondLocked = takerBondLocked;
        b.cooperativeCancelBy = cooperativeCancelBy.orElse(null);
        b.dispute = dispute.orElse(null);
        b.disputeAssignee = disputeAssignee;
        b.nextTradeKnown = nextTradeKnown;
        b.payoutInFlight = payoutInFlight;
        b.payoutExhausted = payoutExhausted;
        b.buyerRated = buyerRated;
        b.sellerRated = sellerRated;
        b.bondPayout = bondPayout;
        b.bondPayoutTo = bondPayoutTo.orElse(null);
        return b;
    }

    /** Mutable builder for {@link TradeContext}; not thread-safe. Every setter's default is stated. */
    public static final class Builder {
        private BondPolicy bondPolicy = BondPolicy.NONE;
        private boolean slashOnWaitingTimeout;
        private boolean range;
        private boolean market;
        private boolean rangeRemainder;
        private boolean takerAssigned;
        private boolean buyerInvoiceKnown;
        private HoldInvoiceState holdInvoice = HoldInvoiceState.NONE;
        private int takerBonds;
        private boolean makerBondLocked;
        private boolean takerBondLocked;
        private Party cooperativeCancelBy;
        private DisputeStatus dispute;
        private DisputeAssignee disputeAssignee = DisputeAssignee.NONE;
        private boolean nextTradeKnown;
        private boolean payoutInFlight;
        private boolean payoutExhausted;
        private boolean buyerRated;
        private boolean sellerRated;
        private BondPayoutState bondPayout = BondPayoutState.NONE;
        private Party bondPayoutTo;

        private Builder() {}

        /** Bond policy (default: NONE). */
        public Builder bondPolicy(BondPolicy v) { this.bondPolicy = Objects.requireNonNull(v); return this; }
        /** Slash on waiting timeout (default: false). */
        public Builder slashOnWaitingTimeout(boolean v) { this.slashOnWaitingTimeout = v; return this; }
        /** Range order (default: false). */
        public Builder range(boolean v) { this.range = v; return this; }
        /** Market-price order (default: false). */
        public Builder market(boolean v) { this.market = v; return this; }
        /** A range remainder follows this slice (default: false). */
        public Builder rangeRemainder(boolean v) { this.rangeRemainder = v; return this; }
        /** Taker stored (default: false). */
        public Builder takerAssigned(boolean v) { this.takerAssigned = v; return this; }
        /** Buyer invoice stored (default: false). */
        public Builder buyerInvoiceKnown(boolean v) { this.buyerInvoiceKnown = v; return this; }
        /** Hold invoice state (default: NONE). */
        public Builder holdInvoice(HoldInvoiceState v) { this.holdInvoice = Objects.requireNonNull(v); return this; }
        /** Outstanding prospective-taker bonds (default: 0). */
        public Builder takerBonds(int v) { this.takerBonds = v; return this; }
        /** Maker bond locked (default: false). */
        public Builder makerBondLocked(boolean v) { this.makerBondLocked = v; return this; }
        /** Taker bond locked (default: false). */
        public Builder takerBondLocked(boolean v) { this.takerBondLocked = v; return this; }
        /** Cooperative-cancel initiator, or null for none (default: null). */
        public Builder cooperativeCancelBy(Party v) { this.cooperativeCancelBy = v; return this; }
        /** Dispute status, or null for no dispute (default: null). */
        public Builder dispute(DisputeStatus v) { this.dispute = v; return this; }
        /** Dispute assignee (default: NONE). */
        public Builder disputeAssignee(DisputeAssignee v) { this.disputeAssignee = Objects.requireNonNull(v); return this; }
        /** Buy range maker's next trade key stored (default: false). */
        public Builder nextTradeKnown(boolean v) { this.nextTradeKnown = v; return this; }
        /** Payout in flight (default: false). */
        public Builder payoutInFlight(boolean v) { this.payoutInFlight = v; return this; }
        /** Payout attempts exhausted (default: false). */
        public Builder payoutExhausted(boolean v) { this.payoutExhausted = v; return this; }
        /** Buyer rated (default: false). */
        public Builder buyerRated(boolean v) { this.buyerRated = v; return this; }
        /** Seller rated (default: false). */
        public Builder sellerRated(boolean v) { this.sellerRated = v; return this; }
        /** Bond payout state and recipient (default: NONE, null). */
        public Builder bondPayout(BondPayoutState state, Party to) {
            this.bondPayout = Objects.requireNonNull(state);
            this.bondPayoutTo = to;
            return this;
        }

        /**
         * Builds the context.
         *
         * @throws InvalidInputException as the record constructor
         */
        public TradeContext build() {
            return new TradeContext(bondPolicy, slashOnWaitingTimeout, range, market, rangeRemainder, takerAssigned,
                    buyerInvoiceKnown, holdInvoice, takerBonds, makerBondLocked, takerBondLocked,
                    Optional.ofNullable(cooperativeCancelBy), Optional.ofNullable(dispute), disputeAssignee,
                    nextTradeKnown, payoutInFlight, payoutExhausted, buyerRated, sellerRated, bondPayout,
                    Optional.ofNullable(bondPayoutTo));
        }
    }
}
