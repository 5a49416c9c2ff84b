package network.mostro.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One Mostro message: the wrapper ({@link MessageType}) around mostro-core's {@code MessageKind} members
 * {@code version}, {@code request_id}, {@code trade_index}, {@code id}, {@code action}, {@code payload}
 * (SPEC §4).
 *
 * <p>Canonical JSON, the exact bytes trade signatures and identity proofs cover, comes from
 * {@code network.mostro.protocol.codec.MessageCodec#encode}. Example:
 * <pre>{@code
 * Message take = Message.builder(Action.TAKE_SELL).id(orderId).requestId(1001L).tradeIndex(1L).build();
 * String json = MessageCodec.standard().encode(take);
 * // {"order":{"version":2,"request_id":1001,"trade_index":1,"id":"…","action":"take-sell","payload":null}}
 * }</pre>
 *
 * <p><b>{@code request_id} is an unsigned 64-bit integer on the wire.</b> It is held as a {@link Long} carrying the
 * 64-bit pattern: 0..2^63-1 read as themselves (real clients stay in this range), and 2^63..2^64-1 read as negative
 * numbers; the codec prints and parses the unsigned value, so every u64 round-trips. Use
 * {@link Long#toUnsignedString(long)} / {@link Long#parseUnsignedLong(String)} to convert.
 * Immutable and thread-safe.
 *
 * @param type the wrapper key
 * @param version protocol version (u8): 2 on kind 14, 1 on gift wrap; not checked by the daemon on input
 * @param requestId client correlation id (u64 bit pattern, see above); nullable, written as {@code null}
 * @param tradeIndex trade key index (i64); nullable, written as {@code null}; never send 0 (SPEC §2.3)
 * @param id order id (dispute id for admin-take-dispute); nullable, omitted from the JSON when null
 * @param action what the message asks for or reports
 * @param payload the payload; nullable, written as {@code null}
 */
public record Message(
        MessageType type, int version, Long requestId, Long tradeIndex, UUID id, Action action, Payload payload) {

    /** The protocol version mostro-core stamps on new messages ({@code PROTOCOL_VER}). */
    public static final int PROTOCOL_VERSION = 2;

    /**
     * @throws NullPointerException if {@code type} or {@code action} is null
     * @throws IllegalArgumentException if {@code version} is outside 0..255
     */
    public Message {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Checks.u8(version, "version");
    }

    /** A builder for a message with {@code action}, wrapper {@link MessageType#ORDER} and version 2. */
    public static Builder builder(Action action) {
        return new Builder(action);
    }

    /** A builder initialised with every component of this message. */
    public Builder toBuilder() {
        return new Builder(action).type(type).version(version).requestId(requestId).tradeIndex(tradeIndex).id(id)
                .payload(payload);
    }

    /**
     * Checks the message the way mostro-core's {@code MessageKind::verify} does (SPEC §4.3), listing every problem.
     * The daemon drops failing messages silently, so run this on what you send. Be lenient with what you
     * receive: some daemon replies fail it (the {@code restore-session} reply, the {@code peer} reputation
     * notice in {@code pay-invoice}).
     */
    public ValidationResult validate() {
        List<String> problems = new ArrayList<>(2);
        PayloadType p = payload == null ? null : payload.type();
        switch (action) {
            case NEW_ORDER -> requirePayload(problems, p, PayloadType.ORDER);
            case PAY_INVOICE, PAY_BOND_INVOICE, ADD_INVOICE -> {
                requireId(problems);
                requirePayload(problems, p, PayloadType.PAYMENT_REQUEST);
            }
            case ADD_BOND_INVOICE -> {
                requireId(problems);
                requirePayload(problems, p, PayloadType.BOND_PAYOUT_REQUEST, PayloadType.PAYMENT_REQUEST);
            }
            case ADMIN_SETTLE, ADMIN_CANCEL -> {
                requireId(problems);
                if (p != null && p != PayloadType.BOND_RESOLUTION) {
                    problems.add(action.wireName() + " accepts only a null or bond_resolution payload, got " + p.wireName());
                }
            }
            case ADD_CASHU_ESCROW -> {
                requireId(problems);
                requirePayload(problems, p, PayloadType.CASHU_LOCK_PROOF);
            }
            case CASHU_PM_SIGNATURE -> {
                requireId(problems);
                requirePayload(problems, p, PayloadType.CASHU_SIGNATURES);
                if (payload instanceof Payload.CashuSignatures s && s.signatures().isEmpty()) {
                    problems.add("cashu-pm-signature needs at least one signature");
                }
            }
            case PAYMENT_FAILED -> {
                requireId(problems);
                requirePayload(problems, p, PayloadType.PAYMENT_FAILED);
            }
            case RATE_USER -> requirePayload(problems, p, PayloadType.RATING_USER);
            case CANT_DO -> requirePayload(problems, p, PayloadType.CANT_DO);
            case ORDERS -> requirePayload(problems, p, PayloadType.IDS, PayloadType.ORDERS);
            case RESTORE_SESSION, LAST_TRADE_INDEX -> {
                if (p != null) {
                    problems.add(action.wireName() + " must have a null payload, got " + p.wireName());
                }
            }
            case TAKE_SELL, TAKE_BUY, FIAT_SENT, FIAT_SENT_OK, RELEASE, RELEASED, CANCEL, CANCELED,
                    COOPERATIVE_CANCEL_INITIATED_BY_YOU, COOPERATIVE_CANCEL_INITIATED_BY_PEER,
                    DISPUTE_INITIATED_BY_YOU, DISPUTE_INITIATED_BY_PEER, COOPERATIVE_CANCEL_ACCEPTED,
                    BUYER_INVOICE_ACCEPTED, BOND_INVOICE_ACCEPTED, PURCHASE_COMPLETED, BOND_PAYOUT_COMPLETED,
                    BOND_SLASHED, HOLD_INVOICE_PAYMENT_ACCEPTED, HOLD_INVOICE_PAYMENT_SETTLED,
                    HOLD_INVOICE_PAYMENT_CANCELED, WAITING_SELLER_TO_PAY, WAITING_BUYER_INVOICE, BUYER_TOOK_ORDER,
                    RATE, RATE_RECEIVED, DISPUTE, ADMIN_CANCELED, ADMIN_SETTLED, ADMIN_ADD_SOLVER,
                    ADMIN_TAKE_DISPUTE, ADMIN_TOOK_DISPUTE, INVOICE_UPDATED, SEND_DM, TRADE_PUBKEY,
                    CASHU_ESCROW_LOCKED -> {
                requireId(problems);
                if (p == PayloadType.BOND_RESOLUTION || p == PayloadType.BOND_PAYOUT_REQUEST) {
                    problems.add(action.wireName() + " must not carry a " + p.wireName() + " payload");
                }
            }
        }
        return problems.isEmpty() ? ValidationResult.ok() : new ValidationResult(problems);
    }

    /**
     * Returns this message if {@link #validate()} finds no problem.
     *
     * @throws InvalidMessageException (path {@code $}) listing every problem otherwise
     */
    public Message requireValid() {
        ValidationResult r = validate();
        if (!r.isValid()) {
            throw new InvalidMessageException("$", "fails MessageKind::verify: " + String.join("; ", r.problems()));
        }
        return this;
    }

    private void requireId(List<String> problems) {
        if (id == null) {
            problems.add(action.wireName() + " requires an id");
        }
    }

    private void requirePayload(List<String> problems, PayloadType actual, PayloadType... allowed) {
        for (PayloadType a : allowed) {
            if (a == actual) {
                return;
            }
        }
        StringBuilder sb = new StringBuilder(action.wireName()).append(" requires a ");
        for (int i = 0; i < allowed.length; i++) {
            sb.append(i == 0 ? "" : " or ").append(allowed[i].wireName());
        }
        problems.add(sb.append(" payload, got ").append(actual == null ? "null" : actual.wireName()).toString());
    }

    /** Builder for {@link Message}. Not thread-safe. */
    public static final class Builder {
        private MessageType type = MessageType.ORDER;
        private int version = PROTOCOL_VERSION;
        private Long requestId;
        private Long tradeIndex;
        private UUID id;
        private Action action;
        private Payload payload;

        private Builder(Action action) {
            this.action = Objects.requireNonNull(action, "action");
        }

        /** The wrapper (default: {@link MessageType#ORDER}). */
        public Builder type(MessageType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Protocol version (default: 2; use 1 on the deprecated gift-wrap transport). */
        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /** Client correlation id, u64 bit pattern (default: null). */
        public Builder requestId(Long requestId) {
            this.requestId = requestId;
            return this;
        }

        /** Trade index (default: null, as in full-privacy mode). */
        public Builder tradeIndex(Long tradeIndex) {
            this.tradeIndex = tradeIndex;
            return this;
        }

        /** Order or dispute id (default: null, omitted from the JSON). */
        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        /** The action. */
        public Builder action(Action action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /** The payload (default: null). */
        public Builder payload(Payload payload) {
            this.payload = payload;
            return this;
        }

        /**
         * Builds the message; does not run {@link Message#validate()}.
         *
         * @throws IllegalArgumentException if {@code version} is outside 0..255
         */
        public Message build() {
            return new Message(type, version, requestId, tradeIndex, id, action, payload);
        }
    }
}
