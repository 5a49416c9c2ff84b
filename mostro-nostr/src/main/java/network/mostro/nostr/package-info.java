/**
 * Nostr primitives for the Mostro SDK: keys ({@link network.mostro.nostr.PrivateKey},
 * {@link network.mostro.nostr.PublicKey}), BIP-340 signatures ({@link network.mostro.nostr.Schnorr}),
 * NIP-01 events ({@link network.mostro.nostr.Event}, {@link network.mostro.nostr.UnsignedEvent}) and the
 * NIPs Mostro needs. Nothing here knows about Mostro's messages.
 *
 * <p>Every failure on untrusted input is a {@link network.mostro.nostr.NostrException} whose
 * {@link network.mostro.nostr.NostrException#kind() kind} says what went wrong. Packages named
 * {@code internal} are not API.
 */
package network.mostro.nostr;
