package network.mostro.server.store;

import java.util.Random;
import java.util.UUID;
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

/** Seeded generators of valid store records for the contract tests. */
final class TestRecords {

    private TestRecords() {}

    static String hex(Random r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    static UUID uuid(Random r) {
        return new UUID(r.nextLong(), r.nextLong());
    }

    private static <E> E pick(E[] values, int i) {
        return values[Math.floorMod(i, values.length)];
    }

    /**
     * The {@code i}-th context: every enum constant of every component shows up as {@code i} runs over
     * {@code 0..}{@link #VARIANTS}, and each Optional is present for some {@code i} and absent for others.
     */
    static TradeContext context(int i, Random r) {
        DisputeStatus dispute = i % 3 == 0 ? null : pick(DisputeStatus.values(), i);
        DisputeAssignee assignee = dispute == null ? DisputeAssignee.NONE : pick(DisputeAssignee.values(), i / 3);
        BondPayoutState payout = pick(BondPayoutState.values(), i);
        Party payoutTo = payout == BondPayoutState.NONE ? null : pick(Party.values(), i / 4);
        Party coop = i % 3 == 1 ? null : pick(Party.values(), i / 3);
        return TradeContext.builder()
                .bondPolicy(pick(BondPolicy.values(), i))
                .slashOnWaitingTimeout(r.nextBoolean())
                .range(r.nextBoolean())
                .market(r.nextBoolean())
                .rangeRemainder(r.nextBoolean())
                .takerAssigned(r.nextBoolean())
                .buyerInvoiceKnown(r.nextBoolean())
                .holdInvoice(pick(HoldInvoiceState.values(), i))
                .takerBonds(i % 5 == 0 ? Integer.MAX_VALUE : r.nextInt(10))
                .makerBondLocked(r.nextBoolean())
                .takerBondLocked(r.nextBoolean())
                .cooperativeCancelBy(coop)
                .dispute(dispute)
                .disputeAssignee(assignee)
                .nextTradeKnown(r.nextBoolean())
                .payoutInFlight(r.nextBoolean())
                .payoutExhausted(r.nextBoolean())
                .buyerRated(r.nextBoolean())
                .sellerRated(r.nextBoolean())
                .bondPayout(payout, payoutTo)
                .build();
    }

    /** Enough variants that every enum constant of an order and its context appears. */
    static final int VARIANTS = 3 * 4 * OrderStatus.values().length;

    private static Long maybe(Random r, boolean present, long v) {
        return present ? v : null;
    }

    /**
     * The {@code i}-th order: every nullable component is present when {@code i} is even and absent when odd (with
     * a random extra flip per component so mixed rows exist too); numbers include extremes; texts include unicode.
     */
    static OrderRecord order(int i, Random r) {
        boolean even = i % 2 == 0;
        java.util.function.BooleanSupplier p = () -> i % 4 < 2 ? even : r.nextBoolean();
        return OrderRecord.builder()
                .id(uuid(r))
                .kind(pick(OrderKind.values(), i))
                .status(pick(OrderStatus.values(), i))
                .version(0)
                .context(context(i, r))
                .creatorPubkey(hex(r))
                .buyerPubkey(p.getAsBoolean() ? hex(r) : null)
                .masterBuyerPubkey(p.getAsBoolean() ? hex(r) : null)
                .sellerPubkey(p.getAsBoolean() ? hex(r) : null)
                .masterSellerPubkey(p.getAsBoolean() ? hex(r) : null)
                .tradeIndexBuyer(maybe(r, p.getAsBoolean(), r.nextInt(1000)))
                .tradeIndexSeller(maybe(r, p.getAsBoolean(), i == 0 ? Long.MAX_VALUE : 0))
                .fiatCode(pick(new String[] {"USD", "VES", "EUR", "ARS"}, i))
                .fiatAmount(i == 0 ? Long.MAX_VALUE : r.nextInt(1_000_000))
                .minAmount(maybe(r, p.getAsBoolean(), 10))
                .maxAmount(maybe(r, p.getAsBoolean(), 1000))
                .paymentMethod(i == 1 ? "" : "SEPA,Bizum,пересылка,💸")
                .premium(i == 2 ? Long.MIN_VALUE : r.nextInt(21) - 10)
                .priceFromApi(r.nextBoolean())
                .amount(i == 0 ? Long.MAX_VALUE : r.nextInt(5_000_000))
                .fee(r.nextInt(5000))
                .devFee(r.nextInt(500))
                .devFeePaid(r.nextBoolean())
                .devFeePaymentHash(p.getAsBoolean() ? hex(r) : null)
                .buyerInvoice(p.getAsBoolean() ? (even ? "lnbcrt1" + "q".repeat(1500) : "alice@example.com") : null)
                .holdInvoice(p.getAsBoolean() ? "lnbcrt50u1" + hex(r) : null)
                .holdHash(p.getAsBoolean() ? hex(r) : null)
                .preimage(p.getAsBoolean() ? hex(r) : null)
                .holdHtlcExpiryHeight(r.nextInt(900_000))
                .rangeParentId(p.getAsBoolean() ? uuid(r) : null)
                .nextTradePubkey(p.getAsBoolean() ? hex(r) : null)
                .nextTradeIndex(maybe(r, p.getAsBoolean(), r.nextInt(50)))
                .createdAt(1_700_000_000L + r.nextInt(1_000_000))
                .expiresAt(i == 3 ? Long.MAX_VALUE : 1_800_000_000L)
                .takenAt(maybe(r, p.getAsBoolean(), 1_700_000_500L))
                .invoiceHeldAt(maybe(r, p.getAsBoolean(), 1_700_000_600L))
                .paymentAttempts(i == 4 ? Integer.MAX_VALUE : r.nextInt(4))
                .payoutHash(p.getAsBoolean() ? hex(r) : null)
                .payoutClaimedAt(maybe(r, p.getAsBoolean(), Long.MIN_VALUE))
                .lastPayoutAttemptAt(maybe(r, p.getAsBoolean(), 1_700_001_000L))
                .eventCreatedAt(r.nextInt(Integer.MAX_VALUE))
                .build();
    }

    /** A plain pending sell order created at {@code createdAt}. */
    static OrderRecord pending(Random r, long createdAt) {
        return OrderRecord.builder()
                .id(uuid(r))
                .kind(OrderKind.SELL)
                .status(OrderStatus.PENDING)
                .context(TradeContext.initial(BondPolicy.NONE))
                .creatorPubkey(hex(r))
                .fiatCode("USD")
                .fiatAmount(100)
                .paymentMethod("SEPA")
                .amount(10_000)
                .createdAt(createdAt)
                .expiresAt(createdAt + 86_400)
                .build();
    }

    static DisputeRecord dispute(Random r, UUID orderId, long createdAt) {
        return new DisputeRecord(uuid(r), orderId, DisputeStatus.INITIATED, 0, DisputeInitiator.BUYER, hex(r), null,
                createdAt, null, createdAt);
    }
}
