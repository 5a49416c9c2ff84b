package network.mostro.protocol.state;

import network.mostro.nostr.InvalidInputException;
import network.mostro.protocol.Action;

/**
 * What happens to an order: a user action with the sender's resolved role, or a system event. Both carry the
 * {@link RequestFacts} the handlers check. Immutable and thread-safe.
 */
public sealed interface Trigger permits Trigger.User, Trigger.Event {

    /** The facts checked by the handler. */
    RequestFacts facts();

    /** A user action with default (valid) facts. */
    static User user(Action action, Role role) {
        return new User(action, role, RequestFacts.DEFAULT);
    }

    /** A system event with default facts. */
    static Event event(SystemEvent event) {
        return new Event(event, RequestFacts.DEFAULT);
    }

    /**
     * A message sent to Mostro.
     *
     * @param action the message's action
     * @param role the sender as resolved by the node
     * @param facts what the handler checks
     */
    record User(Action action, Role role, RequestFacts facts) implements Trigger {
        /** @throws InvalidInputException if a component is null */
        public User {
            if (action == null || role == null || facts == null) {
                throw new InvalidInputException("user trigger: null component");
            }
        }

        /** A copy with other facts. */
        public User with(RequestFacts newFacts) {
            return new User(action, role, newFacts);
        }
    }

    /**
     * A Lightning callback or scheduler job.
     *
     * @param event what happened
     * @param facts facts of the request behind it (the winning take for {@link SystemEvent#TAKER_BOND_ACCEPTED})
     */
    record Event(SystemEvent event, RequestFacts facts) implements Trigger {
        /** @throws InvalidInputException if a component is null */
        public Event {
            if (event == null || facts == null) {
                throw new InvalidInputException("event trigger: null component");
            }
        }
    }
}
