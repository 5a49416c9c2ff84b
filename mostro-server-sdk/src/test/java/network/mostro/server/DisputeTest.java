package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SolverDisputeInfo;
import network.mostro.protocol.event.DisputeEvent;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disputes and the admin/solver actions of SPEC §13: add solver, take, settle, cancel, permissions. */
class DisputeTest {
    static final long START = 1_000_000;
    NodeHarness h;
    Trader seller;
    Trader buyer;
    Key s;
    Key b;
    UUID id;
    UUID disputeId;

    @BeforeEach
    void setUp() throws Exception {
        h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode();
        seller = h.trader("seller", START, false);
        buyer = h.trader("buyer", START, false);
        s = seller.newKey();
        b = buyer.newKey();
        id = Steps.activeSell(s, b);
        Steps.fiatSent(b, s, id);
        long req = s.send(Action.DISPUTE, id, null);
        Message byYou = s.expect(Action.DISPUTE_INITIATED_BY_YOU);
        assertThat(byYou.requestId()).isEqualTo(req);
        disputeId = ((Payload.Dispute) byYou.payload()).disputeId();
        assertThat(((Payload.Dispute) byYou.payload()).solverInfo()).isNull();
        Message byPeer = b.expect(Action.DISPUTE_INITIATED_BY_PEER);
        assertThat(((Payload.Dispute) byPeer.payload()).disputeId()).isEqualTo(disputeId);
        assertThat(byPeer.requestId()).isEqualTo(req);
        awaitDispute("initiated");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    DisputeEvent awaitDispute(String status) throws InterruptedException {
        DisputeEvent[] found = new DisputeEvent[1];
        NodeHarness.await("dispute event " + status, () -> {
            for (Event e : h.relayEvents(DisputeEvent.KIND)) {
                DisputeEvent d = DisputeEvent.parse(e);
                if (d.disputeId().equals(disputeId.toString()) && d.status().equals(status)) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** The node admin (the node's own key, full privacy) registers a solver. */
    Key addSolver(String suffix) throws InterruptedException {
        Trader solverT = h.trader("solver-" + suffix, 0, true);
        Key solver = solverT.newKey();
        Key adminKey = h.admin();
        long req = ++adminKey.owner.requestIds;
        adminKey.sendRaw(Message.builder(Action.ADMIN_ADD_SOLVER).type(MessageType.DISPUTE).requestId(req)
                .id(UUID.randomUUID()).payload(new Payload.TextMessage(solver.key.publicKey().toNpub()
                        + (suffix.isEmpty() ? "" : ":" + suffix))).build());
        Message ack = adminKey.expect(Action.ADMIN_ADD_SOLVER);
        assertThat(ack.type()).isEqualTo(MessageType.DISPUTE);
        assertThat(ack.requestId()).isEqualTo(req);
        assertThat(ack.id()).isNull();
        return solver;
    }

    Message take(Key solver) throws InterruptedException {
        long req = ++solver.owner.requestIds;
        solver.sendRaw(Message.builder(Action.ADMIN_TAKE_DISPUTE).type(MessageType.DISPUTE).requestId(req)
                .id(disputeId).build());
        Message took = solver.expect(Action.ADMIN_TOOK_DISPUTE);
        assertThat(took.type()).isEqualTo(MessageType.DISPUTE);
        assertThat(took.id()).isEqualTo(disputeId);
        assertThat(took.requestId()).isEqualTo(req);
        for (Key party : new Key[] {b, s}) {
            Message m = party.expect(Action.ADMIN_TOOK_DISPUTE);
            assertThat(m.id()).isEqualTo(id);
            assertThat(((Payload.Peer) m.payload()).pubkey()).isEqualTo(solver.hex());
        }
        return took;
    }

    @Test
    void secondDisputeIsSilentAndStrangersCannotTakeIt() throws Exception {
        // the order is in dispute: dispute.1 refuses before the silent "dispute exists" rule
        Steps.refused(b, Action.DISPUTE, id, null, CantDoReason.NOT_ALLOWED_BY_STATUS);
        Trader x = h.trader("x", 0, true);
        Key xk = x.newKey();
        xk.sendRaw(Message.builder(Action.ADMIN_TAKE_DISPUTE).type(MessageType.DISPUTE).requestId(7L)
                .id(disputeId).build());
        Message m = xk.expect(Action.CANT_DO);
        assertThat(((Payload.CantDo) m.payload()).reason()).contains(CantDoReason.INVALID_PUBKEY);
    }

    @Test
    void solverSettlesInFavourOfTheBuyer() throws Exception {
        Key solver = addSolver("");
        Message took = take(solver);
        SolverDisputeInfo info = ((Payload.Dispute) took.payload()).solverInfo();
        assertThat(info.id()).isEqualTo(id);
        assertThat(info.preimage()).hasSize(64);
        assertThat(info.orderPreviousStatus()).isEqualTo("fiat-sent");
        assertThat(info.initiatorPubkey()).isEqualTo(s.hex());
        assertThat(info.amount()).isEqualTo(100_000);
        awaitDispute("in-progress");

        // another solver is not the assigned one
        Key other = addSolver("read-write");
        long req = ++other.owner.requestIds;
        other.sendRaw(Message.builder(Action.ADMIN_SETTLE).requestId(req).id(id).build());
        assertThat(((Payload.CantDo) other.expect(Action.CANT_DO).payload()).reason())
                .contains(CantDoReason.IS_NOT_YOUR_DISPUTE);

        req = ++solver.owner.requestIds;
        solver.sendRaw(Message.builder(Action.ADMIN_SETTLE).requestId(req).id(id).build());
        assertThat(solver.expect(Action.ADMIN_SETTLED).requestId()).isEqualTo(req);
        s.expect(Action.ADMIN_SETTLED);
        b.expect(Action.ADMIN_SETTLED);
        b.expect(Action.PURCHASE_COMPLETED);
        b.expect(Action.RATE);
        awaitDispute("settled");
        h.awaitOrderEvent(id, "success");
        assertThat(buyer.wallet.balance()).isEqualTo(START + 99_700);
        assertThat(seller.wallet.balance()).isEqualTo(START - 100_300);
    }

    @Test
    void solverCancelsAndTheSellerIsRefunded() throws Exception {
        Key solver = addSolver("write");
        take(solver);
        long req = ++solver.owner.requestIds;
        solver.sendRaw(Message.builder(Action.ADMIN_CANCEL).requestId(req).id(id).build());
        assertThat(solver.expect(Action.ADMIN_CANCELED).requestId()).isEqualTo(req);
        assertThat(s.expect(Action.ADMIN_CANCELED).requestId()).isEqualTo(req);
        assertThat(b.expect(Action.ADMIN_CANCELED).requestId()).isEqualTo(req);
        awaitDispute("seller-refunded");
        h.awaitOrderEvent(id, "canceled");
        NodeHarness.await("seller refund", () -> seller.wallet.balance() == START);
        assertThat(buyer.wallet.balance()).isEqualTo(START);
        // the resolved dispute's previous-status row is neutralised, not left behind
        UUID disputeId = h.store.disputeOfOrder(id).orElseThrow().id();
        assertThat(h.store.meta("dispute.previous-status." + disputeId)).hasValue("");
    }

    @Test
    void readOnlySolverMayTakeButNotSettleAndAReadWriteSolverTakesOver() throws Exception {
        Key reader = addSolver("read");
        take(reader);
        long req = ++reader.owner.requestIds;
        reader.sendRaw(Message.builder(Action.ADMIN_SETTLE).requestId(req).id(id).build());
        assertThat(((Payload.CantDo) reader.expect(Action.CANT_DO).payload()).reason())
                .contains(CantDoReason.NOT_AUTHORIZED);
        Key writer = addSolver("read-write");
        take(writer);
        writer.sendRaw(Message.builder(Action.ADMIN_CANCEL).requestId(9L).id(id).build());
        writer.expect(Action.ADMIN_CANCELED);
    }

    @Test
    void sellerReleaseDuringDisputeSettlesIt() throws Exception {
        s.send(Action.RELEASE, id, null);
        b.expect(Action.RELEASED);
        b.expect(Action.PURCHASE_COMPLETED);
        awaitDispute("settled");
    }

    @Test
    void cooperativeCancelDuringDisputeRefundsTheSeller() throws Exception {
        b.send(Action.CANCEL, id, null);
        b.expect(Action.COOPERATIVE_CANCEL_INITIATED_BY_YOU);
        s.expect(Action.COOPERATIVE_CANCEL_INITIATED_BY_PEER);
        s.send(Action.CANCEL, id, null);
        s.expect(Action.COOPERATIVE_CANCEL_ACCEPTED);
        awaitDispute("seller-refunded");
        NodeHarness.await("seller refund", () -> seller.wallet.balance() == START);
    }

    @Test
    void addSolverBySomeoneElseIsSilentAndBadTextIsRefused() throws Exception {
        Trader x = h.trader("x", 0, true);
        Key xk = x.newKey();
        xk.sendRaw(Message.builder(Action.ADMIN_ADD_SOLVER).type(MessageType.DISPUTE).requestId(1L)
                .id(UUID.randomUUID()).payload(new Payload.TextMessage(PrivateKey.generate().publicKey().toNpub()))
                .build());
        xk.expectSilence(Duration.ofMillis(500));
        Key admin = h.admin();
        admin.sendRaw(Message.builder(Action.ADMIN_ADD_SOLVER).type(MessageType.DISPUTE).requestId(2L)
                .id(UUID.randomUUID()).payload(new Payload.TextMessage(
                        PrivateKey.generate().publicKey().toNpub() + ":admin")).build());
        assertThat(((Payload.CantDo) admin.expect(Action.CANT_DO).payload()).reason())
                .contains(CantDoReason.INVALID_PARAMETERS);
    }
}
