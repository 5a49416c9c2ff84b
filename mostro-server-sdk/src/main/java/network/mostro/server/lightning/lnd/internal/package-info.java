/**
 * Implementation of the LND REST backend: HTTP plumbing, TLS pinning, newline-delimited JSON streams, LND's JSON
 * quirks and error mapping, and reconnecting invoice subscriptions. Not part of the public API.
 */
package network.mostro.server.lightning.lnd.internal;
