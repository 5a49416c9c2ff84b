package network.mostro.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip13;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.Tag;
import network.mostro.nostr.UnsignedEvent;
import network.mostro.nostr.relay.Filter;
import network.mostro.nostr.relay.RelayPool;
import network.mostro.nostr.relay.Subscription;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.RestoredDispute;
import network.mostro.protocol.RestoredOrder;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.codec.MessageCodec;
import network.mostro.protocol.event.InfoEvent;
import network.mostro.protocol.transport.Inbound;
import network.mostro.protocol.transport.Transport;
import network.mostro.testkit.MockRelay;

/**
 * A scripted Mostro node for tests: listens for kind-14 requests on a real {@link MockRelay}, opens them with the
 * protocol transport, and answers with the message sequences of SPEC §7–§8 (fee 0, no bonds). Some answers are
 * built from the protocol book examples in {@code src/test/resources/examples}. Test hooks simulate Lightning
 * (hold invoice paid) and solvers. Thread-safe enough for tests (handlers synchronized).
 */
final class FakeMostro implements AutoCloseable {
    static final String HOLD_INVOICE = "lnbcrt78510n1pj59wmepp50677g8tffdqa2p8882y0x6newny5vtz0hjuyngdwv226nanv4uzsdqqcqzzsxqyz5vqsp5skn973360gp4yhlpmefwvul5hs58lkkl3u3ujvt57elmp4zugp4q9qyyssqw4nzlr72w28k4waycf27qvgzc9sp79sqlw83j56txltz4va44j7jda23ydcujj9y5k6k0rn5ms84w8wmcmcyk5g3mhpqepf7envhdccp72nz6e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageCodec CODEC = MessageCodec.standard();

    final PrivateKey key = PrivateKey.generate();
    final PublicKey pub = key.publicKey();
    private final RelayPool pool;
    private final Subscription sub;
    final List<Inbound> received = new CopyOnWriteArrayList<>();
    final List<Integer> powSeen = new CopyOnWriteArrayList<>();
    final Set<Action> silent = Collections.synchronizedSet(new HashSet<>());
    final Map<Action, CantDoReason> refuse = Collections.synchronizedMap(new HashMap<>());
    final Map<UUID, Ord> orders = new LinkedHashMap<>();
    final Map<String, Long> lastIndex = new HashMap<>();
    volatile int powRequired;
    /** Test hook: the buyer's payout after a release fails (payment-failed) until {@link #payoutRetried} is called. */
    volatile boolean failPayout;

    static final class Ord {
        UUID id;
        OrderKind kind;
        OrderStatus status;
        long amount;
        String fiat;
        Long min;
        Long max;
        long fiatAmount;
        String pm;
        long premium;
        PublicKey maker;
        String makerIdentity;
        long makerIndex;
        PublicKey buyer;
        PublicKey seller;
        String buyerIdentity;
        String sellerIdentity;
        long buyerIndex;
        long sellerIndex;
        String buyerInvoice;
        boolean holdPaid;
        boolean holdCreated;
        Payload.NextTrade next;
        Party coopBy;
        UUID disputeId;
        long createdAt;
        long expiresAt;
    }

    enum Party { BUYER, SELLER }

    FakeMostro(MockRelay relay) {
        pool = RelayPool.builder().relay(relay.uri()).build();
        sub = pool.subscribe(List.of(Filter.builder().kinds(14).tag('p', pub.toHex()).build()),
                (e, r) -> onRequest(e));
    }

    /** Publishes the info event built from the protocol book example, with our key, version and PoW. */
    void publishInfo(int protocolVersion, int pow, int powFirstContact) throws Exception {
        publishInfo(protocolVersion, pow, powFirstContact, now());
    }

    /** As {@link #publishInfo(int, int, int)} with an explicit {@code created_at}. */
    void publishInfo(int protocolVersion, int pow, int powFirstContact, long createdAt) throws Exception {
        this.powRequired = pow;
        JsonNode ex = examples("info-event.json").get(0).get("json").get(2).get("tags");
        List<Tag> tags = new ArrayList<>();
        for (JsonNode t : ex) {
            List<String> vals = new ArrayList<>();
            t.forEach(v -> vals.add(v.asText().replace("<Mostro's pubkey>", pub.toHex())
                    .replace("[Mostro instance name]", "Fake Mostro")));
            switch (vals.get(0)) {
                case "protocol_version" -> vals.set(1, Integer.toString(protocolVersion));
                case "pow" -> vals.set(1, Integer.toString(pow));
                case "pow_first_contact" -> vals.set(1, Integer.toString(powFirstContact));
                case "fee" -> vals.set(1, "0");
                case "bond_enabled" -> vals.set(1, "false");
                default -> { }
            }
            if (!vals.get(0).startsWith("bond_") || vals.get(0).equals("bond_enabled")) {
                tags.add(new Tag(vals));
            }
        }
        InfoEvent info = InfoEvent.fromTags(tags);
        publish(info.toUnsignedEvent(pub, createdAt).sign(key));
    }

    static JsonNode examples(String file) throws Exception {
        try (InputStream in = FakeMostro.class.getResourceAsStream("/examples/" + file)) {
            return JSON.readTree(in).get("examples");
        }
    }

    void publish(Event e) {
        pool.publish(e).toCompletableFuture().join();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private synchronized void onRequest(Event e) {
        Inbound in;
        try {
            in = Transport.v2().unwrap(e, key);
        } catch (RuntimeException ex) {
            return;
        }
        powSeen.add(Nip13.difficulty(e));
        if (Nip13.difficulty(e) < powRequired) {
            return;
        }
        received.add(in);
        Message m = in.message();
        if (silent.contains(m.action())) {
            return;
        }
        CantDoReason r = refuse.get(m.action());
        if (r != null) {
            send(in.senderTradeKey(), Message.builder(Action.CANT_DO).type(MessageType.CANT_DO)
                    .requestId(m.requestId()).id(m.id()).payload(Payload.CantDo.of(r)).build());
            return;
        }
        try {
            handle(in, m);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    void send(PublicKey to, Message m) {
        // never join here: this may run on the pool's callback thread, which completes publishes
        pool.publish(Transport.v2().wrapReply(m, key, to));
    }

    private Message msg(Action a, UUID id, Long req, Long ti, Payload p) {
        return Message.builder(a).id(id).requestId(req).tradeIndex(ti).payload(p).build();
    }

    SmallOrder small(Ord o, OrderStatus st, long amount, boolean keys) {
        return SmallOrder.builder().id(o.id).kind(o.kind).status(st).amount(amount).fiatCode(o.fiat).minAmount(o.min)
                .maxAmount(o.max).fiatAmount(o.fiatAmount).paymentMethod(o.pm).premium(o.premium)
                .buyerTradePubkey(keys && o.buyer != null ? o.buyer.toHex() : null)
                .sellerTradePubkey(keys && o.seller != null ? o.seller.toHex() : null)
                .buyerInvoice(st == OrderStatus.PENDING ? o.buyerInvoice : null)
                .createdAt(o.createdAt).expiresAt(o.expiresAt).build();
    }

    /** A message from a protocol-book example, placeholders replaced. */
    Message fromExample(String file, int index, Ord o, Long req) throws Exception {
        JsonNode j = examples(file).get(index).get("json");
        String raw = JSON.writeValueAsString(j.isArray() ? j.get(0) : j);
        raw = raw.replace("308e1272-d5f4-47e6-bd97-3504baea9c23", o.id.toString())
                .replace("<Order Id>", o.id.toString()).replace("\"kind\":\"sell\"", "\"kind\":\"" + o.kind.wireName()
                + "\"").replace("<Buyer's trade pubkey>", o.buyer.toHex())
                .replace("<Seller's trade pubkey>", o.seller.toHex());
        Message m = CODEC.decode(raw);
        return m.toBuilder().requestId(req).build();
    }

    private void handle(Inbound in, Message m) throws Exception {
        PublicKey from = in.senderTradeKey();
        String identity = in.identityKey().toHex();
        Long req = m.requestId();
        switch (m.action()) {
            case NEW_ORDER -> {
                SmallOrder so = ((Payload.Order) m.payload()).order();
                if (m.tradeIndex() != null && m.tradeIndex() <= lastIndex.getOrDefault(identity, 0L)) {
                    send(from, msg(Action.CANT_DO, null, req, null, Payload.CantDo.of(CantDoReason.INVALID_TRADE_INDEX))
                            .toBuilder().type(MessageType.CANT_DO).build());
                    return;
                }
                if (m.tradeIndex() != null) {
                    lastIndex.put(identity, m.tradeIndex());
                }
                Ord o = new Ord();
                o.id = UUID.randomUUID();
                o.kind = so.kind();
                o.status = OrderStatus.PENDING;
                o.amount = so.amount();
                o.fiat = so.fiatCode();
                o.min = so.minAmount();
                o.max = so.maxAmount();
                o.fiatAmount = so.fiatAmount();
                o.pm = so.paymentMethod();
                o.premium = so.premium();
                o.maker = from;
                o.makerIdentity = identity;
                o.makerIndex = m.tradeIndex() == null ? 0 : m.tradeIndex();
                o.buyerInvoice = so.buyerInvoice();
                o.createdAt = now();
                o.expiresAt = so.expiresAt() != null ? so.expiresAt() : now() + 86_400;
                assignMaker(o);
                orders.put(o.id, o);
                send(from, msg(Action.NEW_ORDER, o.id, req, m.tradeIndex(),
                        new Payload.Order(small(o, OrderStatus.PENDING, o.amount, false))));
            }
            case TAKE_SELL, TAKE_BUY -> {
                Ord o = orders.get(m.id());
                if (o == null) {
                    send(from, cantDo(m, CantDoReason.NOT_FOUND));
                    return;
                }
                if (o.status != OrderStatus.PENDING) {
                    send(from, cantDo(m, CantDoReason.INVALID_ORDER_STATUS));
                    return;
                }
                if (m.tradeIndex() != null) {
                    lastIndex.merge(identity, m.tradeIndex(), Math::max);
                }
                if (o.amount == 0) {
                    o.amount = 10_000;
                }
                if (m.payload() instanceof Payload.Amount a) {
                    o.fiatAmount = a.amount();
                }
                if (m.payload() instanceof Payload.PaymentRequest pr && pr.amount() != null) {
                    o.fiatAmount = pr.amount();
                }
                long ti = m.tradeIndex() == null ? 0 : m.tradeIndex();
                if (m.action() == Action.TAKE_SELL) {
                    o.buyer = from;
                    o.buyerIdentity = identity;
                    o.buyerIndex = ti;
                    if (m.payload() instanceof Payload.PaymentRequest pr) {
                        o.buyerInvoice = pr.invoice();
                        waitingPayment(o, req);
                    } else {
                        o.status = OrderStatus.WAITING_BUYER_INVOICE;
                        send(o.buyer, msg(Action.ADD_INVOICE, o.id, req, o.buyerIndex,
                                new Payload.Order(small(o, OrderStatus.WAITING_BUYER_INVOICE, o.amount, false))));
                        send(o.seller, msg(Action.WAITING_BUYER_INVOICE, o.id, req, o.sellerIndex, null));
                    }
                } else {
                    o.seller = from;
                    o.sellerIdentity = identity;
                    o.sellerIndex = ti;
                    waitingPayment(o, req);
                }
            }
            case ADD_INVOICE -> {
                Ord o = orders.get(m.id());
                if (!from.equals(o.buyer)) {
                    send(from, cantDo(m, CantDoReason.INVALID_PEER));
                    return;
                }
                o.buyerInvoice = ((Payload.PaymentRequest) m.payload()).invoice();
                if (o.status == OrderStatus.SETTLED_HOLD_INVOICE) {
                    send(from, msg(Action.INVOICE_UPDATED, o.id, req, null, null));
                } else if (o.status != OrderStatus.WAITING_BUYER_INVOICE) {
                    send(from, cantDo(m, CantDoReason.NOT_ALLOWED_BY_STATUS));
                } else if (o.holdPaid) {
                    active(o, req);
                } else {
                    send(o.seller, msg(Action.PAY_INVOICE, o.id, null, o.sellerIndex,
                            new Payload.Peer("", new network.mostro.protocol.UserInfo(4.5, 3, 10))));
                    waitingPayment(o, req);
                }
            }
            case FIAT_SENT -> {
                Ord o = orders.get(m.id());
                if (o.status != OrderStatus.ACTIVE) {
                    send(from, cantDo(m, CantDoReason.INVALID_ORDER_STATUS));
                    return;
                }
                if (m.payload() instanceof Payload.NextTrade nt) {
                    o.next = nt;
                }
                o.status = OrderStatus.FIAT_SENT;
                send(o.seller, msg(Action.FIAT_SENT_OK, o.id, null, null, new Payload.Peer(o.buyer.toHex(), null)));
                send(o.buyer, msg(Action.FIAT_SENT_OK, o.id, req, null, new Payload.Peer(o.seller.toHex(), null)));
            }
            case RELEASE -> {
                Ord o = orders.get(m.id());
                if (!from.equals(o.seller)) {
                    send(from, cantDo(m, CantDoReason.INVALID_PEER));
                    return;
                }
                if (o.status != OrderStatus.FIAT_SENT && o.status != OrderStatus.DISPUTE) {
                    send(from, cantDo(m, CantDoReason.NOT_ALLOWED_BY_STATUS));
                    return;
                }
                if (m.payload() instanceof Payload.NextTrade nt) {
                    o.next = nt;
                }
                o.status = OrderStatus.SETTLED_HOLD_INVOICE;
                send(o.buyer, msg(Action.RELEASED, o.id, req, null, null));
                if (o.min != null && o.next != null && o.max - o.fiatAmount >= o.min) {
                    Ord c = new Ord();
                    c.id = UUID.randomUUID();
                    c.kind = o.kind;
                    c.status = OrderStatus.PENDING;
                    c.fiat = o.fiat;
                    long newMax = o.max - o.fiatAmount;
                    if (newMax > o.min) {
                        c.min = o.min;
                        c.max = newMax;
                    } else {
                        c.fiatAmount = newMax;
                    }
                    c.pm = o.pm;
                    c.premium = o.premium;
                    c.maker = PublicKey.fromHex(o.next.tradePubkey());
                    c.makerIdentity = o.makerIdentity;
                    c.makerIndex = o.next.tradeIndex();
                    c.createdAt = o.createdAt;
                    c.expiresAt = o.expiresAt;
                    assignMaker(c);
                    orders.put(c.id, c);
                    send(c.maker, msg(Action.NEW_ORDER, c.id, req, c.makerIndex,
                            new Payload.Order(small(c, OrderStatus.PENDING, 0, false))));
                }
                send(o.seller, msg(Action.HOLD_INVOICE_PAYMENT_SETTLED, o.id, req, null, null));
                send(o.seller, msg(Action.RATE, o.id, null, null, null));
                if (failPayout) {
                    // SPEC: the first failed attempt tells the buyer (payment-failed); the scheduler retries silently
                    send(o.buyer, msg(Action.PAYMENT_FAILED, o.id, null, null, new Payload.PaymentFailed(3, 60)));
                    return;
                }
                o.status = OrderStatus.SUCCESS;
                send(o.buyer, msg(Action.PURCHASE_COMPLETED, o.id, null, null, null));
                send(o.buyer, msg(Action.RATE, o.id, null, null, null));
            }
            case CANCEL -> {
                Ord o = orders.get(m.id());
                if (o.status == OrderStatus.PENDING && from.equals(o.maker)) {
                    o.status = OrderStatus.CANCELED;
                    send(from, msg(Action.CANCELED, o.id, req, null, null));
                } else if (o.status == OrderStatus.ACTIVE || o.status == OrderStatus.FIAT_SENT
                        || o.status == OrderStatus.DISPUTE) {
                    Party p = from.equals(o.buyer) ? Party.BUYER : Party.SELLER;
                    PublicKey peer = p == Party.BUYER ? o.seller : o.buyer;
                    if (o.coopBy == null) {
                        o.coopBy = p;
                        send(from, msg(Action.COOPERATIVE_CANCEL_INITIATED_BY_YOU, o.id, req, null, null));
                        send(peer, msg(Action.COOPERATIVE_CANCEL_INITIATED_BY_PEER, o.id, req, null, null));
                    } else if (o.coopBy == p) {
                        send(from, cantDo(m, CantDoReason.INVALID_PUBKEY));
                    } else {
                        o.status = OrderStatus.COOPERATIVELY_CANCELED;
                        send(from, msg(Action.COOPERATIVE_CANCEL_ACCEPTED, o.id, req, null, null));
                        send(peer, msg(Action.COOPERATIVE_CANCEL_ACCEPTED, o.id, req, null, null));
                    }
                } else {
                    send(from, cantDo(m, CantDoReason.NOT_ALLOWED_BY_STATUS));
                }
            }
            case DISPUTE -> {
                Ord o = orders.get(m.id());
                if (o.status != OrderStatus.ACTIVE && o.status != OrderStatus.FIAT_SENT) {
                    send(from, cantDo(m, CantDoReason.NOT_ALLOWED_BY_STATUS));
                    return;
                }
                o.status = OrderStatus.DISPUTE;
                o.disputeId = UUID.randomUUID();
                PublicKey peer = from.equals(o.buyer) ? o.seller : o.buyer;
                send(from, msg(Action.DISPUTE_INITIATED_BY_YOU, o.id, req, null, new Payload.Dispute(o.disputeId, null)));
                send(peer, msg(Action.DISPUTE_INITIATED_BY_PEER, o.id, req, null, new Payload.Dispute(o.disputeId, null)));
            }
            case RATE_USER -> send(from, msg(Action.RATE_RECEIVED, m.id(), req, null, m.payload()));
            case ORDERS -> {
                List<SmallOrder> list = new ArrayList<>();
                for (UUID id : ((Payload.Ids) m.payload()).ids()) {
                    Ord o = orders.get(id);
                    if (o != null && (identity.equals(o.buyerIdentity) || identity.equals(o.sellerIdentity))) {
                        list.add(small(o, o.status, o.amount, true));
                    }
                }
                send(from, list.isEmpty() ? cantDo(m, CantDoReason.NOT_FOUND)
                        : msg(Action.ORDERS, null, req, null, new Payload.Orders(list)));
            }
            case LAST_TRADE_INDEX -> {
                Long last = lastIndex.get(identity);
                send(from, last == null ? cantDo(m, CantDoReason.NOT_FOUND)
                        : msg(Action.LAST_TRADE_INDEX, null, req, last, null).toBuilder().type(MessageType.RESTORE)
                                .build());
            }
            case RESTORE_SESSION -> {
                List<RestoredOrder> ros = new ArrayList<>();
                List<RestoredDispute> rds = new ArrayList<>();
                for (Ord o : orders.values()) {
                    long idx = identity.equals(o.buyerIdentity) ? o.buyerIndex
                            : identity.equals(o.sellerIdentity) ? o.sellerIndex : -1;
                    if (idx < 0 || o.status == OrderStatus.SUCCESS || o.status == OrderStatus.CANCELED) {
                        continue;
                    }
                    if (o.status == OrderStatus.DISPUTE) {
                        rds.add(new RestoredDispute(o.disputeId, o.id, idx, "initiated", null, null));
                    } else {
                        ros.add(new RestoredOrder(o.id, idx, o.status.wireName()));
                    }
                }
                send(from, Message.builder(Action.RESTORE_SESSION).type(MessageType.RESTORE)
                        .payload(new Payload.RestoreData(ros, rds)).build());
            }
            case TRADE_PUBKEY -> {
                Ord o = orders.get(m.id());
                o.maker = from;
                assignMaker(o);
                send(from, msg(Action.TRADE_PUBKEY, o.id, req, null, null));
            }
            default -> { }
        }
    }

    private void assignMaker(Ord o) {
        if (o.kind == OrderKind.SELL) {
            o.seller = o.maker;
            o.sellerIdentity = o.makerIdentity;
            o.sellerIndex = o.makerIndex;
        } else {
            o.buyer = o.maker;
            o.buyerIdentity = o.makerIdentity;
            o.buyerIndex = o.makerIndex;
        }
    }

    private Message cantDo(Message m, CantDoReason r) {
        return Message.builder(Action.CANT_DO).type(MessageType.CANT_DO).requestId(m.requestId()).id(m.id())
                .payload(Payload.CantDo.of(r)).build();
    }

    /** §8.1 row 3/4, §8.2 row 2: hold invoice to the seller (from the book example), buyer waits. */
    private void waitingPayment(Ord o, Long req) throws Exception {
        o.status = OrderStatus.WAITING_PAYMENT;
        o.holdCreated = true;
        // the book's pay-invoice examples carry a 2-element payment_request (SPEC §18 #4); the mostro-core one is right
        Message pay = fromExample("pay-invoice.json", 2, o, req);
        Payload.PaymentRequest pr = (Payload.PaymentRequest) pay.payload();
        send(o.seller, pay.toBuilder().tradeIndex(o.sellerIndex).payload(new Payload.PaymentRequest(
                small(o, OrderStatus.WAITING_PAYMENT, o.amount, false), pr.invoice(), null)).build());
        send(o.buyer, msg(Action.WAITING_SELLER_TO_PAY, o.id, req, o.buyerIndex, null));
    }

    /** Test hook: LND reports the hold invoice ACCEPTED (§8.1 row 5, §8.2 rows 3–4). */
    synchronized void holdInvoicePaid(UUID id) throws Exception {
        Ord o = orders.get(id);
        o.holdPaid = true;
        if (o.buyerInvoice != null) {
            active(o, null);
        } else {
            o.status = OrderStatus.WAITING_BUYER_INVOICE;
            send(o.buyer, msg(Action.ADD_INVOICE, o.id, null, o.buyerIndex,
                    new Payload.Order(small(o, OrderStatus.WAITING_BUYER_INVOICE, o.amount, false))));
            send(o.seller, msg(Action.WAITING_BUYER_INVOICE, o.id, null, o.sellerIndex, null));
            send(o.buyer, msg(Action.ADD_INVOICE, o.id, null, o.buyerIndex,
                    new Payload.Peer("", new network.mostro.protocol.UserInfo(5.0, 1, 2))));
        }
    }

    private void active(Ord o, Long req) throws Exception {
        o.status = OrderStatus.ACTIVE;
        Message s = fromExample("buyer-took-order.json", 0, o, null);
        send(o.seller, s.toBuilder().payload(new Payload.Order(small(o, OrderStatus.ACTIVE, o.amount, true))).build());
        Message b = fromExample("hold-invoice-payment-accepted.json", 0, o, req);
        send(o.buyer, b.toBuilder().payload(new Payload.Order(small(o, OrderStatus.ACTIVE, o.amount, true))).build());
    }

    /** Test hook: a solver takes the dispute (§13): both parties get admin-took-dispute with its key. */
    synchronized void adminTookDispute(UUID id, PublicKey solver) {
        Ord o = orders.get(id);
        Payload p = new Payload.Peer(solver.toHex(), null);
        send(o.buyer, msg(Action.ADMIN_TOOK_DISPUTE, o.id, null, null, p));
        send(o.seller, msg(Action.ADMIN_TOOK_DISPUTE, o.id, null, null, p));
    }

    /** Test hook: the solver settles (admin-settled to both, then the payout). */
    synchronized void adminSettled(UUID id) {
        Ord o = orders.get(id);
        o.status = OrderStatus.SUCCESS;
        send(o.seller, msg(Action.ADMIN_SETTLED, o.id, null, null, null));
        send(o.buyer, msg(Action.ADMIN_SETTLED, o.id, null, null, null));
        send(o.buyer, msg(Action.PURCHASE_COMPLETED, o.id, null, null, null));
    }

    /** Test hook: every payout attempt failed; the buyer is asked for a new invoice (add-invoice, SPEC §10). */
    synchronized void payoutExhausted(UUID id) {
        Ord o = orders.get(id);
        send(o.buyer, msg(Action.ADD_INVOICE, o.id, null, null,
                new Payload.Order(small(o, OrderStatus.SETTLED_HOLD_INVOICE, o.amount, true))));
    }

    /** Test hook: a later (scheduler) payout attempt succeeds: purchase-completed and rate to the buyer. */
    synchronized void payoutRetried(UUID id) {
        Ord o = orders.get(id);
        o.status = OrderStatus.SUCCESS;
        send(o.buyer, msg(Action.PURCHASE_COMPLETED, o.id, null, null, null));
        send(o.buyer, msg(Action.RATE, o.id, null, null, null));
    }

    Ord order(UUID id) {
        synchronized (this) {
            return orders.get(id);
        }
    }

    @Override
    public void close() {
        sub.close();
        pool.close();
    }

    static UnsignedEvent unsigned(PublicKey author, int kind, List<Tag> tags, String content) {
        return new UnsignedEvent(author, now(), kind, tags, content);
    }
}
