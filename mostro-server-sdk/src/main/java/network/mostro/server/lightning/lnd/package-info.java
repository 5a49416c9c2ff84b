/**
 * The LND backend of the Lightning SPI ({@link network.mostro.server.lightning.lnd.LndBackend}): hold invoices,
 * payments and chain facts from an LND node over its REST API, with the node's {@code tls.cert} pinned and a
 * macaroon for authorization.
 */
package network.mostro.server.lightning.lnd;
