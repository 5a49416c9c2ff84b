package network.mostro.protocol.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import network.mostro.protocol.Action;
import network.mostro.protocol.CashuProofSignature;
import network.mostro.protocol.DisputeInitiator;
import network.mostro.protocol.InvalidMessageException;
import network.mostro.protocol.MalformedMessageException;
import network.mostro.protocol.Message;
import network.mostro.protocol.MessageType;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.Payload;
import network.mostro.protocol.PayloadType;
import network.mostro.protocol.RestoredDispute;
import network.mostro.protocol.RestoredOrder;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.SolverDisputeInfo;
import network.mostro.protocol.UnknownVariantException;
import network.mostro.protocol.UserInfo;

/**
 * Streaming reader that accepts exactly what mostro-core 0.14's serde derive accepts (SPEC §1, §3.4, §4, §5), with
 * the JSON path of the first problem. Rules, each mirroring serde:
 * <ul>
 *   <li>the wrapper and the payload are objects with exactly one known key;</li>
 *   <li>unknown members are skipped in every struct except {@code SmallOrder} ({@code deny_unknown_fields});
 *       a known member given twice is an error;</li>
 *   <li>{@code Option} members may be absent or {@code null}; other members are required and non-null;</li>
 *   <li>integers must be JSON integers: a fraction or exponent ({@code 1.0}, {@code 1e3}) and {@code -0} (a float
 *       to serde_json) are rejected, as are values outside the member's type (i64, u64, u32, u8); strings are
 *       never coerced to numbers;</li>
 *   <li>tuple variants are arrays of exactly their arity;</li>
 *   <li>UUIDs use the forms of the {@code uuid} crate ({@link Uuids});</li>
 *   <li>a string holding an unpaired UTF-16 surrogate (only possible through {@code \\u} escapes) is malformed, as
 *       in serde_json. Strings inside skipped unknown members are not inspected.</li>
 * </ul>
 * Deliberate difference: serde would also read a struct from a JSON array of its fields in order; this reader
 * only accepts objects (no Mostro implementation writes the array form). Instances are immutable and thread-safe.
 */
public final class MessageReader {
    private final JsonFactory factory;
    private final int maxJsonChars;
    private final int maxDepth;
    private final int maxStringChars;
    private final int maxListLength;

    /**
     * @param maxJsonChars longest accepted input in chars
     * @param maxDepth deepest accepted nesting of objects and arrays
     * @param maxStringChars longest accepted string value
     * @param maxListLength most elements in one list payload
     */
    public MessageReader(int maxJsonChars, int maxDepth, int maxStringChars, int maxListLength) {
        this.maxJsonChars = maxJsonChars;
        this.maxDepth = maxDepth;
        this.maxStringChars = maxStringChars;
        this.maxListLength = maxListLength;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxNumberLength(100)
                        .maxStringLength(maxJsonChars) // this reader checks maxStringChars itself, UUIDs excepted
                        .maxDocumentLength(maxJsonChars)
                        .build())
                .build();
    }

    /**
     * Reads one message from {@code json}.
     *
     * @throws MalformedMessageException if the text is not JSON serde_json would read
     * @throws InvalidMessageException if it is JSON but not a Mostro message, or exceeds a limit
     */
    public Message read(String json) {
        if (json == null) {
            throw new MalformedMessageException("$", "input is null");
        }
        if (json.length() > maxJsonChars) {
            throw new InvalidMessageException("$", "message longer than " + maxJsonChars + " characters");
        }
        Ctx c = null;
        try (JsonParser p = factory.createParser(json)) {
            c = new Ctx(p, "$");
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MalformedMessageException("$", "empty input");
            }
            Message m = readMessage(c);
            if (p.nextToken() != null) {
                throw new MalformedMessageException("$", "trailing data after the message");
            }
            return m;
        } catch (IOException e) {
            throw translate(e, c);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            // Safety net: the reader checks every rule before constructing records, so this is a bug if reached.
            throw new InvalidMessageException(c == null ? "$" : c.path(), "rejected by the model: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one message from a parser whose current token is the message's first token (for a transport reading
     * element 0 of its tuple). On return the current token is the message's closing {@code END_OBJECT}. Limits on
     * length and on skipped content are those of {@code p}'s own factory; this reader's depth, string and list
     * limits apply to what it reads.
     *
     * @param basePath JSON path of the message inside the document, e.g. {@code $[0]}
     * @throws MalformedMessageException if the text is not JSON
     * @throws InvalidMessageException if it is not a Mostro message
     */
    public Message read(JsonParser p, String basePath) {
        Ctx c = new Ctx(p, basePath);
        try {
            return readMessage(c);
        } catch (IOException e) {
            throw translate(e, c);
        }
    }

    private static RuntimeException translate(IOException e, Ctx c) {
        String path = c == null ? "$" : c.path();
        if (e instanceof StreamConstraintsException) {
            return new InvalidMessageException(path, "exceeds decode limits: " + ((JsonProcessingException) e).getOriginalMessage());
        }
        if (e instanceof JsonProcessingException j) {
            return new MalformedMessageException(path, "not valid JSON: " + j.getOriginalMessage());
        }
        return new MalformedMessageException(path, "not valid JSON", e);
    }

    // ---------------------------------------------------------------- message, kind, payload

    private Message readMessage(Ctx c) throws IOException {
        JsonParser p = c.p;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw c.invalid("expected an object with one wrapper key such as \"order\", found " + describe(p.currentToken()));
        }
        c.enter();
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            throw c.invalid("empty object: expected one wrapper key such as \"order\"");
        }
        String wrapper = p.currentName();
        c.push(wrapper);
        MessageType type = MessageType.fromWire(wrapper).orElse(null);
        if (type == null) {
            throw new UnknownVariantException(c.path(), UnknownVariantException.Category.WRAPPER, wrapper);
        }
        p.nextToken();
        Message m = readKind(c, type);
        c.pop();
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw c.invalid("the message object must have exactly one wrapper key");
        }
        c.exit();
        return m;
    }

    private static final int F_VERSION = 1;
    private static final int F_REQUEST_ID = 2;
    private static final int F_TRADE_INDEX = 4;
    private static final int F_ID = 8;
    private static final int F_ACTION = 16;
    private static final int F_PAYLOAD = 32;

    private Message readKind(Ctx c, MessageType type) throws IOException {
        JsonParser p = c.p;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw c.invalid("expected an object (MessageKind), found " + describe(p.currentToken()));
        }
        c.enter();
        int seen = 0;
        int version = 0;
        Long requestId = null;
        Long tradeIndex = null;
        UUID id = null;
        Action action = null;
        Payload payload = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit = switch (name) {
                case "version" -> F_VERSION;
                case "request_id" -> F_REQUEST_ID;
                case "trade_index" -> F_TRADE_INDEX;
                case "id" -> F_ID;
                case "action" -> F_ACTION;
                case "payload" -> F_PAYLOAD;
                default -> 0;
            };
            if (bit == 0) {
                p.skipChildren(); // MessageKind ignores unknown members (they vanish on re-serialization)
                continue;
            }
            c.push(name);
            if ((seen & bit) != 0) {
                throw c.invalid("duplicate member");
            }
            seen |= bit;
            switch (bit) {
                case F_VERSION -> version = (int) unsigned(c, v, 255, "u8");
                case F_REQUEST_ID -> requestId = v == JsonToken.VALUE_NULL ? null : u64(c, v);
                case F_TRADE_INDEX -> tradeIndex = v == JsonToken.VALUE_NULL ? null : i64(c, v);
                case F_ID -> id = v == JsonToken.VALUE_NULL ? null : uuid(c, v);
                case F_ACTION -> {
                    String s = string(c, v);
                    action = Action.fromWire(s).orElse(null);
                    if (action == null) {
                        throw new UnknownVariantException(c.path(), UnknownVariantException.Category.ACTION, s);
                    }
                }
                default -> payload = v == JsonToken.VALUE_NULL ? null : payload(c, v);
            }
            c.pop();
        }
        if ((seen & F_VERSION) == 0) {
            throw c.missing("version");
        }
        if ((seen & F_ACTION) == 0) {
            throw c.missing("action");
        }
        c.exit();
        return new Message(type, version, requestId, tradeIndex, id, action, payload);
    }

    private Payload payload(Ctx c, JsonToken t) throws IOException {
        JsonParser p = c.p;
        if (t != JsonToken.START_OBJECT) {
            throw c.invalid("expected null or a payload object with one key, found " + describe(t));
        }
        c.enter();
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            throw c.invalid("empty payload object: expected one key such as \"order\"");
        }
        String key = p.currentName();
        c.push(key);
        PayloadType type = PayloadType.fromWire(key).orElse(null);
        if (type == null) {
            throw new UnknownVariantException(c.path(), UnknownVariantException.Category.PAYLOAD, key);
        }
        JsonToken v = p.nextToken();
        Payload result = switch (type) {
            case ORDER -> new Payload.Order(smallOrder(c, v));
            case PAYMENT_REQUEST -> {
                tupleStart(c, v);
                JsonToken e0 = element(c, 0, 3);
                SmallOrder order = e0 == JsonToken.VALUE_NULL ? null : smallOrder(c, e0);
                c.pop();
                String invoice = string(c, element(c, 1, 3));
                c.pop();
                JsonToken e2 = element(c, 2, 3);
                Long amount = e2 == JsonToken.VALUE_NULL ? null : i64(c, e2);
                c.pop();
                tupleEnd(c, 3);
                yield new Payload.PaymentRequest(order, invoice, amount);
            }
            case TEXT_MESSAGE -> new Payload.TextMessage(string(c, v));
            case PEER -> {
                Object[] f = struct(c, v, PEER);
                yield new Payload.Peer((String) f[0], (UserInfo) f[1]);
            }
            case RATING_USER -> new Payload.RatingUser((int) unsigned(c, v, 255, "u8"));
            case AMOUNT -> new Payload.Amount(i64(c, v));
            case DISPUTE -> {
                tupleStart(c, v);
                UUID disputeId = uuid(c, element(c, 0, 2));
                c.pop();
                JsonToken e1 = element(c, 1, 2);
                SolverDisputeInfo info = e1 == JsonToken.VALUE_NULL ? null : (SolverDisputeInfo) value(c, e1, T.SOLVER_INFO);
                c.pop();
                tupleEnd(c, 2);
                yield new Payload.Dispute(disputeId, info);
            }
            case CANT_DO -> new Payload.CantDo(v == JsonToken.VALUE_NULL ? null : string(c, v));
            case NEXT_TRADE -> {
                tupleStart(c, v);
                String pk = string(c, element(c, 0, 2));
                c.pop();
                long index = unsigned(c, element(c, 1, 2), 0xFFFF_FFFFL, "u32");
                c.pop();
                tupleEnd(c, 2);
                yield new Payload.NextTrade(pk, index);
            }
            case PAYMENT_FAILED -> {
                Object[] f = struct(c, v, PAYMENT_FAILED);
                yield new Payload.PaymentFailed((Long) f[0], (Long) f[1]);
            }
            case RESTORE_DATA -> {
                Object[] f = struct(c, v, RESTORE_DATA);
                @SuppressWarnings("unchecked")
                List<RestoredOrder> orders = (List<RestoredOrder>) f[0];
                @SuppressWarnings("unchecked")
                List<RestoredDispute> disputes = (List<RestoredDispute>) f[1];
                yield new Payload.RestoreData(orders, disputes);
            }
            case IDS -> {
                @SuppressWarnings("unchecked")
                List<UUID> ids = (List<UUID>) list(c, v, T.UUID);
                yield new Payload.Ids(ids);
            }
            case ORDERS -> {
                @SuppressWarnings("unchecked")
                List<SmallOrder> orders = (List<SmallOrder>) list(c, v, T.SMALL_ORDER);
                yield new Payload.Orders(orders);
            }
            case BOND_RESOLUTION -> {
                Object[] f = struct(c, v, BOND_RESOLUTION);
                yield new Payload.BondResolution((Boolean) f[0], (Boolean) f[1]);
            }
            case BOND_PAYOUT_REQUEST -> {
                Object[] f = struct(c, v, BOND_PAYOUT_REQUEST);
                yield new Payload.BondPayoutRequest((SmallOrder) f[0], (Long) f[1]);
            }
            case CASHU_LOCK_PROOF -> {
                Object[] f = struct(c, v, CASHU_LOCK_PROOF);
                yield new Payload.CashuLockProof((String) f[0], (String) f[1], (String) f[2], (String) f[3],
                        (String) f[4], (String) f[5]);
            }
            case CASHU_SIGNATURES -> {
                @SuppressWarnings("unchecked")
                List<CashuProofSignature> sigs = (List<CashuProofSignature>) list(c, v, T.CASHU_SIGNATURE);
                yield new Payload.CashuSignatures(sigs);
            }
        };
        c.pop();
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw c.invalid("the payload object must have exactly one key");
        }
        c.exit();
        return result;
    }

    // ---------------------------------------------------------------- tuples and lists

    private void tupleStart(Ctx c, JsonToken t) {
        if (t != JsonToken.START_ARRAY) {
            throw c.invalid("expected an array (tuple variant), found " + describe(t));
        }
        c.enter();
    }

    /** Advances to element {@code i} of a tuple of {@code arity}, pushing its index; fails on a short array. */
    private JsonToken element(Ctx c, int i, int arity) throws IOException {
        JsonToken t = c.p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            throw c.invalid("expected an array of exactly " + arity + " elements, found " + i);
        }
        c.pushIndex(i);
        return t;
    }

    private void tupleEnd(Ctx c, int arity) throws IOException {
        if (c.p.nextToken() != JsonToken.END_ARRAY) {
            throw c.invalid("expected an array of exactly " + arity + " elements, found more");
        }
        c.exit();
    }

    private List<?> list(Ctx c, JsonToken t, T element) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw c.invalid("expected an array, found " + describe(t));
        }
        c.enter();
        List<Object> out = new ArrayList<>();
        JsonToken e;
        while ((e = c.p.nextToken()) != JsonToken.END_ARRAY) {
            if (out.size() >= maxListLength) {
                throw c.invalid("more than " + maxListLength + " elements");
            }
            c.pushIndex(out.size());
            out.add(value(c, e, element));
            c.pop();
        }
        c.exit();
        return out;
    }

    // ---------------------------------------------------------------- structs (table driven)

    /** Value types of struct members; OPT_* accept null. */
    private enum T {
        I64, OPT_I64, U64, U32, BOOL, F64, STRING, OPT_STRING, UUID, OPT_UUID, OPT_KIND, OPT_STATUS, OPT_INITIATOR,
        OPT_USER_INFO, SMALL_ORDER, SOLVER_INFO, RESTORED_ORDERS, RESTORED_DISPUTES, RESTORED_ORDER,
        RESTORED_DISPUTE, CASHU_SIGNATURE
    }

    /** A struct: member names in declaration order, their types, and whether unknown members are rejected. */
    private record Spec(String name, String[] members, T[] types, boolean denyUnknown) {
        static Spec of(String name, boolean denyUnknown, Object... pairs) {
            String[] m = new String[pairs.length / 2];
            T[] t = new T[pairs.length / 2];
            for (int i = 0; i < m.length; i++) {
                m[i] = (String) pairs[2 * i];
                t[i] = (T) pairs[2 * i + 1];
            }
            return new Spec(name, m, t, denyUnknown);
        }
    }

    private static final Spec SMALL_ORDER_SPEC = Spec.of("SmallOrder", true,
            "id", T.OPT_UUID, "kind", T.OPT_KIND, "status", T.OPT_STATUS, "amount", T.I64, "fiat_code", T.STRING,
            "min_amount", T.OPT_I64, "max_amount", T.OPT_I64, "fiat_amount", T.I64, "payment_method", T.STRING,
            "premium", T.I64, "buyer_trade_pubkey", T.OPT_STRING, "seller_trade_pubkey", T.OPT_STRING,
            "buyer_invoice", T.OPT_STRING, "created_at", T.OPT_I64, "expires_at", T.OPT_I64);
    private static final Spec USER_INFO = Spec.of("UserInfo", false,
            "rating", T.F64, "reviews", T.I64, "operating_days", T.U64);
    private static final Spec PEER = Spec.of("Peer", false, "pubkey", T.STRING, "reputation", T.OPT_USER_INFO);
    private static final Spec PAYMENT_FAILED = Spec.of("PaymentFailedInfo", false,
            "payment_attempts", T.U32, "payment_retries_interval", T.U32);
    private static final Spec RESTORE_DATA = Spec.of("RestoreSessionInfo", false,
            "orders", T.RESTORED_ORDERS, "disputes", T.RESTORED_DISPUTES);
    private static final Spec RESTORED_ORDER = Spec.of("RestoredOrdersInfo", false,
            "order_id", T.UUID, "trade_index", T.I64, "status", T.STRING);
    private static final Spec RESTORED_DISPUTE = Spec.of("RestoredDisputesInfo", false,
            "dispute_id", T.UUID, "order_id", T.UUID, "trade_index", T.I64, "status", T.STRING,
            "initiator", T.OPT_INITIATOR, "solver_pubkey", T.OPT_STRING);
    private static final Spec BOND_RESOLUTION = Spec.of("BondResolution", false,
            "slash_seller", T.BOOL, "slash_buyer", T.BOOL);
    private static final Spec BOND_PAYOUT_REQUEST = Spec.of("BondPayoutRequest", false,
            "order", T.SMALL_ORDER, "slashed_at", T.I64);
    private static final Spec CASHU_LOCK_PROOF = Spec.of("CashuLockProof", false,
            "token", T.STRING, "mint_url", T.STRING, "buyer_pubkey", T.STRING, "seller_pubkey", T.STRING,
            "mostro_pubkey", T.STRING, "fee_token", T.OPT_STRING);
    private static final Spec CASHU_SIGNATURE = Spec.of("CashuProofSignature", false,
            "secret", T.STRING, "signature", T.STRING);
    private static final Spec SOLVER_INFO = Spec.of("SolverDisputeInfo", false,
            "id", T.UUID, "kind", T.STRING, "status", T.STRING, "hash", T.OPT_STRING, "preimage", T.OPT_STRING,
            "order_previous_status", T.STRING, "initiator_pubkey", T.STRING, "buyer_pubkey", T.OPT_STRING,
            "seller_pubkey", T.OPT_STRING, "initiator_full_privacy", T.BOOL, "counterpart_full_privacy", T.BOOL,
            "initiator_info", T.OPT_USER_INFO, "counterpart_info", T.OPT_USER_INFO, "premium", T.I64,
            "payment_method", T.STRING, "amount", T.I64, "fiat_amount", T.I64, "fee", T.I64, "routing_fee", T.I64,
            "buyer_invoice", T.OPT_STRING, "invoice_held_at", T.I64, "taken_at", T.I64, "created_at", T.I64);

    /** Reads a struct object into an array of member values (null for absent optional members). */
    private Object[] struct(Ctx c, JsonToken t, Spec spec) throws IOException {
        JsonParser p = c.p;
        if (t != JsonToken.START_OBJECT) {
            throw c.invalid("expected an object (" + spec.name() + "), found " + describe(t));
        }
        c.enter();
        Object[] values = new Object[spec.members().length];
        long seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int i = indexOf(spec.members(), name);
            if (i < 0) {
                if (spec.denyUnknown()) {
                    c.push(name);
                    throw c.invalid("unknown member: " + spec.name() + " rejects unknown members (deny_unknown_fields)");
                }
                p.skipChildren();
                continue;
            }
            c.push(name);
            if ((seen & (1L << i)) != 0) {
                throw c.invalid("duplicate member");
            }
            seen |= 1L << i;
            values[i] = value(c, v, spec.types()[i]);
            c.pop();
        }
        for (int i = 0; i < values.length; i++) {
            if ((seen & (1L << i)) == 0 && !spec.types()[i].name().startsWith("OPT_")) {
                throw c.missing(spec.members()[i]);
            }
        }
        c.exit();
        return values;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Object value(Ctx c, JsonToken v, T type) throws IOException {
        if (v == JsonToken.VALUE_NULL && type.name().startsWith("OPT_")) {
            return null;
        }
        return switch (type) {
            case I64, OPT_I64 -> i64(c, v);
            case U64 -> u64(c, v);
            case U32 -> unsigned(c, v, 0xFFFF_FFFFL, "u32");
            case BOOL -> {
                if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                    throw c.invalid("expected a boolean, found " + describe(v));
                }
                yield v == JsonToken.VALUE_TRUE;
            }
            case F64 -> f64(c, v);
            case STRING, OPT_STRING -> string(c, v);
            case UUID, OPT_UUID -> uuid(c, v);
            case OPT_KIND -> {
                String s = string(c, v);
                OrderKind k = OrderKind.fromWire(s).orElse(null);
                if (k == null) {
                    throw new UnknownVariantException(c.path(), UnknownVariantException.Category.ORDER_KIND, s);
                }
                yield k;
            }
            case OPT_STATUS -> {
                String s = string(c, v);
                OrderStatus st = OrderStatus.fromWire(s).orElse(null);
                if (st == null) {
                    throw new UnknownVariantException(c.path(), UnknownVariantException.Category.ORDER_STATUS, s);
                }
                yield st;
            }
            case OPT_INITIATOR -> {
                String s = string(c, v);
                DisputeInitiator d = DisputeInitiator.fromWire(s).orElse(null);
                if (d == null) {
                    throw new UnknownVariantException(c.path(), UnknownVariantException.Category.DISPUTE_INITIATOR, s);
                }
                yield d;
            }
            case OPT_USER_INFO -> {
                Object[] f = struct(c, v, USER_INFO);
                double rating = (Double) f[0];
                yield new UserInfo(rating, (Long) f[1], (Long) f[2]);
            }
            case SMALL_ORDER -> smallOrder(c, v);
            case SOLVER_INFO -> {
                Object[] f = struct(c, v, SOLVER_INFO);
                yield new SolverDisputeInfo((UUID) f[0], (String) f[1], (String) f[2], (String) f[3],
                        (String) f[4], (String) f[5], (String) f[6], (String) f[7], (String) f[8], (Boolean) f[9],
                        (Boolean) f[10], (UserInfo) f[11], (UserInfo) f[12], (Long) f[13], (String) f[14],
                        (Long) f[15], (Long) f[16], (Long) f[17], (Long) f[18], (String) f[19], (Long) f[20],
                        (Long) f[21], (Long) f[22]);
            }
            case RESTORED_ORDERS -> list(c, v, T.RESTORED_ORDER);
            case RESTORED_DISPUTES -> list(c, v, T.RESTORED_DISPUTE);
            case RESTORED_ORDER -> {
                Object[] f = struct(c, v, RESTORED_ORDER);
                yield new RestoredOrder((UUID) f[0], (Long) f[1], (String) f[2]);
            }
            case RESTORED_DISPUTE -> {
                Object[] f = struct(c, v, RESTORED_DISPUTE);
                yield new RestoredDispute((UUID) f[0], (UUID) f[1], (Long) f[2], (String) f[3],
                        (DisputeInitiator) f[4], (String) f[5]);
            }
            case CASHU_SIGNATURE -> {
                Object[] f = struct(c, v, CASHU_SIGNATURE);
                yield new CashuProofSignature((String) f[0], (String) f[1]);
            }
        };
    }

    private SmallOrder smallOrder(Ctx c, JsonToken t) throws IOException {
        Object[] f = struct(c, t, SMALL_ORDER_SPEC);
        return new SmallOrder((UUID) f[0], (OrderKind) f[1], (OrderStatus) f[2], (Long) f[3], (String) f[4],
                (Long) f[5], (Long) f[6], (Long) f[7], (String) f[8], (Long) f[9], (String) f[10], (String) f[11],
                (String) f[12], (Long) f[13], (Long) f[14]);
    }

    // ---------------------------------------------------------------- scalars

    private String string(Ctx c, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw c.invalid("expected a string, found " + describe(t));
        }
        String s = c.p.getText();
        if (s.length() > maxStringChars) {
            throw c.invalid("string longer than " + maxStringChars + " characters");
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            if (Character.isSurrogate(ch)) {
                if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new MalformedMessageException(c.path(), "string holds an unpaired UTF-16 surrogate");
                }
            }
        }
        return s;
    }

    private static UUID uuid(Ctx c, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw c.invalid("expected a UUID string, found " + describe(t));
        }
        String s = c.p.getText();
        UUID u = Uuids.parse(s);
        if (u == null) {
            throw c.invalid("not a UUID: \"" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "\"");
        }
        return u;
    }

    /** Checks an integer token; rejects fractions, exponents and {@code -0} (a float to serde_json). */
    private static void integerToken(Ctx c, JsonToken t, String type) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw c.invalid("expected an integer (" + type + "), found a number with a fraction or exponent: "
                    + abbreviate(c.p.getText()));
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw c.invalid("expected an integer (" + type + "), found " + describe(t));
        }
        String text = c.p.getText();
        if (text.equals("-0")) {
            throw c.invalid("expected an integer (" + type + "), found -0 (a float to serde_json)");
        }
    }

    private static long i64(Ctx c, JsonToken t) throws IOException {
        integerToken(c, t, "i64");
        if (c.p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw c.invalid("integer out of range for i64: " + abbreviate(c.p.getText()));
        }
        return c.p.getLongValue();
    }

    /** A u64 as its 64-bit pattern. */
    private static long u64(Ctx c, JsonToken t) throws IOException {
        integerToken(c, t, "u64");
        JsonParser.NumberType nt = c.p.getNumberType();
        if (nt == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger b = c.p.getBigIntegerValue();
            if (b.signum() < 0 || b.bitLength() > 64) {
                throw c.invalid("integer out of range for u64: " + abbreviate(c.p.getText()));
            }
            return b.longValue();
        }
        long v = c.p.getLongValue();
        if (v < 0) {
            throw c.invalid("expected a non-negative integer (u64), found " + v);
        }
        return v;
    }

    private static long unsigned(Ctx c, JsonToken t, long max, String type) throws IOException {
        integerToken(c, t, type);
        if (c.p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw c.invalid("integer out of range for " + type + ": " + abbreviate(c.p.getText()));
        }
        long v = c.p.getLongValue();
        if (v < 0 || v > max) {
            throw c.invalid("integer out of range for " + type + ": " + v);
        }
        return v;
    }

    private static double f64(Ctx c, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw c.invalid("expected a number (f64), found " + describe(t));
        }
        double d = c.p.getDoubleValue();
        if (!Double.isFinite(d)) {
            throw c.invalid("number out of range for f64: " + abbreviate(c.p.getText()));
        }
        return d;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    // ---------------------------------------------------------------- context: parser, path, depth

    /** Per-call state: the parser, the JSON path stack (rendered only on error) and the nesting depth. */
    private final class Ctx {
        final JsonParser p;
        final String base;
        String[] names = new String[16];
        int[] indexes = new int[16];
        int size;
        int depth;

        Ctx(JsonParser p, String base) {
            this.p = p;
            this.base = base;
        }

        void enter() {
            if (++depth > maxDepth) {
                throw new InvalidMessageException(path(), "nesting deeper than " + maxDepth);
            }
        }

        void exit() {
            depth--;
        }

        void push(String name) {
            grow();
            names[size] = name;
            indexes[size++] = -1;
        }

        void pushIndex(int i) {
            grow();
            names[size] = null;
            indexes[size++] = i;
        }

        void pop() {
            size--;
        }

        private void grow() {
            if (size == names.length) {
                names = java.util.Arrays.copyOf(names, size * 2);
                indexes = java.util.Arrays.copyOf(indexes, size * 2);
            }
        }

        String path() {
            StringBuilder sb = new StringBuilder(base);
            for (int i = 0; i < size; i++) {
                if (names[i] != null) {
                    sb.append('.').append(names[i]);
                } else {
                    sb.append('[').append(indexes[i]).append(']');
                }
            }
            return sb.toString();
        }

        InvalidMessageException invalid(String message) {
            return new InvalidMessageException(path(), message);
        }

        InvalidMessageException missing(String member) {
            push(member);
            InvalidMessageException e = new InvalidMessageException(path(), "missing member");
            pop();
            return e;
        }
    }
}
