/**
 * Deterministic keys: BIP-39 mnemonics ({@link network.mostro.nostr.keys.Mnemonic}), BIP-32 extended keys
 * ({@link network.mostro.nostr.keys.HdKey}, {@link network.mostro.nostr.keys.HdPublicKey}), NIP-06
 * ({@link network.mostro.nostr.keys.Nip06}) and Mostro's identity and trade keys at
 * {@code m/44'/1237'/38383'/0/<i>} ({@link network.mostro.nostr.keys.MostroKeys}).
 *
 * <p>Every type here is immutable and thread-safe. Secret material (mnemonic words, private keys, seeds)
 * never appears in {@code toString()} or exception messages. Failures are
 * {@link network.mostro.nostr.NostrException}s: {@code InvalidInputException} for bad words, checksums,
 * paths and indexes; {@code MalformedInputException} for undecodable strings; {@code CryptoException} for
 * keys outside the curve's range.
 */
package network.mostro.nostr.keys;
