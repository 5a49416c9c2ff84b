/**
 * Lightning payment requests for Mostro: BOLT #11 decoding and signing ({@link
 * network.mostro.protocol.lightning.Bolt11}, {@link network.mostro.protocol.lightning.Bolt11Invoice}), the
 * node's invoice rules of SPEC §10.4 ({@link network.mostro.protocol.lightning.InvoiceValidator}) and
 * recognition of Lightning addresses and LNURLs ({@link network.mostro.protocol.lightning.PaymentRequests}).
 *
 * <p>Every failure on untrusted input is a typed {@link network.mostro.nostr.NostrException}; BOLT #11 failures
 * also implement {@link network.mostro.protocol.lightning.InvoiceFailure}. Everything here is immutable and
 * thread-safe except builders. This package depends on no other package of {@code network.mostro.protocol}
 * except {@code internal}.
 */
package network.mostro.protocol.lightning;
