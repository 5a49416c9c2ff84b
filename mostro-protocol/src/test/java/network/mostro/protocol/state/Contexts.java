package network.mostro.protocol.state;

import java.util.ArrayList;
import java.util.List;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;

/** Representative trade contexts per (kind, status) and request-fact variants for the exhaustive test. */
final class Contexts {
    private Contexts() {}

    /** Request facts: valid, with invoice, and one deviation each. */
    static final List<RequestFacts> FACTS = List.of(
            RequestFacts.DEFAULT,
            RequestFacts.DEFAULT.withInvoice(true),
            RequestFacts.DEFAULT.withInvoice(true).withInvoiceValid(false),
            RequestFacts.DEFAULT.withInvoiceValid(false),
            RequestFacts.DEFAULT.withAmountInRange(false),
            RequestFacts.DEFAULT.withPriceFresh(false),
            RequestFacts.DEFAULT.withSenderHasPendingTrade(true),
            RequestFacts.DEFAULT.withPastExpiry(true),
            RequestFacts.DEFAULT.withNextTradeGiven(true),
            RequestFacts.DEFAULT.withRatingValid(false),
            RequestFacts.DEFAULT.withCounterpartyFullPrivacy(true),
            RequestFacts.DEFAULT.withSlash(true, false),
            RequestFacts.DEFAULT.withSlash(false, true),
            RequestFacts.DEFAULT.withSlash(true, true));

    static List<HoldInvoiceState> holds(OrderStatus s) {
        return switch (s) {
            case WAITING_BUYER_INVOICE -> List.of(HoldInvoiceState.NONE, HoldInvoiceState.ACCEPTED);
            case WAITING_PAYMENT -> List.of(HoldInvoiceState.CREATED, HoldInvoiceState.ACCEPTED);
            case ACTIVE, FIAT_SENT, DISPUTE -> List.of(HoldInvoiceState.ACCEPTED, HoldInvoiceState.CANCELED);
            case SETTLED_HOLD_INVOICE, SUCCESS, SETTLED_BY_ADMIN, COMPLETED_BY_ADMIN -> List.of(HoldInvoiceState.SETTLED);
            case CANCELED -> List.of(HoldInvoiceState.NONE, HoldInvoiceState.CANCELED);
            case COOPERATIVELY_CANCELED, CANCELED_BY_ADMIN -> List.of(HoldInvoiceState.CANCELED);
            default -> List.of(HoldInvoiceState.NONE);
        };
    }

    record DisputeVariant(DisputeStatus status, DisputeAssignee assignee) {}

    static List<DisputeVariant> disputes(OrderStatus s) {
        List<DisputeVariant> none = new ArrayList<>();
        none.add(new DisputeVariant(null, DisputeAssignee.NONE));
        return switch (s) {
            case DISPUTE -> List.of(new DisputeVariant(DisputeStatus.INITIATED, DisputeAssignee.NONE),
                    new DisputeVariant(DisputeStatus.IN_PROGRESS, DisputeAssignee.READ_SOLVER),
                    new DisputeVariant(DisputeStatus.IN_PROGRESS, DisputeAssignee.READ_WRITE_SOLVER),
                    new DisputeVariant(DisputeStatus.IN_PROGRESS, DisputeAssignee.NODE_ADMIN));
            case ACTIVE, FIAT_SENT -> List.of(none.get(0),
                    new DisputeVariant(DisputeStatus.INITIATED, DisputeAssignee.NONE));
            case SETTLED_HOLD_INVOICE, SUCCESS -> List.of(none.get(0),
                    new DisputeVariant(DisputeStatus.SETTLED, DisputeAssignee.READ_WRITE_SOLVER));
            case COOPERATIVELY_CANCELED -> List.of(none.get(0),
                    new DisputeVariant(DisputeStatus.SELLER_REFUNDED, DisputeAssignee.NODE_ADMIN),
                    new DisputeVariant(DisputeStatus.SELLER_REFUNDED, DisputeAssignee.READ_SOLVER));
            case CANCELED_BY_ADMIN -> List.of(
                    new DisputeVariant(DisputeStatus.SELLER_REFUNDED, DisputeAssignee.READ_WRITE_SOLVER));
            default -> none;
        };
    }

    static boolean bookStatus(OrderStatus s) {
        return s == OrderStatus.PENDING || s == OrderStatus.WAITING_TAKER_BOND || s == OrderStatus.WAITING_MAKER_BOND
                || s == OrderStatus.EXPIRED;
    }

    static boolean terminal(OrderStatus s) {
        return OrderStateMachine.isTerminal(s);
    }

    /** Contexts for one (kind, status); a product of the dimensions that matter there. */
    static List<TradeContext> of(OrderKind kind, OrderStatus s) {
        List<TradeContext> out = new ArrayList<>();
        boolean trade = s == OrderStatus.ACTIVE || s == OrderStatus.FIAT_SENT || s == OrderStatus.DISPUTE;
        List<Party> coops = new ArrayList<>();
        coops.add(null);
        if (trade) {
            coops.add(Party.BUYER);
            coops.add(Party.SELLER);
        }
        List<Integer> bonds = s == OrderStatus.PENDING || s == OrderStatus.WAITING_TAKER_BOND
                ? List.of(0, 1, 2) : List.of(0);
        List<Boolean> taken = s == OrderStatus.CANCELED ? List.of(false, true) : List.of(!bookStatus(s));
        List<boolean[]> payouts = s == OrderStatus.SETTLED_HOLD_INVOICE
                ? List.of(new boolean[] {true, false}, new boolean[] {false, false}, new boolean[] {false, true})
                : List.of(new boolean[] {false, false});
        // (rated, bond payout) pairs: zipped rather than crossed to keep the product small
        List<Object[]> after = new ArrayList<>();
        boolean rateable = s == OrderStatus.SUCCESS || s == OrderStatus.SETTLED_HOLD_INVOICE;
        after.add(new Object[] {false, BondPayoutState.NONE});
        if (rateable || terminal(s)) {
            after.add(new Object[] {rateable, terminal(s) ? BondPayoutState.AWAITING_INVOICE : BondPayoutState.NONE});
        }
        if (terminal(s)) {
            after.add(new Object[] {false, BondPayoutState.INVOICE_ACCEPTED});
        }
        for (BondPolicy policy : List.of(BondPolicy.NONE, BondPolicy.BOTH)) {
            for (HoldInvoiceState hold : holds(s)) {
                for (Party coop : coops) {
                    for (DisputeVariant d : disputes(s)) {
                        for (boolean invoice : new boolean[] {false, true}) {
                            for (boolean rangeMarket : new boolean[] {false, true}) {
                                for (int b : bonds) {
                                    for (boolean t : taken) {
                                        for (boolean[] p : payouts) {
                                            for (Object[] ra : after) {
                                                {
                                                    boolean r = (Boolean) ra[0];
                                                    BondPayoutState bp = (BondPayoutState) ra[1];
                                                    boolean past = !bookStatus(s) && s != OrderStatus.CANCELED || t;
                                                    out.add(TradeContext.builder()
                                                            .bondPolicy(policy)
                                                            .slashOnWaitingTimeout(policy == BondPolicy.BOTH)
                                                            .range(rangeMarket).market(rangeMarket)
                                                            .rangeRemainder(rangeMarket).nextTradeKnown(rangeMarket)
                                                            .takerAssigned(t)
                                                            .buyerInvoiceKnown(invoice)
                                                            .holdInvoice(hold)
                                                            .takerBonds(policy.takerBond() ? b : 0)
                                                            .makerBondLocked(policy.makerBond()
                                                                    && s != OrderStatus.WAITING_MAKER_BOND)
                                                            .takerBondLocked(policy.takerBond() && past)
                                                            .cooperativeCancelBy(coop)
                                                            .dispute(d.status()).disputeAssignee(d.assignee())
                                                            .payoutInFlight(p[0]).payoutExhausted(p[1])
                                                            .buyerRated(r).sellerRated(r)
                                                            .bondPayout(bp, bp == BondPayoutState.NONE ? null
                                                                    : bp == BondPayoutState.AWAITING_INVOICE
                                                                            ? Party.BUYER : Party.SELLER)
                                                            .build());
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
