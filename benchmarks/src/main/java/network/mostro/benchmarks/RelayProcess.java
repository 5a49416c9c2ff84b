package network.mostro.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.mostro.testkit.MockRelay;

/**
 * A {@link MockRelay} in a JVM of its own, so that a benchmark measuring the client's heap does not also count
 * the relay's per-connection buffers. {@link #main} prints {@code PORT <n>} once listening and runs until its
 * standard input closes; {@link #start()} launches it with the current JVM and class path. Not thread-safe.
 */
public final class RelayProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private RelayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the relay JVM (small serial-GC heap) and waits until it listens. */
    public static RelayProcess start() throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), RelayProcess.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                return new RelayProcess(p, Integer.parseInt(line.substring(5).trim()));
            }
        }
        p.destroyForcibly();
        throw new IOException("relay process exited before listening (exit " + p.exitValue() + ")");
    }

    /** The relay's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Closes the relay's standard input (it shuts down) and waits for the JVM to end; kills it after 10 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a MockRelay until standard input reaches end of file. */
    public static void main(String[] args) throws IOException {
        try (MockRelay relay = MockRelay.start()) {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
            w.println("PORT " + relay.port());
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin (or die)
            }
        }
    }
}
