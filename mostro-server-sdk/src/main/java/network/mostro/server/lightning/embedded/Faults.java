package network.mostro.server.lightning.embedded;

import java.time.Duration;
import java.util.Objects;
import network.mostro.nostr.InvalidInputException;
import network.mostro.server.lightning.embedded.internal.Net;

/**
 * Failures and delays injected into an {@link EmbeddedLightning} network, to test how a Mostro node copes.
 *
 * <p>Payment faults apply to payments sent by nodes ({@code sendPayment}, i.e. payouts); acceptance faults apply to
 * HTLCs arriving at hold invoices (from wallets or nodes); {@link #unavailable()} applies to every node handle.
 * Wallet calls are never refused. Thread-safe; settings take effect for calls made after them.
 */
public final class Faults {
    private final Net net;

    Faults(Net net) {
        this.net = Objects.requireNonNull(net, "net");
    }

    /** The next {@code n} node payments fail with {@code FAILURE_REASON_NO_ROUTE}. */
    public Faults failNextPayments(int n) {
        return failNextPayments(n, EmbeddedLightning.FAILURE_NO_ROUTE);
    }

    /**
     * The next {@code n} node payments fail with {@code reason} (e.g. {@code FAILURE_REASON_TIMEOUT}); a failed
     * payment moves no sats.
     *
     * @throws InvalidInputException if {@code n} is negative or the reason blank
     */
    public Faults failNextPayments(int n, String reason) {
        net.failNextPayments(n, reason);
        return this;
    }

    /** Node payments stay in flight for {@code delay} of real time before they run (default: zero). */
    public Faults delayPayments(Duration delay) {
        net.delayPayments(delay);
        return this;
    }

    /** HTLCs reach hold invoices {@code delay} of real time after the payment starts (default: zero). */
    public Faults delayAcceptance(Duration delay) {
        net.delayAcceptance(delay);
        return this;
    }

    /** Node payments stay in flight ({@code IN_FLIGHT}, no sats moved) until {@link #releasePayments()}. */
    public Faults holdPayments() {
        net.holdPayments();
        return this;
    }

    /** Stops holding node payments and runs every held one, in order; returns how many. */
    public int releasePayments() {
        return net.releasePayments();
    }

    /** HTLCs to hold invoices stay in flight (the invoice stays {@code OPEN}) until {@link #releaseAcceptance()}. */
    public Faults holdAcceptance() {
        net.holdAcceptance();
        return this;
    }

    /** Stops holding acceptance and accepts every held HTLC that is still valid; returns how many were held. */
    public int releaseAcceptance() {
        return net.releaseAcceptance();
    }

    /**
     * Every node call fails with {@code UNAVAILABLE} until {@link #available()}; existing invoice subscriptions keep
     * delivering (a real backend hides a dropped stream by reconnecting).
     */
    public Faults unavailable() {
        net.setUnavailable(true);
        return this;
    }

    /** Node calls work again. */
    public Faults available() {
        net.setUnavailable(false);
        return this;
    }

    /** Clears every fault and releases everything held. */
    public void reset() {
        net.resetFaults();
    }
}
