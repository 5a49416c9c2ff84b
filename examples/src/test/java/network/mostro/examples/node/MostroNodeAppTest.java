package network.mostro.examples.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import network.mostro.nostr.Event;
import network.mostro.nostr.PrivateKey;
import network.mostro.testkit.MockRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application end to end: a node from a settings file on a MockRelay, embedded Lightning and SQLite. */
class MostroNodeAppTest {
    private static final PrivateKey KEY = PrivateKey.fromHex("44".repeat(32));

    @TempDir
    Path dir;

    private Path settings(MockRelay relay) throws Exception {
        return Files.writeString(dir.resolve("settings.toml"), """
                [lightning]
                backend = "embedded"
                [nostr]
                relays = ['%s']
                [mostro]
                name = "e2e mostro"
                fee = 0.006
                [database]
                url = 'sqlite://mostro.db'
                [price.providers.fixed]
                enabled = true
                rates = { USD = 100000 }
                """.formatted(relay.uri()));
    }

    private static boolean infoEventFrom(MockRelay relay, PrivateKey key) {
        return relay.storedEvents().stream()
                .anyMatch(e -> e.kind() == 38385 && e.pubkey().equals(key.publicKey()) && e.verify());
    }

    private static boolean await(java.util.function.BooleanSupplier cond, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return cond.getAsBoolean();
    }

    @Test
    void runsInProcessPublishesItsInfoEventAndStopsWithoutLeavingThreads() throws Exception {
        try (MockRelay relay = MockRelay.start()) {
            Path file = settings(relay);
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            CompletableFuture<Void> stop = new CompletableFuture<>();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            MostroNodeApp app = new MostroNodeApp(Map.of(Secrets.NSEC, KEY.toNsec()),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), stop);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> MostroNodeApp.execute(app,
                    "--config", file.toString(), "--data-dir", dir.toString()), runnable -> {
                        Thread t = new Thread(runnable, "test-app-main");
                        t.start();
                    });

            assertThat(await(() -> infoEventFrom(relay, KEY), Duration.ofSeconds(30)))
                    .as("kind-38385 info event; app stderr: %s", err).isTrue();
            Event info = relay.storedEvents().stream().filter(e -> e.kind() == 38385).findFirst().orElseThrow();
            assertThat(info.tags().toString()).contains("e2e mostro").contains("0.006");
            assertThat(exit).isNotDone();
            assertThat(dir.resolve("mostro.db")).exists();

            stop.complete(null);
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(app.awaitStopped(Duration.ofSeconds(1))).isTrue();

            // every thread the app started ends (the JDK 17 HttpClient selector ends once its client is collected)
            boolean clean = await(() -> {
                System.gc();
                return leftovers(before).isEmpty();
            }, Duration.ofSeconds(20));
            assertThat(clean).as("threads left: %s", leftovers(before)).isTrue();
        }
    }

    private static List<String> leftovers(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.getName().equals("test-app-main")
                        && !t.getName().startsWith("mock-relay-")) // the test's relay, not the app
                .map(Thread::getName).sorted().collect(Collectors.toList());
    }

    @Test
    void aRealProcessStopsGracefullyOnSigterm() throws Exception {
        try (MockRelay relay = MockRelay.start()) {
            Path file = settings(relay);
            Path log = dir.resolve("node.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    MostroNodeApp.class.getName(), "--config", file.toString(), "--data-dir", dir.toString(),
                    "--log-level", "info")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put(Secrets.NSEC, KEY.toNsec());
            Process p = pb.start();
            try {
                assertThat(await(() -> infoEventFrom(relay, KEY), Duration.ofSeconds(60)))
                        .as("info event; log: %s", read(log)).isTrue();
                assertThat(p.isAlive()).isTrue();
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("log: %s", read(log)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            String out = read(log);
            assertThat(out).contains("is running").contains("Stop requested (SIGTERM/SIGINT)")
                    .contains("Shutting down Mostro node " + KEY.publicKey().toHex()).contains("Mostro node stopped");
            assertThat(out.indexOf("Mostro node stopped")).isGreaterThan(out.indexOf("Stop requested"));
            assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook returned
        }
    }

    @Test
    void configErrorsStopBeforeStartingWithExitCodeTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.toml"), "[mostro]\nfee = 'x'\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MostroNodeApp app = new MostroNodeApp(Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CompletableFuture<>());
        assertThat(MostroNodeApp.execute(app, "--config", file.toString(), "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PROBLEM  mostro.fee: expected a number")
                .contains("PROBLEM  nostr.nsec_privkey: missing");
    }

    @Test
    void missingDefaultSettingsWritesTheTemplate() {
        Path data = dir.resolve("fresh");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MostroNodeApp app = new MostroNodeApp(Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CompletableFuture<>());
        assertThat(MostroNodeApp.execute(app, "--data-dir", data.toString())).isEqualTo(2);
        assertThat(data.resolve("settings.toml")).exists().content().contains("[lightning]").contains("[nostr]");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("a template was written to");
    }

    @Test
    void badOptionsAreUsageErrors() {
        MostroNodeApp app = new MostroNodeApp(Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), new CompletableFuture<>());
        assertThat(MostroNodeApp.execute(app, "--log-level", "loud", "--config", "x.toml")).isEqualTo(2);
        MostroNodeApp app2 = new MostroNodeApp(Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), new CompletableFuture<>());
        assertThat(MostroNodeApp.execute(app2, "--bogus")).isEqualTo(2);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
