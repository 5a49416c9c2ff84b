/**
 * The canonical Mostro order state machine (SPEC §6.1, §7.2, §8, §10.1–10.3, §11, §13, §14) as data plus a small
 * engine, shared by the node and the client.
 *
 * <p>{@link network.mostro.protocol.state.OrderStateMachine#apply} takes an {@link
 * network.mostro.protocol.state.OrderState} (kind, daemon status, {@link network.mostro.protocol.state.TradeContext})
 * and a {@link network.mostro.protocol.state.Trigger} (a user action with the sender's resolved {@link
 * network.mostro.protocol.state.Role}, or a {@link network.mostro.protocol.state.SystemEvent}) and returns a {@link
 * network.mostro.protocol.state.Transition}: {@code Allowed} (next state, published bucket, notifications, Lightning
 * and bookkeeping effects, dispute change), {@code Refused} (the daemon's {@code cant-do} reason) or {@code Ignored}
 * (the daemon stays silent). {@link network.mostro.protocol.state.PublishedBucket} maps statuses to the public
 * {@code s} tag, {@link network.mostro.protocol.state.RangeOrders} computes child orders. The rule table itself is
 * rendered to {@code docs/state-machine.md}.
 *
 * <p>Every type here is immutable and thread-safe (builders excepted).
 */
package network.mostro.protocol.state;
