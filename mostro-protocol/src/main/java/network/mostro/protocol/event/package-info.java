/**
 * The events a Mostro node publishes (SPEC §12), parsed from and built into tags in the daemon's exact order:
 * {@link network.mostro.protocol.event.OrderEvent} (38383, NIP-69), {@link network.mostro.protocol.event.RatingEvent}
 * (38384), {@link network.mostro.protocol.event.InfoEvent} (38385), {@link network.mostro.protocol.event.DisputeEvent}
 * (38386), {@link network.mostro.protocol.event.DevFeeAuditEvent} (8383),
 * {@link network.mostro.protocol.event.ExchangeRatesEvent} (30078) and
 * {@link network.mostro.protocol.event.RelayListEvent} (10002).
 *
 * <p>Parsing is lenient with unknown tags (kept, in order, in {@code unknownTags} and re-emitted last) and strict
 * with malformed known ones ({@link network.mostro.protocol.event.EventParseException} naming the tag). Numbers in
 * tags are written as Rust's {@code Display} writes them ({@code 0.006}, {@code 5}, {@code true}). All types are
 * immutable and thread-safe.
 */
package network.mostro.protocol.event;
