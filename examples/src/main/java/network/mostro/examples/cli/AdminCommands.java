package network.mostro.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import network.mostro.client.CantDoException;
import network.mostro.nostr.PrivateKey;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SolverDisputeInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The admin and solver commands; they need the node key or a solver key ({@code ADMIN_NSEC}). */
final class AdminCommands {
    private AdminCommands() {}

    abstract static class AdminBase implements Callable<Integer> {
        @ParentCommand
        MostroCli root;

        @Override
        public Integer call() {
            validate();
            CliConfig cfg = root.config();
            PrivateKey key = CliConfig.adminKey(root, root.env);
            try (AdminSession s = new AdminSession(cfg, key)) {
                Message reply = s.request(message(), action());
                if (reply.action() == Action.CANT_DO) {
                    String reason = reply.payload() instanceof Payload.CantDo c ? c.wireReason() : null;
                    throw new CantDoException(action(), reason, reply.id());
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("request", action().wireName());
                r.put("reply", reply.action().wireName());
                r.put("signer", s.publicKey().toHex());
                List<String> lines = new java.util.ArrayList<>();
                lines.add(reply.action().wireName() + ": " + done());
                describe(reply, r, lines);
                root.print(r, lines);
                return MostroCli.EXIT_OK;
            }
        }

        void validate() {}

        abstract Action action();

        abstract Message.Builder message();

        abstract String done();

        void describe(Message reply, Map<String, Object> r, List<String> lines) {}
    }

    @Command(name = "admsettle", description = "Solver: settle a disputed order in favour of the buyer.")
    static final class AdmSettle extends AdminBase {
        @Option(names = {"-o", "--orderid"}, required = true, paramLabel = "<uuid>", description = "The order id.")
        UUID orderId;

        @Override
        Action action() {
            return Action.ADMIN_SETTLE;
        }

        @Override
        Message.Builder message() {
            return Message.builder(Action.ADMIN_SETTLE).id(orderId);
        }

        @Override
        String done() {
            return "order " + orderId + " settled; the buyer is paid";
        }
    }

    @Command(name = "admcancel", description = "Solver: cancel a disputed order; the seller is refunded.")
    static final class AdmCancel extends AdminBase {
        @Option(names = {"-o", "--orderid"}, required = true, paramLabel = "<uuid>", description = "The order id.")
        UUID orderId;

        @Override
        Action action() {
            return Action.ADMIN_CANCEL;
        }

        @Override
        Message.Builder message() {
            return Message.builder(Action.ADMIN_CANCEL).id(orderId);
        }

        @Override
        String done() {
            return "order " + orderId + " canceled; the seller is refunded";
        }
    }

    @Command(name = "admtakedispute", description = "Solver: take a dispute.")
    static final class AdmTakeDispute extends AdminBase {
        @Option(names = {"-d", "--disputeid"}, required = true, paramLabel = "<uuid>", description = "The dispute id.")
        UUID disputeId;

        @Override
        Action action() {
            return Action.ADMIN_TAKE_DISPUTE;
        }

        @Override
        Message.Builder message() {
            return Message.builder(Action.ADMIN_TAKE_DISPUTE).type(MessageType.DISPUTE).id(disputeId);
        }

        @Override
        String done() {
            return "you took dispute " + disputeId;
        }

        @Override
        void describe(Message reply, Map<String, Object> r, List<String> lines) {
            if (reply.payload() instanceof Payload.Dispute d && d.solverInfo() != null) {
                SolverDisputeInfo i = d.solverInfo();
                Map<String, Object> m = new LinkedHashMap<>(); // the preimage is a secret: not shown
                m.put("order_id", i.id().toString());
                m.put("kind", i.kind());
                m.put("status", i.status());
                m.put("order_previous_status", i.orderPreviousStatus());
                m.put("initiator", i.initiatorPubkey());
                m.put("buyer", i.buyerPubkey());
                m.put("seller", i.sellerPubkey());
                m.put("amount_sats", i.amount());
                m.put("fiat_amount", i.fiatAmount());
                m.put("payment_method", i.paymentMethod());
                r.put("dispute", m);
                lines.add("Order " + i.id() + " (" + i.kind() + ", was " + i.orderPreviousStatus() + "): "
                        + i.amount() + " sats for " + i.fiatAmount() + " via " + i.paymentMethod());
                lines.add("Buyer " + i.buyerPubkey() + ", seller " + i.sellerPubkey() + ", opened by "
                        + i.initiatorPubkey());
                lines.add("Then: admsettle -o " + i.id() + " (pay the buyer) or admcancel -o " + i.id()
                        + " (refund the seller)");
            }
        }
    }

    @Command(name = "admaddsolver", description = "Admin (node key): register a solver, npub[:read|:write|:read-write].")
    static final class AdmAddSolver extends AdminBase {
        @Option(names = {"-n", "--npubkey"}, required = true, paramLabel = "<npub[:perm]>",
                description = "The solver's npub, optionally with :read, :write or :read-write (default read-write).")
        String solver;

        @Override
        void validate() {
            String s = solver.trim();
            int colon = s.indexOf(':');
            String npub = colon < 0 ? s : s.substring(0, colon);
            CliConfig.parsePublicKey(npub, "--npubkey");
            if (!npub.startsWith("npub1")) {
                throw new CliException("--npubkey must be an npub (Mostro parses it as bech32)");
            }
            if (colon >= 0) {
                String perm = s.substring(colon + 1);
                if (!List.of("read", "write", "read-write").contains(perm)) {
                    throw new CliException("the permission must be read, write or read-write, got " + perm);
                }
            }
        }

        @Override
        Action action() {
            return Action.ADMIN_ADD_SOLVER;
        }

        @Override
        Message.Builder message() {
            return Message.builder(Action.ADMIN_ADD_SOLVER).type(MessageType.DISPUTE).id(UUID.randomUUID())
                    .payload(new Payload.TextMessage(solver.trim()));
        }

        @Override
        String done() {
            return "solver " + solver.trim() + " registered";
        }
    }
}
