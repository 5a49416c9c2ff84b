package network.mostro.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the solver receives in {@code admin-took-dispute} (second element of the {@code dispute} payload,
 * SPEC §5.4). Members are written in this order; nullable components are written as {@code null}.
 *
 * <p>mostro-core types {@code kind}, {@code status} and {@code order_previous_status} as free strings, so they are
 * strings here too ({@link #knownKind()}, {@link #knownStatus()} give typed views). The solver receives the hold
 * invoice {@code preimage}: treat this record as secret. Immutable and thread-safe.
 *
 * @param id order id
 * @param kind order kind as sent
 * @param status order status as sent
 * @param hash hold invoice payment hash (hex); nullable
 * @param preimage hold invoice preimage (hex); nullable
 * @param orderPreviousStatus order status before the dispute
 * @param initiatorPubkey trade key of the initiator
 * @param buyerPubkey buyer trade key; nullable
 * @param sellerPubkey seller trade key; nullable
 * @param initiatorFullPrivacy whether the initiator trades in full-privacy mode
 * @param counterpartFullPrivacy whether the counterpart trades in full-privacy mode
 * @param initiatorInfo initiator reputation; nullable
 * @param counterpartInfo counterpart reputation; nullable
 * @param premium premium in percent
 * @param paymentMethod payment method text
 * @param amount sats
 * @param fiatAmount fiat amount
 * @param fee Mostro fee in sats
 * @param routingFee routing fee in sats
 * @param buyerInvoice buyer payout invoice; nullable
 * @param invoiceHeldAt unix seconds the hold invoice was accepted
 * @param takenAt unix seconds the order was taken
 * @param createdAt unix seconds the order was created
 */
public record SolverDisputeInfo(
        UUID id,
        String kind,
        String status,
        String hash,
        String preimage,
        String orderPreviousStatus,
        String initiatorPubkey,
        String buyerPubkey,
        String sellerPubkey,
        boolean initiatorFullPrivacy,
        boolean counterpartFullPrivacy,
        UserInfo initiatorInfo,
        UserInfo counterpartInfo,
        long premium,
        String paymentMethod,
        long amount,
        long fiatAmount,
        long fee,
        long routingFee,
        String buyerInvoice,
        long invoiceHeldAt,
        long takenAt,
        long createdAt) {

    /** @throws NullPointerException if a non-nullable component is null */
    public SolverDisputeInfo {
        Objects.requireNonNull(id, "id");
        Checks.text(kind, "kind");
        Checks.text(status, "status");
        Checks.optionalText(hash, "hash");
        Checks.optionalText(preimage, "preimage");
        Checks.text(orderPreviousStatus, "orderPreviousStatus");
        Checks.text(initiatorPubkey, "initiatorPubkey");
        Checks.optionalText(buyerPubkey, "buyerPubkey");
        Checks.optionalText(sellerPubkey, "sellerPubkey");
        Checks.text(paymentMethod, "paymentMethod");
        Checks.optionalText(buyerInvoice, "buyerInvoice");
    }

    /** {@code kind} as an {@link OrderKind}, or empty if the spelling is not known. */
    public Optional<OrderKind> knownKind() {
        return OrderKind.fromWire(kind);
    }

    /** {@code status} as an {@link OrderStatus}, or empty if the spelling is not known. */
    public Optional<OrderStatus> knownStatus() {
        return OrderStatus.fromWire(status);
    }

    /** Never prints the preimage. */
    @Override
    public String toString() {
        return "SolverDisputeInfo[id=" + id + ", kind=" + kind + ", status=" + status + ", preimage="
                + (preimage == null ? "null" : "<redacted>") + ", amount=" + amount + "]";
    }
}
