/**
 * Mostro transports (SPEC §3): protocol v2 ({@link network.mostro.protocol.transport.V2Transport}, kind 14 with
 * NIP-44) and the deprecated protocol v1 ({@link network.mostro.protocol.transport.V1Transport}, NIP-59 gift wrap),
 * in both directions; the typed result of unwrapping ({@link network.mostro.protocol.transport.Inbound}) and its
 * typed failures ({@link network.mostro.protocol.transport.UnwrapException}); the node-side helpers of the inbound
 * pipeline (SPEC §3.6: {@link network.mostro.protocol.transport.FreshnessWindow},
 * {@link network.mostro.protocol.transport.ReplayWindow}, {@link network.mostro.protocol.transport.PowPolicy} with
 * {@link network.mostro.protocol.transport.KnownKeys}); and P2P/dispute chat envelopes (SPEC §15).
 *
 * <p>Every public type states its thread-safety; values are immutable.
 */
package network.mostro.protocol.transport;
