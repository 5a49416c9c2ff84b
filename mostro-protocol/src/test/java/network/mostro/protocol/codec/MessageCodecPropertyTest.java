package network.mostro.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import network.mostro.protocol.Action;
import network.mostro.protocol.CantDoReason;
import network.mostro.protocol.CashuProofSignature;
import network.mostro.protocol.DisputeInitiator;
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
import network.mostro.protocol.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random messages covering every wrapper, action and payload variant: decode(encode(m)) equals m, encoding
 * is a fixed point, and the output is valid, compact JSON that an independent parser reads.
 */
class MessageCodecPropertyTest {
    private static final MessageCodec CODEC = MessageCodec.standard();
    private static final int SEEDS = 400;
    private static final int MESSAGES_PER_SEED = 25;

    static LongStream seeds() {
        return LongStream.range(0, SEEDS).map(i -> 0x5EED_0000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomMessagesRoundTrip(long seed) {
        Gen g = new Gen(new Random(seed));
        for (int i = 0; i < MESSAGES_PER_SEED; i++) {
            Message m = g.message();
            String json = CODEC.encode(m);
            Message back = CODEC.decode(json);
            assertThat(back).as(json).isEqualTo(m);
            assertThat(CODEC.encode(back)).isEqualTo(json);
            assertThat(CODEC.encode(CODEC.decode(CODEC.encode(m)))).isEqualTo(json);
            // Independent parser: valid JSON whose single top-level key is the wrapper.
            Object tree = TestJson.parse(json);
            assertThat(List.copyOf(((java.util.Map<?, ?>) tree).keySet())).isEqualTo(List.of(m.type().wireName()));
            assertThat(json).doesNotContain("\n").doesNotContain("\r");
        }
    }

    @Test
    void generatorCoversEveryVariant() {
        Set<PayloadType> payloads = EnumSet.noneOf(PayloadType.class);
        Set<Action> actions = EnumSet.noneOf(Action.class);
        Set<MessageType> wrappers = EnumSet.noneOf(MessageType.class);
        int count = 0;
        for (long seed : seeds().toArray()) {
            Gen g = new Gen(new Random(seed));
            for (int i = 0; i < MESSAGES_PER_SEED; i++) {
                Message m = g.message();
                count++;
                actions.add(m.action());
                wrappers.add(m.type());
                if (m.payload() != null) {
                    payloads.add(m.payload().type());
                }
            }
        }
        assertThat(count).isEqualTo(SEEDS * MESSAGES_PER_SEED);
        assertThat(payloads).containsExactlyInAnyOrder(PayloadType.values());
        assertThat(actions).containsExactlyInAnyOrder(Action.values());
        assertThat(wrappers).containsExactlyInAnyOrder(MessageType.values());
    }

    /** Random model values, biased towards edge cases (extreme longs, nulls, escapes, non-BMP text). */
    static final class Gen {
        private static final String[] ALPHABET = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f",
            "\u0000", "\u001f", "\u007f", "é", "ñ", "€", "\u2028", "\uD83D\uDE00", "中", ",", ":", "{", "]", "<", "&"};
        private final Random r;

        Gen(Random r) {
            this.r = r;
        }

        Message message() {
            Action action = pick(Action.values());
            return new Message(pick(MessageType.values()), r.nextInt(256), r.nextBoolean() ? null : anyLong(),
                    r.nextBoolean() ? null : anyLong(), r.nextBoolean() ? null : uuid(), action,
                    r.nextInt(6) == 0 ? null : payload(pick(PayloadType.values())));
        }

        Payload payload(PayloadType t) {
            return switch (t) {
                case ORDER -> new Payload.Order(order());
                case PAYMENT_REQUEST -> new Payload.PaymentRequest(r.nextBoolean() ? null : order(), text(),
                        r.nextBoolean() ? null : anyLong());
                case TEXT_MESSAGE -> new Payload.TextMessage(text());
                case PEER -> new Payload.Peer(r.nextInt(4) == 0 ? "" : hex(64), r.nextBoolean() ? null : userInfo());
                case RATING_USER -> new Payload.RatingUser(r.nextInt(256));
                case AMOUNT -> new Payload.Amount(anyLong());
                case DISPUTE -> new Payload.Dispute(uuid(), r.nextBoolean() ? null : solverInfo());
                case CANT_DO -> new Payload.CantDo(switch (r.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> pick(CantDoReason.values()).wireName();
                    default -> text();
                });
                case NEXT_TRADE -> new Payload.NextTrade(hex(64), r.nextBoolean() ? 0xFFFF_FFFFL : r.nextInt(1 << 30));
                case PAYMENT_FAILED -> new Payload.PaymentFailed(r.nextInt(10), r.nextBoolean() ? 0xFFFF_FFFFL : 60);
                case RESTORE_DATA -> {
                    List<RestoredOrder> orders = new ArrayList<>();
                    List<RestoredDispute> disputes = new ArrayList<>();
                    for (int i = r.nextInt(4); i > 0; i--) {
                        orders.add(new RestoredOrder(uuid(), anyLong(), r.nextBoolean() ? pick(OrderStatus.values())
                                .wireName() : text()));
                    }
                    for (int i = r.nextInt(3); i > 0; i--) {
                        disputes.add(new RestoredDispute(uuid(), uuid(), anyLong(), text(),
                                r.nextBoolean() ? null : pick(DisputeInitiator.values()),
                                r.nextBoolean() ? null : hex(64)));
                    }
                    yield new Payload.RestoreData(orders, disputes);
                }
                case IDS -> {
                    List<UUID> ids = new ArrayList<>();
                    for (int i = r.nextInt(5); i > 0; i--) {
                        ids.add(uuid());
                    }
                    yield new Payload.Ids(ids);
                }
                case ORDERS -> {
                    List<SmallOrder> orders = new ArrayList<>();
                    for (int i = r.nextInt(4); i > 0; i--) {
                        orders.add(order());
                    }
                    yield new Payload.Orders(orders);
                }
                case BOND_RESOLUTION -> new Payload.BondResolution(r.nextBoolean(), r.nextBoolean());
                case BOND_PAYOUT_REQUEST -> new Payload.BondPayoutRequest(order(), anyLong());
                case CASHU_LOCK_PROOF -> new Payload.CashuLockProof(text(), text(), hex(64), hex(64), hex(64),
                        r.nextBoolean() ? null : text());
                case CASHU_SIGNATURES -> {
                    List<CashuProofSignature> sigs = new ArrayList<>();
                    for (int i = r.nextInt(4); i > 0; i--) {
                        sigs.add(new CashuProofSignature(text(), hex(128)));
                    }
                    yield new Payload.CashuSignatures(sigs);
                }
            };
        }

        SmallOrder order() {
            return new SmallOrder(r.nextBoolean() ? null : uuid(), r.nextBoolean() ? null : pick(OrderKind.values()),
                    r.nextBoolean() ? null : pick(OrderStatus.values()), anyLong(), text(), optLong(), optLong(),
                    anyLong(), text(), anyLong(), r.nextBoolean() ? null : hex(64), r.nextBoolean() ? null : hex(64),
                    r.nextBoolean() ? null : text(), optLong(), optLong());
        }

        UserInfo userInfo() {
            double rating = switch (r.nextInt(5)) {
                case 0 -> r.nextInt(6);
                case 1 -> r.nextDouble() * 5;
                case 2 -> Math.round(r.nextDouble() * 50) / 10.0;
                case 3 -> -r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                default -> Double.longBitsToDouble(r.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL);
            };
            return new UserInfo(rating, anyLong(), anyLong());
        }

        SolverDisputeInfo solverInfo() {
            return new SolverDisputeInfo(uuid(), pick(OrderKind.values()).wireName(), pick(OrderStatus.values())
                    .wireName(), r.nextBoolean() ? null : hex(64), r.nextBoolean() ? null : hex(64),
                    pick(OrderStatus.values()).wireName(), hex(64), r.nextBoolean() ? null : hex(64),
                    r.nextBoolean() ? null : hex(64), r.nextBoolean(), r.nextBoolean(),
                    r.nextBoolean() ? null : userInfo(), r.nextBoolean() ? null : userInfo(), anyLong(), text(),
                    anyLong(), anyLong(), anyLong(), anyLong(), r.nextBoolean() ? null : text(), anyLong(), anyLong(),
                    anyLong());
        }

        long anyLong() {
            return switch (r.nextInt(6)) {
                case 0 -> Long.MAX_VALUE;
                case 1 -> Long.MIN_VALUE;
                case 2 -> 0;
                case 3 -> r.nextInt(1000);
                case 4 -> -r.nextInt(1000);
                default -> r.nextLong();
            };
        }

        Long optLong() {
            return r.nextBoolean() ? null : anyLong();
        }

        UUID uuid() {
            return new UUID(r.nextLong(), r.nextLong());
        }

        String hex(int n) {
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append("0123456789abcdef".charAt(r.nextInt(16)));
            }
            return sb.toString();
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) {
                sb.append(pick(ALPHABET));
            }
            return sb.toString();
        }

        <T> T pick(T[] values) {
            return values[r.nextInt(values.length)];
        }
    }
}
