package network.mostro.client;

import java.time.Duration;
import java.util.List;
import network.mostro.nostr.NostrException;
import network.mostro.protocol.Action;

/**
 * Mostro did not answer a request within the request timeout. The daemon drops most mistakes silently (SPEC §3.6),
 * so silence means "not accepted"; {@link #likelyCauses()} lists what usually causes it for this request, and the
 * message names them. Retrying must build a new request (a rebroadcast is dropped as a replay). Thread-safe.
 */
public final class NoAnswerException extends NostrException {
    private static final long serialVersionUID = 1L;

    private final transient Action request;
    private final Duration timeout;
    private final List<String> likelyCauses;

    /**
     * @param request the unanswered action
     * @param timeout how long the client waited
     * @param likelyCauses the likely causes, most likely first
     */
    public NoAnswerException(Action request, Duration timeout, List<String> likelyCauses) {
        super(Kind.TRANSPORT, "no answer from Mostro to " + request.wireName() + " within " + timeout.toMillis()
                + " ms; likely causes: " + String.join("; ", likelyCauses));
        this.request = request;
        this.timeout = timeout;
        this.likelyCauses = List.copyOf(likelyCauses);
    }

    /** The unanswered action. */
    public Action request() {
        return request;
    }

    /** How long the client waited. */
    public Duration timeout() {
        return timeout;
    }

    /** The likely causes, most likely first. */
    public List<String> likelyCauses() {
        return likelyCauses;
    }
}
