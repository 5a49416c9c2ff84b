package network.mostro.examples.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mostro-node}: runs a Mostro node from a mostrod-style {@code settings.toml}, or checks one with
 * {@code --check}. Exit codes: 0 success (or a clean stop), 1 the node failed to start, 2 configuration or check
 * problems (and picocli usage errors).
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "mostro-node", mixinStandardHelpOptions = true, version = "mostro-node (Mostro Java SDK) 0.1.0",
        description = "Runs a Mostro node built on the Mostro Java SDK, configured by a mostrod-style settings.toml.")
public final class MostroNodeApp implements Callable<Integer> {
    /** The settings template shipped with the application. */
    public static final String TEMPLATE = "/network/mostro/examples/node/settings.tpl.toml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "settings file (default: <data-dir>/settings.toml)")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "data directory: relative paths in the settings and the default SQLite file live here,"
                    + " and a .env file here may hold secrets (default: ~/.mostro-java)")
    Path dataDir;

    @Option(names = "--check", description = "validate the settings and connectivity, report every problem, exit")
    boolean check;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "limit of each network check in --check, and of the node start (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "trace, debug, info, warn or error (default: ${DEFAULT-VALUE})")
    String logLevel;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final CompletableFuture<Void> stopSignal;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * An invocation with explicit surroundings (tests run the application in-process this way).
     *
     * @param env the environment variables
     * @param stopSignal completing it stops a running node, as SIGTERM does
     */
    public MostroNodeApp(Map<String, String> env, PrintStream out, PrintStream err,
            CompletableFuture<Void> stopSignal) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.stopSignal = stopSignal;
    }

    /** Entry point; SIGTERM and SIGINT stop the node gracefully. */
    public static void main(String[] args) {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        MostroNodeApp app = new MostroNodeApp(System.getenv(), System.out, System.err, stop);
        Thread hook = new Thread(() -> {
            stop.complete(null);
            app.awaitStopped(Duration.ofSeconds(30));
        }, "mostro-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = execute(app, args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and the JVM exits when it returns
        }
        System.exit(code);
    }

    /** Parses {@code args} and runs; returns the exit code. */
    public static int execute(MostroNodeApp app, String... args) {
        CommandLine cl = new CommandLine(app);
        cl.setOut(new java.io.PrintWriter(app.out, true));
        cl.setErr(new java.io.PrintWriter(app.err, true));
        int code = cl.execute(args);
        app.stopped.countDown();
        return code;
    }

    /** Waits until a running node has stopped (the shutdown hook uses it). */
    public boolean awaitStopped(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Integer call() {
        if (!configureLogging(logLevel)) {
            err.println("--log-level: \"" + logLevel + "\" is not one of trace, debug, info, warn, error, off");
            return 2;
        }
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".mostro-java");
        Path file = config != null ? config : dir.resolve("settings.toml");
        if (timeoutSeconds < 1) {
            err.println("--timeout must be at least 1 second");
            return 2;
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (config == null && !Files.exists(file)) {
            return writeTemplate(file);
        }
        NodeConfig cfg = SettingsLoader.load(file, dir, env);
        if (check) {
            List<NodeCheck.Finding> findings = NodeCheck.run(cfg, timeout);
            findings.forEach(f -> out.println(f.line()));
            long problems = findings.stream().filter(f -> f.level() == NodeCheck.Level.PROBLEM).count();
            out.println(problems == 0 ? "All checks passed." : problems + " problem(s) found.");
            return problems == 0 ? 0 : 2;
        }
        cfg.warnings().forEach(w -> err.println("WARNING  " + w));
        if (!cfg.valid()) {
            cfg.errors().forEach(e -> err.println("PROBLEM  " + e));
            err.println(cfg.errors().size() + " problem(s) in " + file + "; run with --check for connectivity too.");
            return 2;
        }
        NodeRunner runner;
        try {
            runner = NodeRunner.start(cfg, timeout.multipliedBy(3), Duration.ofSeconds(5));
        } catch (NodeRunner.StartException e) {
            err.println("mostro-node failed to start: " + e.getMessage());
            return 1;
        }
        try {
            stopSignal.join();
            org.slf4j.LoggerFactory.getLogger(MostroNodeApp.class).info("Stop requested (SIGTERM/SIGINT)");
        } finally {
            runner.close();
        }
        return 0;
    }

    private int writeTemplate(Path file) {
        try (InputStream in = MostroNodeApp.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                err.println("No settings file at " + file + " and the template is missing from the application");
                return 2;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(in, file);
            err.println("No settings file was found; a template was written to " + file
                    + ". Edit it (at least [nostr] and [lightning]) and start mostro-node again.");
        } catch (IOException e) {
            err.println("No settings file at " + file + ", and writing the template failed: " + e.getMessage());
        }
        return 2;
    }

    /**
     * Sets slf4j-simple's level; effective only before the first logger is created, so {@link #call()} does it
     * first. A level given with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
     */
    static boolean configureLogging(String level) {
        String l = level == null ? "info" : level.strip().toLowerCase(Locale.ROOT);
        if (!List.of("trace", "debug", "info", "warn", "error", "off").contains(l)) {
            return false;
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", l);
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        return true;
    }
}
