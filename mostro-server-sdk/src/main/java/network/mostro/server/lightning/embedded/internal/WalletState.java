package network.mostro.server.lightning.embedded.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import network.mostro.nostr.InvalidInputException;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.Payment;

/** A user wallet on a {@link Net}: pays and creates regular invoices, without routing fees. Thread-safe. */
public final class WalletState {
    /** min_final_cltv_expiry_delta of wallet invoices. */
    public static final long WALLET_CLTV = 40;

    private final Net net;
    private final Net.Party party;

    WalletState(Net net, Net.Party party) {
        this.net = net;
        this.party = party;
    }

    public String name() {
        return party.name;
    }

    public String pubkey() {
        return party.pubkey;
    }

    public long balance() {
        return net.balanceOf(party);
    }

    /** Creates a regular invoice whose preimage this wallet knows; {@code amountSats == 0} makes it amountless. */
    public String createInvoice(long amountSats, String memo, Duration expiry) {
        if (amountSats < 0) {
            throw new InvalidInputException("invoice amount must not be negative: " + amountSats);
        }
        if (memo == null) {
            throw new InvalidInputException("memo is required (may be empty)");
        }
        if (expiry == null || expiry.isNegative() || expiry.isZero() || expiry.getSeconds() > 365L * 86_400) {
            throw new InvalidInputException("expiry must be between 1 s and a year");
        }
        byte[] preimage = new byte[32];
        RANDOM.nextBytes(preimage);
        String preimageHex = Bytes.hex(preimage);
        String hashHex = Bytes.hex(Bytes.sha256(preimage));
        synchronized (net.lock) {
            return net.createInvoiceLocked(party, hashHex, preimageHex, amountSats, memo,
                    Math.max(1, expiry.getSeconds()), WALLET_CLTV, false).invoice.paymentRequest();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Pays an invoice; {@code amountSats} is required for an amountless one and must match otherwise (or be 0). */
    public CompletionStage<Payment> pay(String bolt11, long amountSats) {
        if (bolt11 == null) {
            return CompletableFuture.failedFuture(new LightningException(Reason.INVALID_REQUEST, "bolt11 is null"));
        }
        if (amountSats < 0) {
            return CompletableFuture.failedFuture(
                    new LightningException(Reason.INVALID_REQUEST, "amount must not be negative"));
        }
        Executor executor;
        synchronized (net.lock) {
            if (net.isClosed()) {
                return CompletableFuture.failedFuture(new LightningException(Reason.CLOSED, "network closed"));
            }
            executor = net.poolLocked();
        }
        return net.pay(party, false, bolt11, amountSats, Long.MAX_VALUE, Duration.ofDays(3650), executor, null);
    }

    public List<Payment> payments() {
        return net.paymentsOf(party);
    }

    public List<Payment> received() {
        return net.receivedBy(party);
    }
}
