package network.mostro.protocol.state;

/**
 * A bookkeeping effect on the stored order beyond its status (SPEC §7.2, §8). Immutable and thread-safe.
 */
public enum OrderEffect {
    /** Price a market order now: {@code amt}, {@code fee}, {@code dev_fee} (§9.1). */
    QUOTE_MARKET_PRICE,
    /** Store the taker's trade key, identity and trade index; {@code taken_at = now}. */
    ASSIGN_TAKER,
    /** Back to the book: clear taker keys, the taker's invoice and (market) amounts; republish. */
    RESET_TAKER,
    /** The winner's taker bond is locked; the others are forgotten. */
    LOCK_TAKER_BOND,
    /** The maker's bond is locked. */
    LOCK_MAKER_BOND,
    /** The escrow HTLC is locked; {@code invoice_held_at = now}, {@code taken_at = now}. */
    MARK_HOLD_ACCEPTED,
    /** LND canceled the escrow by itself. */
    MARK_HOLD_CANCELED,
    /** Store the buyer's payout invoice. */
    STORE_BUYER_INVOICE,
    /** Replace the payout invoice and reset the attempts counter. */
    REPLACE_BUYER_INVOICE,
    /** Store a buy range maker's {@code next_trade}. */
    STORE_NEXT_TRADE,
    /** Create and publish the range child order (§8.3). */
    CREATE_CHILD_ORDER,
    /** Remember the sender as cooperative-cancel initiator. */
    RECORD_COOPERATIVE_CANCEL,
    /** Create the dispute row and publish kind 38386. */
    OPEN_DISPUTE,
    /** Store the sender as the dispute's solver and republish kind 38386. */
    ASSIGN_SOLVER,
    /** Update the counterparty's rating and queue kind 38384. */
    RECORD_RATING,
    /** Replace the maker's trade key with the sender's. */
    ROTATE_MAKER_KEY,
    /** A slashed bond's share is owed to the buyer ({@code add-bond-invoice} requests start). */
    OWE_BOND_SHARE_TO_BUYER,
    /** A slashed bond's share is owed to the seller. */
    OWE_BOND_SHARE_TO_SELLER,
    /** The winner's bond payout invoice is stored. */
    ACCEPT_BOND_INVOICE,
    /** The bond share was paid. */
    BOND_SHARE_PAID,
    /** The in-flight payout attempt ended (failed). */
    PAYOUT_ENDED,
    /** All payout attempts failed; retries stop until the buyer adds an invoice. */
    PAYOUT_EXHAUSTED
}
