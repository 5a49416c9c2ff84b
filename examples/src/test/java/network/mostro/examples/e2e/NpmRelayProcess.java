package network.mostro.examples.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent npm relay ({@code @nostr-relay/core} with its validator, the testkit's
 * {@code mostro-testkit/src/test/relay/relay.mjs}) as a child process on 127.0.0.1 and a random port, for the
 * end-to-end tests. The relay-pool scenarios in mostro-testkit start the same script with fault commands; here only
 * start and stop are needed. Without Node.js or the npm packages the calling test is skipped locally and fails when
 * {@code CI} is set. Not thread-safe.
 */
final class NpmRelayProcess implements AutoCloseable {
    private static final Path DIR = Path.of("..", "mostro-testkit", "src", "test", "relay").toAbsolutePath()
            .normalize();
    private static final long TIMEOUT_SECONDS = 20;

    private final Process process;
    private final URI uri;

    private NpmRelayProcess() throws IOException {
        File log = new File(System.getProperty("java.io.tmpdir"), "mostro-npm-relay-e2e.log");
        process = new ProcessBuilder("node", "relay.mjs").directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine(); // "PORT <n>" once listening; the relay exits when its stdin closes
        if (first == null || !first.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException("npm relay did not start (got " + first + "); see " + log);
        }
        uri = URI.create("ws://127.0.0.1:" + Integer.parseInt(first.substring(5).trim()));
    }

    /** Starts the relay, or skips (locally) / fails (CI) the calling test when it cannot run. */
    static NpmRelayProcess start() {
        String why = unavailableReason();
        if (why != null) {
            String msg = "NPM RELAY E2E NOT RUN: " + why + ". Install Node.js and run `npm ci` in " + DIR;
            System.err.println("\n*** " + msg + " ***\n");
            if (System.getenv("CI") != null) {
                fail(msg + " (CI is set, so this is a failure, not a skip)");
            }
            Assumptions.abort(msg);
        }
        try {
            return new NpmRelayProcess();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the npm relay", e);
        }
    }

    private static String unavailableReason() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "`node --version` failed";
            }
        } catch (IOException e) {
            return "node is not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        for (String pkg : List.of("@nostr-relay/core", "@nostr-relay/validator", "@nostr-relay/common", "ws")) {
            if (!Files.exists(DIR.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
                return "npm package " + pkg + " is not installed in " + DIR;
            }
        }
        return null;
    }

    /** The relay's {@code ws://127.0.0.1:port} address. */
    URI uri() {
        return uri;
    }

    /** Stops the relay process (closing its stdin ends it; then terminate, then kill). */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
