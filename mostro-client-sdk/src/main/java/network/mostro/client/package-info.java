/**
 * {@code MostroClient}: discover Mostro nodes, read the order book and run whole trades (issue #6, not yet
 * implemented; this package is a placeholder so the reactor builds).
 */
package network.mostro.client;
