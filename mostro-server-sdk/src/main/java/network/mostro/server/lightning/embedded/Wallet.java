package network.mostro.server.lightning.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.InvalidInputException;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.embedded.internal.WalletState;

/**
 * A user's Lightning wallet on an {@link EmbeddedLightning} network: a balance, invoices it creates (regular, not
 * hold) and payments it makes. Wallets pay no routing fees and are never affected by {@link Faults}.
 *
 * <pre>{@code
 * Wallet seller = ln.wallet("seller", 100_000);
 * Payment p = seller.pay(holdInvoice.bolt11()).toCompletableFuture().join(); // completes when settled or canceled
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Wallet {
    private final WalletState state;

    Wallet(WalletState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The wallet's name. */
    public String name() {
        return state.name();
    }

    /** The wallet's node public key (33-byte compressed, hex): the payee of its invoices. */
    public String pubkey() {
        return state.pubkey();
    }

    /** The spendable balance in sats; sats locked in an accepted hold invoice are not included. */
    public long balance() {
        return state.balance();
    }

    /**
     * Creates a signed BOLT11 invoice payable to this wallet.
     *
     * @param amountSats the amount, or 0 for an amountless invoice
     * @param memo the description (UTF-8; longer than 639 bytes becomes a description hash)
     * @param expiry how long the invoice is valid, by the network's clock
     * @return the bolt11 string
     * @throws InvalidInputException if the amount is negative, the memo null or the expiry not in 1 s … 1 year
     * @throws LightningException ({@code CLOSED}) if the network was closed
     */
    public String createInvoice(long amountSats, String memo, Duration expiry) {
        return state.createInvoice(amountSats, memo, expiry);
    }

    /**
     * Pays an invoice with an amount. The stage completes when the payment is final: at once for a regular
     * invoice, and for a hold invoice when it is settled ({@code SUCCEEDED}, with the preimage) or canceled
     * ({@code FAILED}); meanwhile the sats are locked and not in {@link #balance()}. A payment that cannot go ahead
     * (wrong network, expired, unknown payee, already paid, insufficient balance) completes {@code FAILED} with a
     * {@code FAILURE_REASON_*}; paying the same hash again while a payment is in flight or succeeded returns that
     * payment. The stage completes on an internal thread.
     *
     * @return the final payment; fails with {@link LightningException} ({@code INVALID_REQUEST}) if the string is
     *     not a valid BOLT11 invoice or is amountless, or ({@code CLOSED}) if the network was closed
     */
    public CompletionStage<Payment> pay(String bolt11) {
        return state.pay(bolt11, 0);
    }

    /**
     * Pays an invoice, giving the amount (required for an amountless invoice; must equal the invoice's amount
     * otherwise). See {@link #pay(String)}.
     */
    public CompletionStage<Payment> pay(String bolt11, long amountSats) {
        return state.pay(bolt11, amountSats);
    }

    /** Outgoing payments, one per payment hash (the latest attempt), oldest first, in their current state. */
    public List<Payment> payments() {
        return state.payments();
    }

    /** Payments received (settled invoices of this wallet), oldest first. */
    public List<Payment> received() {
        return state.received();
    }

    @Override
    public String toString() {
        return "Wallet[" + name() + "]";
    }
}
