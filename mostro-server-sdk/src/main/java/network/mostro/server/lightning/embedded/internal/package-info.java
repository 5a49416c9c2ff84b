/**
 * Implementation of the embedded Lightning network: the ledger ({@code Net}), node handles, wallets and the
 * thread pools. Not API.
 */
package network.mostro.server.lightning.embedded.internal;
