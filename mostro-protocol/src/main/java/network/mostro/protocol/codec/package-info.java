/**
 * JSON for Mostro messages: {@link network.mostro.protocol.codec.MessageCodec} (byte-exact with mostro-core's
 * serde_json output) and its {@link network.mostro.protocol.codec.DecodeLimits}. Immutable and thread-safe.
 */
package network.mostro.protocol.codec;
