/**
 * The Lightning SPI of a Mostro node ({@link network.mostro.server.lightning.LightningBackend}) and its value
 * types; backends live in sub-packages.
 */
package network.mostro.server.lightning;
