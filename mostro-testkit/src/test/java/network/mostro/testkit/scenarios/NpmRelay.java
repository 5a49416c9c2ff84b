package network.mostro.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent relay ({@code @nostr-relay/core} + {@code ws}, see {@code src/test/relay/relay.mjs}) as a
 * child process on 127.0.0.1 and a random port. When node or the npm packages are missing the caller's
 * test is skipped with a loud message, except when the {@code CI} environment variable is set: then it
 * fails, because CI must run these scenarios.
 */
final class NpmRelay implements ScenarioRelay {
    static final Path DIR = Path.of("src", "test", "relay").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 20;

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final URI uri;

    private NpmRelay(List<String> flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("node");
        cmd.add("relay.mjs");
        cmd.addAll(flags);
        File log = new File(System.getProperty("java.io.tmpdir"), "mostro-npm-relay.log");
        process = new ProcessBuilder(cmd).directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    stdout.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "npm-relay-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = stdout.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException("npm relay did not start (got " + first + "); see " + log);
        }
        uri = URI.create("ws://127.0.0.1:" + Integer.parseInt(first.substring(5).trim()));
    }

    /** Starts the relay, or skips (locally) / fails (CI) the calling test when it cannot run. */
    static NpmRelay start(Options options) {
        requireAvailable();
        List<String> flags = new ArrayList<>();
        if (options.requireAuth()) {
            flags.add("--auth");
        }
        if (options.rejectWrites() != null) {
            flags.add("--reject-writes=" + options.rejectWrites());
        }
        if (options.rateLimitPerSecond() > 0) {
            flags.add("--rate-limit=" + options.rateLimitPerSecond());
        }
        try {
            return new NpmRelay(flags);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the npm relay", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void requireAvailable() {
        String why = unavailableReason();
        if (why == null) {
            return;
        }
        String msg = "NPM RELAY SCENARIOS NOT RUN: " + why
                + ". Install Node.js and run `npm ci` in mostro-testkit/src/test/relay.";
        System.err.println("\n*** " + msg + " ***\n");
        if (System.getenv("CI") != null) {
            fail(msg + " (CI is set, so this is a failure, not a skip)");
        }
        Assumptions.abort(msg);
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

    @Override
    public URI uri() {
        return uri;
    }

    /** Sends a control command and waits for its answer; returns how many clients it reached. */
    private int command(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
            String answer = stdout.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer == null || !answer.startsWith("DONE ")) {
                throw new IllegalStateException("npm relay did not answer " + line + ": " + answer);
            }
            return Integer.parseInt(answer.substring(5).trim());
        } catch (IOException e) {
            throw new IllegalStateException("npm relay is gone", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void dropConnections() {
        command("disconnect");
    }

    @Override
    public void sendRaw(String frame) {
        if (frame.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("one line only");
        }
        command("raw " + frame);
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the relay exits when its stdin closes
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
