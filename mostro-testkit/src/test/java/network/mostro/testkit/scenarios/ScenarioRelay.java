package network.mostro.testkit.scenarios;

import java.net.URI;

/** A relay the pool scenarios run against (MockRelay or the npm relay), with the faults both can do. */
interface ScenarioRelay extends AutoCloseable {

    /** How to start a relay. */
    record Options(String rejectWrites, int rateLimitPerSecond, boolean requireAuth) {
        static final Options PLAIN = new Options(null, 0, false);

        static Options rejecting(String reason) {
            return new Options(reason, 0, false);
        }

        static Options rateLimited(int perSecond) {
            return new Options(null, perSecond, false);
        }

        static Options withAuth() {
            return new Options(null, 0, true);
        }
    }

    URI uri();

    /** Kills every client connection now. */
    void dropConnections();

    /** Sends {@code frame} verbatim to every client. */
    void sendRaw(String frame);

    /** Relay-side state for failure messages. */
    default String debugState() {
        return "";
    }

    @Override
    void close();
}
