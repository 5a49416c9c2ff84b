package network.mostro.server.lightning;

import java.time.Duration;
import java.util.Objects;
import network.mostro.nostr.InvalidInputException;

/**
 * An outgoing payment (SPEC §10.3). Immutable and thread-safe.
 *
 * @param bolt11 the invoice to pay
 * @param amountSats the amount to pay for an amountless invoice; 0 to pay the invoice's own amount
 * @param feeLimitSats the routing fee budget (SPEC §9.4)
 * @param timeout how long to search for a route (the daemon uses 60 s)
 */
public record PayRequest(String bolt11, long amountSats, long feeLimitSats, Duration timeout) {
    /** @throws InvalidInputException if a number is negative or the timeout is not positive */
    public PayRequest {
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(timeout, "timeout");
        if (amountSats < 0 || feeLimitSats < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("pay request: negative amount/fee or non-positive timeout");
        }
    }
}
