/**
 * An in-process Lightning network for demos and tests ({@link network.mostro.server.lightning.embedded.EmbeddedLightning}):
 * nodes that implement {@link network.mostro.server.lightning.LightningBackend} with real signed BOLT11 hold
 * invoices, user {@link network.mostro.server.lightning.embedded.Wallet wallets}, a block height and injectable
 * {@link network.mostro.server.lightning.embedded.Faults faults}.
 */
package network.mostro.server.lightning.embedded;
