package network.mostro.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.mostro.client.ChatChannel;
import network.mostro.client.ChatEntry;
import network.mostro.client.ClientStateException;
import network.mostro.client.TradeRecord;
import network.mostro.client.TradeRole;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.codec.MessageCodec;

/**
 * The durable {@link network.mostro.client.SessionStore}: one JSON document, rewritten to {@code <file>.tmp},
 * flushed to disk and atomically renamed over the file on every change, so a crash leaves either the old or the new
 * state. Order snapshots are stored as canonical Mostro JSON (the protocol codec), never re-invented.
 * Thread-safe.
 */
public final class FileSessionStore extends InMemorySessionStore {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageCodec CODEC = MessageCodec.standard();

    private final Path file;
    private final Path tmp;

    private FileSessionStore(Path file) {
        this.file = file;
        this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * Opens (or creates on the first write) the store at {@code path}.
     *
     * @throws ClientStateException if the file exists but cannot be read or parsed
     */
    public static FileSessionStore open(Path path) {
        if (path == null) {
            throw new ClientStateException("session file path is required");
        }
        FileSessionStore s = new FileSessionStore(path.toAbsolutePath());
        if (Files.exists(s.file)) {
            try {
                s.load(JSON.readTree(Files.readAllBytes(s.file)));
            } catch (IOException | RuntimeException e) {
                throw new ClientStateException("cannot read session file " + s.file + ": " + e.getMessage(), e);
            }
        }
        return s;
    }

    @Override
    protected void changed() {
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson());
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(bytes);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ClientStateException("cannot write session file " + file + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("last_trade_index", lastTradeIndex);
        ArrayNode ts = root.putArray("trades");
        for (TradeRecord r : trades.values()) {
            ts.add(trade(r));
        }
        ObjectNode cs = root.putObject("chats");
        for (Map.Entry<UUID, List<ChatEntry>> e : chats.entrySet()) {
            ArrayNode a = cs.putArray(e.getKey().toString());
            for (ChatEntry c : e.getValue()) {
                ObjectNode o = a.addObject();
                o.put("channel", c.channel().name());
                o.put("sender", c.senderPubkey());
                o.put("outgoing", c.outgoing());
                o.put("text", c.text());
                o.put("created_at", c.createdAt());
                o.put("inner_id", c.innerEventId());
            }
        }
        ArrayNode p = root.putArray("processed");
        processed.forEach(p::add);
        return root;
    }

    private static ObjectNode trade(TradeRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("order_id", r.orderId().toString());
        o.put("node", r.node());
        o.put("trade_index", r.tradeIndex());
        o.put("role", r.role().name());
        o.put("kind", r.kind().wireName());
        o.put("status", r.status().wireName());
        ObjectNode ctx = o.putObject("context");
        r.context().forEach(ctx::put);
        if (r.order() != null) {
            Message m = Message.builder(Action.NEW_ORDER).payload(new Payload.Order(r.order())).build();
            o.put("order", CODEC.encode(m));
        }
        o.put("peer_trade_pubkey", r.peerTradePubkey());
        o.put("hold_invoice", r.holdInvoice());
        o.put("dispute_id", r.disputeId() == null ? null : r.disputeId().toString());
        o.put("solver_pubkey", r.solverPubkey());
        o.put("first_used_at", r.firstUsedAt());
        o.put("parent_order_id", r.parentOrderId() == null ? null : r.parentOrderId().toString());
        if (r.nextTradeIndex() != null) {
            o.put("next_trade_index", r.nextTradeIndex());
        }
        return o;
    }

    private void load(JsonNode root) {
        if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT) {
            throw new ClientStateException("not a Mostro client session file (format " + FORMAT + ")");
        }
        lastTradeIndex = root.path("last_trade_index").asLong(0);
        for (JsonNode t : root.path("trades")) {
            TradeRecord r = readTrade(t);
            trades.put(r.orderId(), r);
        }
        Iterator<Map.Entry<String, JsonNode>> it = root.path("chats").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            UUID id = UUID.fromString(e.getKey());
            List<ChatEntry> list = new ArrayList<>();
            for (JsonNode c : e.getValue()) {
                list.add(new ChatEntry(id, ChatChannel.valueOf(c.path("channel").asText()),
                        c.path("sender").asText(), c.path("outgoing").asBoolean(), c.path("text").asText(),
                        c.path("created_at").asLong(), c.path("inner_id").asText()));
            }
            chats.put(id, list);
        }
        for (JsonNode p : root.path("processed")) {
            processed.add(p.asText());
        }
    }

    private static TradeRecord readTrade(JsonNode t) {
        Map<String, String> ctx = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = t.path("context").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ctx.put(e.getKey(), e.getValue().asText());
        }
        SmallOrder order = null;
        String orderJson = text(t, "order");
        if (orderJson != null) {
            try {
                if (CODEC.decode(orderJson).payload() instanceof Payload.Order o) {
                    order = o.order();
                }
            } catch (NostrException e) {
                order = null;
            }
        }
        return new TradeRecord(UUID.fromString(t.path("order_id").asText()), t.path("node").asText(),
                t.path("trade_index").asLong(), TradeRole.valueOf(t.path("role").asText()),
                OrderKind.fromWire(t.path("kind").asText()).orElseThrow(),
                OrderStatus.fromWire(t.path("status").asText()).orElseThrow(), ctx, order,
                text(t, "peer_trade_pubkey"), text(t, "hold_invoice"), uuid(text(t, "dispute_id")),
                text(t, "solver_pubkey"), t.path("first_used_at").asLong(0), uuid(text(t, "parent_order_id")),
                t.hasNonNull("next_trade_index") ? t.get("next_trade_index").asLong() : null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static UUID uuid(String s) {
        return s == null ? null : UUID.fromString(s);
    }

    @Override
    public String toString() {
        return "FileSessionStore[" + file + "]";
    }
}
