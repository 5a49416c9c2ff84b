/**
 * {@link network.mostro.client.MostroClient}: discover Mostro nodes, follow their order books and run whole trades
 * (create, take, invoices, fiat sent, release, cancel, dispute, rate), restore a session on a new device and chat with
 * the counterparty or a solver. Implementation lives in {@code network.mostro.client.internal}; depend only on the
 * types of this package.
 */
package network.mostro.client;
