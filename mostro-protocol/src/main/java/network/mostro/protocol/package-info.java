/**
 * Typed model of the Mostro protocol (protocol version 2, mostrod 0.18/0.19, mostro-core 0.14): {@link
 * network.mostro.protocol.Message}, {@link network.mostro.protocol.Action}, {@link network.mostro.protocol.Payload}
 * and its variants, {@link network.mostro.protocol.SmallOrder}, statuses and refusal reasons.
 *
 * <p>Every type here is immutable and thread-safe (builders excepted). Nullable record components mirror
 * mostro-core's {@code Option} fields and are documented per component. Enums store their wire spelling once
 * ({@code wireName()}, {@code fromWire(String)}). JSON lives in {@link network.mostro.protocol.codec}.
 */
package network.mostro.protocol;
