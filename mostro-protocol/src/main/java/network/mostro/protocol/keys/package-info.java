/**
 * Mostro keys and sessions (SPEC §2, §15.1): the identity key and trade keys over
 * {@link network.mostro.nostr.keys.MostroKeys} with a forward-only, persisted trade-index counter
 * ({@link network.mostro.protocol.keys.KeyManager}, {@link network.mostro.protocol.keys.TradeIndexStore}), session
 * restore helpers, and the P2P / dispute chat keys ({@link network.mostro.protocol.keys.ChatKeys}).
 *
 * <p>Types hold secret keys; their {@code toString()} shows public keys only. Each type states its thread-safety.
 */
package network.mostro.protocol.keys;
