package network.mostro.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.event.FiatAmount;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.protocol.event.OrderEventStatus;
import network.mostro.protocol.event.OrderRating;
import network.mostro.protocol.event.Platform;

/**
 * Seeded kind-38383 order events as a node publishes them (SPEC §12.1 tags through {@link OrderEvent.Builder}):
 * distinct order ids, all {@code pending}, buy and sell, five currencies, fixed-sats and market orders, about one in
 * five a fiat range, a rating, the source link, network, layer, {@code expires_at} and a NIP-40 expiration a day
 * ahead. Stateless utility; thread-safe.
 */
final class OrderEvents {
    private static final String[] FIAT = {"USD", "EUR", "ARS", "VES", "CUP"};
    private static final String[] METHODS = {"SEPA", "SEPA,Bank transfer", "Zelle", "MercadoPago,Transferencia",
        "Revolut,Wise,Face to face"};

    private OrderEvents() {}

    /** {@code n} events signed by {@code node}, created over the last {@code n} seconds before {@code now}. */
    static Event[] signed(PrivateKey node, int n, long now, long seed) {
        Random r = new Random(seed);
        List<String> relays = List.of("wss://relay.mostro.network", "wss://nos.lol");
        Event[] out = new Event[n];
        byte[] aux = new byte[32];
        for (int i = 0; i < n; i++) {
            UUID id = new UUID(r.nextLong(), r.nextLong());
            boolean range = r.nextInt(5) == 0;
            boolean market = r.nextBoolean();
            long fiat = 10 + r.nextInt(500);
            OrderEvent o = OrderEvent.builder().orderId(id.toString())
                    .kind(r.nextBoolean() ? OrderKind.SELL : OrderKind.BUY).fiatCode(FIAT[r.nextInt(FIAT.length)])
                    .status(OrderEventStatus.PENDING).amount(market ? 0 : 10_000 + r.nextInt(900_000))
                    .fiatAmount(range ? FiatAmount.range(fiat, fiat * 3) : FiatAmount.of(fiat))
                    .paymentMethod(METHODS[r.nextInt(METHODS.length)]).premium(market ? r.nextInt(11) - 5 : 0)
                    .rating(OrderRating.of(1 + r.nextInt(400), 1 + r.nextInt(5), r.nextInt(200)))
                    .source(OrderEvent.sourceOf(id.toString(), relays, node.publicKey())).network("mainnet")
                    .layer("lightning").expiresAt(now + 86_400).expiration(now + 86_400)
                    .platform(Platform.mostro("bench mostro")).z("order").build();
            r.nextBytes(aux);
            out[i] = o.toUnsignedEvent(node.publicKey(), now - n + i).sign(node, aux);
        }
        return out;
    }
}
