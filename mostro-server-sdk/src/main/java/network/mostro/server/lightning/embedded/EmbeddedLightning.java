package network.mostro.server.lightning.embedded;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.embedded.internal.Net;

/**
 * An in-process Lightning network on one {@link LightningNetwork}: nodes that implement {@link LightningBackend}
 * with real BOLT11 invoices signed by their own secp256k1 keys, user {@link Wallet wallets}, a block height you
 * mine by hand, and {@link Faults} — the Mostro node's embedded default, for demos and tests.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * try (EmbeddedLightning ln = EmbeddedLightning.builder().clock(clock).build()) {
 *     LightningBackend mostro = ln.node("mostro");
 *     Wallet seller = ln.wallet("seller", 100_000);
 *     HoldInvoice hold = mostro.addHoldInvoice(request).toCompletableFuture().join();
 *     CompletionStage<Payment> paid = seller.pay(hold.bolt11()); // invoice ACCEPTED, seller's sats locked
 *     mostro.settleHoldInvoice(preimageHex);                    // sats move to the node; paid completes SUCCEEDED
 * }
 * }</pre>
 *
 * <p>Semantics follow LND: hold invoices go {@code OPEN → ACCEPTED → SETTLED | CANCELED}; an accepted HTLC expires
 * at acceptance height + the invoice's CLTV delta and is canceled (payer refunded) once the chain reaches
 * {@value #HOLD_EXPIRY_DELTA} blocks before that; open invoices are canceled once expired by the clock. Time- and
 * height-dependent rules are applied at the start of every call and by {@link #mineBlocks(int)} and
 * {@link #sweep()}. A payment that cannot go ahead completes {@code FAILED} with one of the {@code FAILURE_*}
 * reasons below. Nodes pay a routing fee ({@link Builder#routingFee}, default 0) that leaves the network; money is
 * otherwise conserved: wallet and node balances + {@link #lockedSats()} + {@link #feesSats()} only change by
 * {@link #wallet(String, long)} and {@link #fundNode(String, long)}.
 *
 * <p>A node's state (key, invoices, payments, balance) belongs to the network; {@link #node(String)} returns a new
 * handle each call, and closing a handle (pending stages fail with {@code CLOSED}, subscriptions get
 * {@code onError(CLOSED)}, its threads stop) leaves the node's state for the next handle — like restarting a client
 * of a running LND. {@link #close()} closes every handle and stops every thread (all are named
 * {@link #threadNamePrefix()}{@code *}).
 *
 * <p>Thread-safe.
 */
public final class EmbeddedLightning implements AutoCloseable {
    /** LND's {@code holdexpirydelta}: blocks before HTLC expiry at which an accepted hold invoice is canceled. */
    public static final int HOLD_EXPIRY_DELTA = Net.HOLD_EXPIRY_DELTA;
    /** No route to the payee (unknown payee, fee above the limit, injected fault). LND's reason. */
    public static final String FAILURE_NO_ROUTE = Net.NO_ROUTE;
    /** The payee rejected the payment: unknown hash, already paid, canceled. LND's reason. */
    public static final String FAILURE_INCORRECT_PAYMENT_DETAILS = Net.INCORRECT_PAYMENT_DETAILS;
    /** The payer's balance is below amount + fee. LND's reason. */
    public static final String FAILURE_INSUFFICIENT_BALANCE = Net.INSUFFICIENT_BALANCE;
    /** LND's timeout reason (only used when injected by {@link Faults#failNextPayments(int, String)}). */
    public static final String FAILURE_TIMEOUT = Net.TIMEOUT;
    /** LND's generic reason (only used when injected). */
    public static final String FAILURE_ERROR = Net.ERROR;
    /** The invoice is for another network (LND refuses such a call; here it is a failed payment). */
    public static final String FAILURE_WRONG_NETWORK = Net.WRONG_NETWORK;
    /** The invoice expired by the network's clock (LND refuses such a call; here it is a failed payment). */
    public static final String FAILURE_INVOICE_EXPIRED = Net.INVOICE_EXPIRED;
    /** The payer is the payee (LND refuses self-payments by default). */
    public static final String FAILURE_SELF_PAYMENT = Net.SELF_PAYMENT;

    private final Net net;
    private final Faults faults;
    private final LightningNetwork network;
    private final Clock clock;

    private EmbeddedLightning(Builder b) {
        this.network = b.network;
        this.clock = b.clock;
        this.net = new Net(b.network, b.clock, b.random, b.blockHeight, b.feeBaseSats, b.feePpm);
        this.faults = new Faults(net);
    }

    /** A regtest network on the system clock at block height 1000, fee 0. */
    public static EmbeddedLightning create() {
        return builder().build();
    }

    /** A builder with the defaults of {@link #create()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A handle on node {@code alias}, creating the node (fresh key, balance 0) on first use.
     *
     * @throws InvalidInputException if the alias is blank or longer than 64 characters
     * @throws LightningException ({@code CLOSED}) if the network is closed
     */
    public LightningBackend node(String alias) {
        return net.node(alias);
    }

    /**
     * Creates a user wallet with a starting balance.
     *
     * @throws InvalidInputException if the name is blank, too long or taken, or the balance negative
     * @throws LightningException ({@code CLOSED}) if the network is closed
     */
    public Wallet wallet(String name, long balanceSats) {
        return new Wallet(net.wallet(name, balanceSats));
    }

    /**
     * The spendable balance of node {@code alias} in sats.
     *
     * @throws InvalidInputException if there is no such node
     */
    public long balance(String alias) {
        return net.balance(alias);
    }

    /** The node's public key (33-byte compressed, hex), as in its invoices and {@code getInfo}. */
    public String nodePubkey(String alias) {
        return net.nodePubkey(alias);
    }

    /** Adds {@code sats} to node {@code alias}'s balance (as if a channel were opened to it). */
    public void fundNode(String alias, long sats) {
        net.fundNode(alias, sats);
    }

    /** Sats locked in accepted hold invoices (amounts plus routing fees), neither the payer's nor the payee's yet. */
    public long lockedSats() {
        return net.lockedSats();
    }

    /** Routing fees paid by nodes so far; they leave the network. */
    public long feesSats() {
        return net.feesSats();
    }

    /** The current block height. */
    public long blockHeight() {
        return net.blockHeight();
    }

    /**
     * Mines {@code n} blocks, then cancels accepted hold invoices within {@value #HOLD_EXPIRY_DELTA} blocks of their
     * HTLC expiry (refunding the payer).
     *
     * @return the new height
     * @throws InvalidInputException if {@code n} is negative
     */
    public long mineBlocks(int n) {
        return net.mineBlocks(n);
    }

    /** Applies the clock now: cancels open invoices that have expired (also done at the start of every call). */
    public void sweep() {
        net.sweep();
    }

    /** The injectable faults of this network. */
    public Faults faults() {
        return faults;
    }

    /**
     * The start of the name of every thread this network starts: {@code embedded-ln-<n>-}, where {@code n} numbers
     * networks in this JVM. A node handle's threads continue with {@code <alias>-<handle number>-}, the network's
     * own with {@code net-} (wallet stages) and {@code timer-} (delays and payment timeouts).
     */
    public String threadNamePrefix() {
        return net.threadPrefix();
    }

    /** The Bitcoin network of every invoice here. */
    public LightningNetwork network() {
        return network;
    }

    /** The clock invoices are stamped and checked with. */
    public Clock clock() {
        return clock;
    }

    /** Closes every node handle, fails pending wallet stages with {@code CLOSED} and stops every thread. */
    @Override
    public void close() {
        net.close();
    }

    /** Configures an {@link EmbeddedLightning}. Not thread-safe. */
    public static final class Builder {
        private LightningNetwork network = LightningNetwork.REGTEST;
        private Clock clock = Clock.systemUTC();
        private long blockHeight = 1000;
        private Random random;
        private long feeBaseSats;
        private long feePpm;

        private Builder() {}

        /** The network of every invoice (default: regtest). */
        public Builder network(LightningNetwork network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /** The clock for invoice timestamps and expiry (default: system UTC; tests use a {@code ManualClock}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The starting block height (default: 1000). */
        public Builder blockHeight(long height) {
            if (height < 0) {
                throw new InvalidInputException("block height must not be negative: " + height);
            }
            this.blockHeight = height;
            return this;
        }

        /** The source of node keys and payment secrets (default: a new {@link SecureRandom}; tests may seed one). */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The routing fee a node pays per payment: {@code baseSats + amount × ppm / 10⁶} (default: 0, 0). */
        public Builder routingFee(long baseSats, long ppm) {
            if (baseSats < 0 || ppm < 0) {
                throw new InvalidInputException("routing fee must not be negative");
            }
            this.feeBaseSats = baseSats;
            this.feePpm = ppm;
            return this;
        }

        /** Builds the network. */
        public EmbeddedLightning build() {
            if (random == null) {
                random = new SecureRandom();
            }
            return new EmbeddedLightning(this);
        }
    }
}
