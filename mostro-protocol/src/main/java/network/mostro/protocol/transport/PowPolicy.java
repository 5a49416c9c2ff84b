package network.mostro.protocol.transport;

import network.mostro.nostr.Event;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.Nip13;
import network.mostro.nostr.PublicKey;
import network.mostro.protocol.event.InfoEvent;

/**
 * A node's NIP-13 requirements (SPEC §3.1, §3.6 steps 1 and 4b): every inbound event needs {@code pow} leading zero
 * bits in its id, and an event from a key the node does not know needs {@code max(pow, powFirstContact)}. The
 * {@code nonce} tag is not inspected. Immutable and thread-safe.
 *
 * <pre>{@code
 * PowPolicy policy = new PowPolicy(settings.pow(), settings.powFirstContact());
 * if (!policy.accepts(event, knownKeys)) return;   // drop
 * }</pre>
 *
 * @param pow base difficulty for every event (0–256)
 * @param powFirstContact difficulty for unknown senders (0–256); the effective value is never below {@code pow}
 */
public record PowPolicy(int pow, int powFirstContact) {
    /**
     * @throws InvalidInputException if a difficulty is outside 0–256
     */
    public PowPolicy {
        if (pow < 0 || pow > Nip13.MAX_DIFFICULTY || powFirstContact < 0 || powFirstContact > Nip13.MAX_DIFFICULTY) {
            throw new InvalidInputException("difficulties must be between 0 and 256");
        }
    }

    /** No proof of work required. */
    public static PowPolicy none() {
        return new PowPolicy(0, 0);
    }

    /**
     * What a client must mine for a node, from its info event: {@code pow}, and {@code pow_first_contact} (which the
     * daemon already publishes as {@code max(pow, first-contact)} on v2); absent tags count as 0 / {@code pow}.
     */
    public static PowPolicy fromInfo(InfoEvent info) {
        if (info == null) {
            throw new InvalidInputException("info event is required");
        }
        int pow = info.pow() == null ? 0 : info.pow();
        int first = info.powFirstContact() == null ? pow : info.powFirstContact();
        return new PowPolicy(pow, first);
    }

    /** The first-contact difficulty actually enforced: {@code max(pow, powFirstContact)}, as advertised on v2. */
    public int firstContactDifficulty() {
        return Math.max(pow, powFirstContact);
    }

    /** The difficulty required from {@code author}: {@link #pow()} when known, else the first-contact difficulty. */
    public int requiredDifficulty(PublicKey author, KnownKeys known) {
        return isFirstContact(author, known) ? firstContactDifficulty() : pow;
    }

    /** Whether {@code author} is on the first-contact lane (not in {@code known}). */
    public boolean isFirstContact(PublicKey author, KnownKeys known) {
        if (author == null || known == null) {
            throw new InvalidInputException("author and known keys are required");
        }
        return !known.isKnown(author);
    }

    /** Whether the event id reaches the difficulty required from its author. Does not verify the event. */
    public boolean accepts(Event event, KnownKeys known) {
        if (event == null) {
            throw new InvalidInputException("event is required");
        }
        return Nip13.difficulty(event) >= requiredDifficulty(event.pubkey(), known);
    }
}
