/**
 * {@link network.mostro.server.MostroNode}: a complete Mostro node with pluggable Lightning
 * ({@link network.mostro.server.lightning.LightningBackend}), storage
 * ({@link network.mostro.server.store.OrderStore}) and prices ({@link network.mostro.server.price.PriceSource}).
 * Configure it with {@link network.mostro.server.NodeSettings}.
 */
package network.mostro.server;
