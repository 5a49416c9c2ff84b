package network.mostro.server.lightning.embedded.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.protocol.lightning.LightningNetwork;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.PaymentStatus;

/**
 * The in-process Lightning network behind {@code EmbeddedLightning}: parties (nodes and wallets) with balances,
 * every invoice by payment hash, outgoing payments per payer, a block height and injectable faults.
 *
 * <p>All state is guarded by one lock; listeners and payment stages are completed on pool threads, never while
 * the caller waits inside a call. Thread-safe.
 */
public final class Net implements AutoCloseable {
    /** LND's {@code holdexpirydelta}: an accepted hold HTLC is canceled this many blocks before it expires. */
    public static final int HOLD_EXPIRY_DELTA = 12;
    /** Expiry of a hold invoice created with {@code expirySeconds == 0}: LND's default of 24 h. */
    public static final long DEFAULT_HOLD_EXPIRY_SECONDS = 86_400;
    /** The version string {@code getInfo} reports. */
    public static final String VERSION = "mostro-embedded-lightning/0.1";

    public static final String NO_ROUTE = "FAILURE_REASON_NO_ROUTE";
    public static final String INCORRECT_PAYMENT_DETAILS = "FAILURE_REASON_INCORRECT_PAYMENT_DETAILS";
    public static final String INSUFFICIENT_BALANCE = "FAILURE_REASON_INSUFFICIENT_BALANCE";
    public static final String TIMEOUT = "FAILURE_REASON_TIMEOUT";
    public static final String ERROR = "FAILURE_REASON_ERROR";
    public static final String WRONG_NETWORK = "FAILURE_REASON_WRONG_NETWORK";
    public static final String INVOICE_EXPIRED = "FAILURE_REASON_INVOICE_EXPIRED";
    public static final String SELF_PAYMENT = "FAILURE_REASON_SELF_PAYMENT";

    final Object lock = new Object();
    final LightningNetwork network;
    final Clock clock;
    private final Random random;
    private final long feeBaseSats;
    private final long feePpm;

    private long height;
    private long feesCollected;
    private final Map<String, Party> nodes = new LinkedHashMap<>();
    private final Map<String, Party> wallets = new LinkedHashMap<>();
    private final Map<String, Party> byPubkey = new HashMap<>();
    private final Map<String, InvoiceRec> invoices = new HashMap<>();
    /** Invoices that can still change by time or height: open or accepted. */
    private final Set<InvoiceRec> live = new LinkedHashSet<>();
    private final Set<NodeHandle> handles = new LinkedHashSet<>();
    private final Set<Waiter> walletWaiters = new LinkedHashSet<>();
    private Instant lastSweepAt;
    private long lastSweepHeight = -1;
    private int handleSeq;
    private boolean closed;

    // faults (guarded by lock)
    private int failNext;
    private String failReason = NO_ROUTE;
    private Duration paymentDelay = Duration.ZERO;
    private Duration acceptDelay = Duration.ZERO;
    private boolean holdPayments;
    private boolean holdAcceptance;
    private final List<OutPay> heldPayments = new ArrayList<>();
    private final List<OutPay> heldAcceptances = new ArrayList<>();
    private volatile boolean unavailable;

    private static final java.util.concurrent.atomic.AtomicInteger NETWORKS = new java.util.concurrent.atomic.AtomicInteger();
    /** {@code embedded-ln-N-}: the start of every thread name of this network. */
    final String threadPrefix = Pools.PREFIX + NETWORKS.incrementAndGet() + "-";
    private ThreadPoolExecutor pool;
    private ScheduledThreadPoolExecutor timer;

    /**
     * A new network.
     *
     * @param feeBaseSats flat routing fee a node pays per payment
     * @param feePpm proportional routing fee, parts per million of the amount
     */
    public Net(LightningNetwork network, Clock clock, Random random, long blockHeight, long feeBaseSats,
            long feePpm) {
        this.network = Objects.requireNonNull(network, "network");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (blockHeight < 0 || feeBaseSats < 0 || feePpm < 0) {
            throw new InvalidInputException("block height and fees must not be negative");
        }
        this.height = blockHeight;
        this.feeBaseSats = feeBaseSats;
        this.feePpm = feePpm;
    }

    // ------------------------------------------------------------------ parties

    /** A party: a node or a wallet, with a key, a balance and outgoing payments. */
    static final class Party {
        final String name;
        final boolean node;
        final byte[] key;
        final String pubkey;
        long balance;
        final Map<String, OutPay> payments = new LinkedHashMap<>();
        final List<Payment> received = new ArrayList<>();

        Party(String name, boolean node, byte[] key, String pubkey, long balance) {
            this.name = name;
            this.node = node;
            this.key = key;
            this.pubkey = pubkey;
            this.balance = balance;
        }
    }

    private Party newParty(String name, boolean node, long balance) {
        byte[] key = new byte[32];
        while (true) {
            random.nextBytes(key);
            try {
                // Signing a throwaway invoice validates the scalar and yields the compressed public key.
                Bolt11Invoice probe = Bolt11Invoice.builder(network).timestamp(Instant.ofEpochSecond(0))
                        .paymentHash(new byte[32]).paymentSecret(new byte[32]).description("key").sign(key);
                Party p = new Party(name, node, key.clone(), probe.payeeNodeId(), balance);
                byPubkey.put(p.pubkey, p);
                return p;
            } catch (NostrException e) {
                // not a valid scalar (probability ~2^-128): draw again
            }
        }
    }

    /** A new handle on the node {@code alias}, creating the node (balance 0) on first use. */
    public LightningBackend node(String alias) {
        requireName(alias, "alias");
        synchronized (lock) {
            ensureOpen();
            Party p = nodes.get(alias);
            if (p == null) {
                p = newParty(alias, true, 0);
                nodes.put(alias, p);
            }
            NodeHandle h = new NodeHandle(this, p, ++handleSeq);
            handles.add(h);
            return h;
        }
    }

    /** Creates a wallet. */
    public WalletState wallet(String name, long balanceSats) {
        requireName(name, "wallet name");
        if (balanceSats < 0) {
            throw new InvalidInputException("wallet balance must not be negative: " + balanceSats);
        }
        synchronized (lock) {
            ensureOpen();
            if (wallets.containsKey(name)) {
                throw new InvalidInputException("a wallet named " + name + " exists already");
            }
            Party p = newParty(name, false, balanceSats);
            wallets.put(name, p);
            return new WalletState(this, p);
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new InvalidInputException(what + " must be 1-64 characters");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LightningException(Reason.CLOSED, "embedded lightning network is closed");
        }
    }

    private Party nodeNamed(String alias) {
        Party p = nodes.get(alias);
        if (p == null) {
            throw new InvalidInputException("no node named " + alias);
        }
        return p;
    }

    /** The spendable balance of node {@code alias}. */
    public long balance(String alias) {
        synchronized (lock) {
            return nodeNamed(alias).balance;
        }
    }

    /** The compressed public key of node {@code alias}, hex. */
    public String nodePubkey(String alias) {
        synchronized (lock) {
            return nodeNamed(alias).pubkey;
        }
    }

    /** Adds sats to node {@code alias} (as if a channel were opened to it). */
    public void fundNode(String alias, long sats) {
        if (sats <= 0) {
            throw new InvalidInputException("funding must be positive: " + sats);
        }
        synchronized (lock) {
            ensureOpen();
            nodeNamed(alias).balance += sats;
        }
    }

    long balanceOf(Party p) {
        synchronized (lock) {
            return p.balance;
        }
    }

    /** Sats locked in accepted hold invoices (amounts plus routing fees). */
    public long lockedSats() {
        synchronized (lock) {
            long sum = 0;
            for (InvoiceRec r : live) {
                sum += r.lockedSats;
            }
            return sum;
        }
    }

    /** Routing fees paid so far (they leave the parties' balances). */
    public long feesSats() {
        synchronized (lock) {
            return feesCollected;
        }
    }

    // ------------------------------------------------------------------ chain

    public long blockHeight() {
        synchronized (lock) {
            return height;
        }
    }

    /** Mines {@code n} blocks and applies every height-dependent rule. */
    public long mineBlocks(int n) {
        if (n < 0) {
            throw new InvalidInputException("cannot mine a negative number of blocks: " + n);
        }
        synchronized (lock) {
            ensureOpen();
            height += n;
            sweepLocked();
            return height;
        }
    }

    /** Applies time- and height-dependent rules now (they also run at the start of every call). */
    public void sweep() {
        synchronized (lock) {
            if (!closed) {
                sweepLocked();
            }
        }
    }

    /** Cancels open invoices past their expiry and accepted hold invoices within 12 blocks of HTLC expiry. */
    void sweepLocked() {
        Instant now = clock.instant();
        if (now.equals(lastSweepAt) && height == lastSweepHeight) {
            return;
        }
        lastSweepAt = now;
        lastSweepHeight = height;
        for (InvoiceRec r : new ArrayList<>(live)) {
            if (r.state == InvoiceState.OPEN && r.invoice.isExpiredAt(now)) {
                cancelLocked(r, INCORRECT_PAYMENT_DETAILS);
            } else if (r.state == InvoiceState.ACCEPTED && height >= r.htlcExpiryHeight - HOLD_EXPIRY_DELTA) {
                cancelLocked(r, INCORRECT_PAYMENT_DETAILS);
            }
        }
    }

    // ------------------------------------------------------------------ invoices

    /** An invoice known to the network. */
    static final class InvoiceRec {
        final Bolt11Invoice invoice;
        final String hash;
        final Party payee;
        final boolean hold;
        /** Known up front for a regular invoice; for a hold invoice only once settled. */
        String preimage;
        final long cltv;
        InvoiceState state = InvoiceState.OPEN;
        long amountPaid;
        long lockedSats;
        long htlcExpiryHeight;
        OutPay htlc;
        final List<Sub> subs = new ArrayList<>();

        InvoiceRec(Bolt11Invoice invoice, Party payee, boolean hold, String preimage, long cltv) {
            this.invoice = invoice;
            this.hash = invoice.paymentHash();
            this.payee = payee;
            this.hold = hold;
            this.preimage = preimage;
            this.cltv = cltv;
        }

        InvoiceUpdate update() {
            return new InvoiceUpdate(hash, state, amountPaid,
                    state == InvoiceState.ACCEPTED ? htlcExpiryHeight : 0);
        }
    }

    /** Signs and registers an invoice; the caller holds the lock. */
    InvoiceRec createInvoiceLocked(Party payee, String hashHex, String preimageHex, long amountSats, String memo,
            long expirySeconds, long cltv, boolean hold) {
        ensureOpen();
        sweepLocked();
        if (invoices.containsKey(hashHex)) {
            throw new LightningException(Reason.ALREADY_EXISTS, "an invoice with payment hash " + hashHex + " exists");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Bolt11Invoice.Builder b = Bolt11Invoice.builder(network)
                .timestamp(clock.instant())
                .paymentHash(hashHex)
                .paymentSecret(secret)
                .expirySeconds(expirySeconds)
                .minFinalCltvExpiryDelta(cltv)
                .feature(9)
                .feature(14);
        byte[] memoBytes = memo.getBytes(StandardCharsets.UTF_8);
        if (memoBytes.length <= 639) {
            b.description(memo);
        } else {
            b.descriptionHash(Bytes.sha256(memoBytes));
        }
        if (amountSats > 0) {
            b.amountSats(amountSats);
        }
        Bolt11Invoice inv;
        try {
            inv = b.sign(payee.key);
        } catch (NostrException e) {
            throw new LightningException(Reason.INVALID_REQUEST, "cannot sign invoice: " + e.getMessage(), e);
        }
        InvoiceRec rec = new InvoiceRec(inv, payee, hold, preimageHex, cltv);
        invoices.put(hashHex, rec);
        live.add(rec);
        return rec;
    }

    /** The invoice with this hash whose payee is {@code payee}, or null. */
    InvoiceRec invoiceOf(Party payee, String hashHex) {
        InvoiceRec r = invoices.get(hashHex);
        return r != null && r.payee == payee ? r : null;
    }

    private void setState(InvoiceRec r, InvoiceState state) {
        r.state = state;
        if (state.isFinal()) {
            live.remove(r);
        }
        InvoiceUpdate u = r.update();
        for (Sub s : r.subs) {
            s.deliver(u);
        }
        if (state.isFinal()) {
            // The stream ends after a final state, as LND's SubscribeSingleInvoice does.
            for (Sub s : r.subs) {
                s.owner.forget(s);
            }
            r.subs.clear();
        }
    }

    /** Cancels an open or accepted invoice, refunding a locked HTLC. Caller holds the lock. */
    void cancelLocked(InvoiceRec r, String payerReason) {
        if (r.state.isFinal()) {
            return;
        }
        OutPay htlc = r.htlc;
        if (r.state == InvoiceState.ACCEPTED && htlc != null) {
            htlc.payer.balance += r.lockedSats;
            r.lockedSats = 0;
            r.htlc = null;
            finishLocked(htlc, PaymentStatus.FAILED, null, payerReason);
        }
        setState(r, InvoiceState.CANCELED);
    }

    /** Settles an accepted hold invoice. Caller holds the lock. */
    void settleLocked(InvoiceRec r, String preimageHex) {
        OutPay htlc = r.htlc;
        r.preimage = preimageHex;
        r.payee.balance += r.amountPaid;
        feesCollected += r.lockedSats - r.amountPaid;
        r.lockedSats = 0;
        r.htlc = null;
        r.payee.received.add(received(r));
        setState(r, InvoiceState.SETTLED);
        if (htlc != null) {
            finishLocked(htlc, PaymentStatus.SUCCEEDED, preimageHex, null);
        }
    }

    private static Payment received(InvoiceRec r) {
        return new Payment(r.hash, PaymentStatus.SUCCEEDED, r.amountPaid, 0, Optional.ofNullable(r.preimage),
                Optional.empty());
    }

    /** Registers a subscription and queues the current state first. Caller holds the lock. */
    void subscribeLocked(InvoiceRec r, Sub s) {
        sweepLocked();
        s.deliver(r.update());
        if (!r.state.isFinal()) {
            r.subs.add(s);
        }
    }

    void unsubscribeLocked(InvoiceRec r, Sub s) {
        r.subs.remove(s);
    }

    // ------------------------------------------------------------------ payments

    /** An outgoing payment of one payer for one payment hash. */
    static final class OutPay {
        final Party payer;
        final String hash;
        final Bolt11Invoice invoice;
        final long amount;
        final long fee;
        PaymentStatus status = PaymentStatus.IN_FLIGHT;
        String preimage;
        String failure;
        final List<Waiter> waiters = new ArrayList<>();

        OutPay(Party payer, Bolt11Invoice invoice, long amount, long fee) {
            this.payer = payer;
            this.hash = invoice.paymentHash();
            this.invoice = invoice;
            this.amount = amount;
            this.fee = fee;
        }

        Payment snapshot() {
            return new Payment(hash, status, amount, status == PaymentStatus.FAILED ? 0 : fee,
                    Optional.ofNullable(preimage), Optional.ofNullable(failure));
        }
    }

    /** A stage waiting for a payment to become final, completed on {@code executor}. */
    record Waiter(CompletableFuture<Payment> future, Executor executor) {}

    private void finishLocked(OutPay p, PaymentStatus status, String preimage, String failure) {
        if (p.status != PaymentStatus.IN_FLIGHT) {
            return;
        }
        p.status = status;
        p.preimage = preimage;
        p.failure = failure;
        Payment snap = p.snapshot();
        for (Waiter w : p.waiters) {
            walletWaiters.remove(w);
            completeAsync(w, snap);
        }
        p.waiters.clear();
    }

    private static void completeAsync(Waiter w, Payment snap) {
        try {
            w.executor().execute(() -> w.future().complete(snap));
        } catch (RejectedExecutionException e) {
            w.future().completeExceptionally(new LightningException(Reason.CLOSED, "backend closed"));
        }
    }

    private long feeFor(long amount) {
        return feeBaseSats + (amount / 1_000_000L) * feePpm + (amount % 1_000_000L) * feePpm / 1_000_000L;
    }

    /**
     * Pays {@code bolt11}.
     *
     * @param byNode whether a node (subject to fees, fee limit and payment faults) pays, or a wallet (no fees)
     * @param feeLimit the fee budget (nodes only)
     * @param timeout real time after which a still-in-flight payment's stage fails with TIMEOUT (nodes only)
     * @param executor where the stage completes
     */
    CompletionStage<Payment> pay(Party payer, boolean byNode, String bolt11, long amountSats, long feeLimit,
            Duration timeout, Executor executor, java.util.function.Consumer<CompletableFuture<Payment>> track) {
        Bolt11Invoice inv;
        try {
            inv = Bolt11.decode(bolt11.strip());
        } catch (NostrException e) {
            return CompletableFuture.failedFuture(new LightningException(Reason.INVALID_REQUEST,
                    "invalid bolt11 invoice: " + e.getMessage(), e));
        }
        long amount;
        if (inv.isAmountless()) {
            if (amountSats <= 0) {
                return CompletableFuture.failedFuture(new LightningException(Reason.INVALID_REQUEST,
                        "amount must be specified when paying a zero amount invoice"));
            }
            amount = amountSats;
        } else {
            long msat = inv.amountMsat().getAsLong();
            if (msat % 1000 != 0) {
                return CompletableFuture.failedFuture(new LightningException(Reason.INVALID_REQUEST,
                        "sub-satoshi invoice amounts are not supported: " + msat + " msat"));
            }
            amount = msat / 1000;
            if (amountSats != 0 && amountSats != amount) {
                return CompletableFuture.failedFuture(new LightningException(Reason.INVALID_REQUEST,
                        "amount " + amountSats + " does not match the invoice amount " + amount));
            }
        }
        long fee = byNode ? feeFor(amount) : 0;
        CompletableFuture<Payment> f = new CompletableFuture<>();
        Waiter w = new Waiter(f, executor);
        boolean needsTimeout = false;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new LightningException(Reason.CLOSED, "network closed"));
            }
            sweepLocked();
            OutPay existing = payer.payments.get(inv.paymentHash());
            if (existing != null && existing.status != PaymentStatus.FAILED) {
                // Idempotent: track the payment we already have instead of paying again.
                if (existing.status == PaymentStatus.IN_FLIGHT) {
                    existing.waiters.add(w);
                    registerWaiter(byNode, w, track);
                    needsTimeout = byNode;
                } else {
                    completeAsync(w, existing.snapshot());
                }
            } else {
                OutPay p = new OutPay(payer, inv, amount, fee);
                payer.payments.remove(p.hash); // keep insertion order = latest attempt last
                payer.payments.put(p.hash, p);
                p.waiters.add(w);
                registerWaiter(byNode, w, track);
                String reject = validateLocked(p);
                if (reject == null && byNode && fee > feeLimit) {
                    reject = NO_ROUTE;
                }
                if (reject != null) {
                    finishLocked(p, PaymentStatus.FAILED, null, reject);
                } else if (byNode && holdPayments) {
                    heldPayments.add(p);
                } else if (byNode && !paymentDelay.isZero()) {
                    schedule(() -> {
                        synchronized (lock) {
                            executeLocked(p, true);
                        }
                    }, paymentDelay);
                } else {
                    executeLocked(p, byNode);
                }
                needsTimeout = byNode && p.status == PaymentStatus.IN_FLIGHT;
            }
        }
        if (needsTimeout && !f.isDone()) {
            java.util.concurrent.Future<?> t = schedule(() -> f.completeExceptionally(new LightningException(
                    Reason.TIMEOUT, "payment still in flight after " + timeout + "; track it")), timeout);
            if (t != null) {
                f.whenComplete((ok, err) -> t.cancel(false));
            }
        }
        return f;
    }

    private void registerWaiter(boolean byNode, Waiter w, java.util.function.Consumer<CompletableFuture<Payment>> track) {
        if (track != null) {
            track.accept(w.future());
        }
        if (!byNode) {
            walletWaiters.add(w);
        }
    }

    /** The reason a payment cannot go ahead, or null. Caller holds the lock. */
    private String validateLocked(OutPay p) {
        Bolt11Invoice inv = p.invoice;
        if (inv.network() != network) {
            return WRONG_NETWORK;
        }
        if (inv.isExpiredAt(clock.instant())) {
            return INVOICE_EXPIRED;
        }
        Party payee = byPubkey.get(inv.payeeNodeId());
        if (payee == null) {
            return NO_ROUTE;
        }
        if (payee == p.payer) {
            return SELF_PAYMENT;
        }
        InvoiceRec rec = invoices.get(p.hash);
        if (rec == null || rec.payee != payee || !rec.invoice.paymentSecret().equals(inv.paymentSecret())
                || rec.state != InvoiceState.OPEN) {
            return INCORRECT_PAYMENT_DETAILS;
        }
        if (p.payer.balance < p.amount + p.fee) {
            return INSUFFICIENT_BALANCE;
        }
        return null;
    }

    /** Runs a validated payment: fails it by fault, settles a regular invoice or locks a hold HTLC. */
    private void executeLocked(OutPay p, boolean byNode) {
        if (closed || p.status != PaymentStatus.IN_FLIGHT) {
            return;
        }
        sweepLocked();
        if (byNode && failNext > 0) {
            failNext--;
            finishLocked(p, PaymentStatus.FAILED, null, failReason);
            return;
        }
        String reject = validateLocked(p);
        if (reject != null) {
            finishLocked(p, PaymentStatus.FAILED, null, reject);
            return;
        }
        InvoiceRec rec = invoices.get(p.hash);
        if (!rec.hold) {
            p.payer.balance -= p.amount + p.fee;
            feesCollected += p.fee;
            rec.payee.balance += p.amount;
            rec.amountPaid = p.amount;
            rec.payee.received.add(received(rec));
            setState(rec, InvoiceState.SETTLED);
            finishLocked(p, PaymentStatus.SUCCEEDED, rec.preimage, null);
        } else if (holdAcceptance) {
            heldAcceptances.add(p);
        } else if (!acceptDelay.isZero()) {
            schedule(() -> {
                synchronized (lock) {
                    acceptLocked(p);
                }
            }, acceptDelay);
        } else {
            acceptLocked(p);
        }
    }

    private void acceptLocked(OutPay p) {
        if (closed || p.status != PaymentStatus.IN_FLIGHT) {
            return;
        }
        sweepLocked();
        String reject = validateLocked(p);
        if (reject != null) {
            finishLocked(p, PaymentStatus.FAILED, null, reject);
            return;
        }
        InvoiceRec rec = invoices.get(p.hash);
        p.payer.balance -= p.amount + p.fee;
        rec.lockedSats = p.amount + p.fee;
        rec.amountPaid = p.amount;
        rec.htlc = p;
        rec.htlcExpiryHeight = height + rec.cltv;
        setState(rec, InvoiceState.ACCEPTED);
    }

    Payment track(Party payer, String hashHex) {
        synchronized (lock) {
            sweepLocked();
            OutPay p = payer.payments.get(hashHex);
            return p != null ? p.snapshot()
                    : new Payment(hashHex, PaymentStatus.UNKNOWN, 0, 0, Optional.empty(), Optional.empty());
        }
    }

    List<Payment> paymentsOf(Party p) {
        synchronized (lock) {
            List<Payment> out = new ArrayList<>();
            for (OutPay o : p.payments.values()) {
                out.add(o.snapshot());
            }
            return List.copyOf(out);
        }
    }

    List<Payment> receivedBy(Party p) {
        synchronized (lock) {
            return List.copyOf(p.received);
        }
    }

    // ------------------------------------------------------------------ faults

    boolean unavailable() {
        return unavailable;
    }

    /** Makes node calls fail with UNAVAILABLE (true) or work again (false). */
    public void setUnavailable(boolean value) {
        unavailable = value;
    }

    /** The next {@code n} node payments fail with {@code reason}. */
    public void failNextPayments(int n, String reason) {
        if (n < 0) {
            throw new InvalidInputException("count must not be negative: " + n);
        }
        requireName(reason, "failure reason");
        synchronized (lock) {
            failNext = n;
            failReason = reason;
        }
    }

    public void delayPayments(Duration delay) {
        requireDelay(delay);
        synchronized (lock) {
            paymentDelay = delay;
        }
    }

    public void delayAcceptance(Duration delay) {
        requireDelay(delay);
        synchronized (lock) {
            acceptDelay = delay;
        }
    }

    private static void requireDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new InvalidInputException("delay must be zero or positive");
        }
    }

    public void holdPayments() {
        synchronized (lock) {
            holdPayments = true;
        }
    }

    /** Stops holding node payments and runs the held ones; returns how many were released. */
    public int releasePayments() {
        synchronized (lock) {
            holdPayments = false;
            List<OutPay> held = new ArrayList<>(heldPayments);
            heldPayments.clear();
            for (OutPay p : held) {
                executeLocked(p, true);
            }
            return held.size();
        }
    }

    public void holdAcceptance() {
        synchronized (lock) {
            holdAcceptance = true;
        }
    }

    /** Stops holding hold-invoice acceptance and accepts the held HTLCs; returns how many were released. */
    public int releaseAcceptance() {
        synchronized (lock) {
            holdAcceptance = false;
            List<OutPay> held = new ArrayList<>(heldAcceptances);
            heldAcceptances.clear();
            for (OutPay p : held) {
                acceptLocked(p);
            }
            return held.size();
        }
    }

    /** Clears every fault and releases everything held. */
    public void resetFaults() {
        synchronized (lock) {
            failNext = 0;
            failReason = NO_ROUTE;
            paymentDelay = Duration.ZERO;
            acceptDelay = Duration.ZERO;
            unavailable = false;
        }
        releasePayments();
        releaseAcceptance();
    }

    // ------------------------------------------------------------------ threads

    /** The network's own executor, for wallet stages. Caller holds the lock. */
    Executor poolLocked() {
        if (pool == null) {
            pool = Pools.cached(threadPrefix + "net");
        }
        return pool;
    }

    private java.util.concurrent.Future<?> schedule(Runnable task, Duration delay) {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            if (timer == null) {
                timer = Pools.timer(threadPrefix + "timer");
            }
            long nanos;
            try {
                nanos = delay.toNanos();
            } catch (ArithmeticException e) {
                nanos = Long.MAX_VALUE;
            }
            return timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        }
    }

    void handleClosed(NodeHandle h) {
        synchronized (lock) {
            handles.remove(h);
        }
    }

    /** The start of every thread name of this network: {@code embedded-ln-N-}. */
    public String threadPrefix() {
        return threadPrefix;
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Closes every node handle, fails wallets' pending stages with CLOSED and stops every thread. */
    @Override
    public void close() {
        List<NodeHandle> toClose;
        List<Waiter> waiting;
        ThreadPoolExecutor p;
        ScheduledThreadPoolExecutor t;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true; // from here no handle, wallet, invoice or payment can be added
            toClose = new ArrayList<>(handles);
            waiting = new ArrayList<>(walletWaiters);
            walletWaiters.clear();
            p = pool;
            t = timer;
        }
        for (NodeHandle h : toClose) {
            h.close();
        }
        for (Waiter w : waiting) {
            w.future().completeExceptionally(new LightningException(Reason.CLOSED, "network closed"));
        }
        if (t != null) {
            Pools.stop(t, threadPrefix + "timer");
        }
        if (p != null) {
            Pools.stop(p, threadPrefix + "net");
        }
    }
}
