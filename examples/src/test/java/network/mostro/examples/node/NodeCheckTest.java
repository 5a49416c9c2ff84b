package network.mostro.examples.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.PrivateKey;
import network.mostro.testkit.MockRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check} against real endpoints: a MockRelay, closed ports, SQLite files, embedded Lightning. */
class NodeCheckTest {
    private static final PrivateKey KEY = PrivateKey.fromHex("33".repeat(32));

    @TempDir
    Path dir;
    private MockRelay relay;

    @BeforeEach
    void relay() {
        relay = MockRelay.start();
    }

    @AfterEach
    void close() {
        relay.close();
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private record Result(int code, List<String> lines) {}

    private Result check(String toml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("settings.toml"), toml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MostroNodeApp app = new MostroNodeApp(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CompletableFuture<>());
        int code = MostroNodeApp.execute(app, "--check", "--config", file.toString(), "--data-dir", dir.toString(),
                "--timeout", "3");
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private String good() {
        return """
                [lightning]
                backend = "embedded"
                [nostr]
                nsec_privkey = '%s'
                relays = ['%s']
                [database]
                url = 'sqlite://node/mostro.db'
                [price.providers.fixed]
                enabled = true
                rates = { USD = 100000 }
                """.formatted(KEY.toNsec(), relay.uri());
    }

    @Test
    void allGoodExitsZeroAndSaysWhatItChecked() throws IOException {
        Result r = check(good(), Map.of());
        assertThat(r.lines()).noneMatch(l -> l.startsWith("PROBLEM"));
        assertThat(r.lines()).anyMatch(l -> l.startsWith("OK") && l.contains("node key: " + KEY.publicKey().toNpub()))
                .anyMatch(l -> l.startsWith("OK") && l.contains("relay " + relay.uri() + ": connected"))
                .anyMatch(l -> l.startsWith("OK") && l.contains("lightning: embedded Lightning") && l.contains("REGTEST"))
                .anyMatch(l -> l.startsWith("OK") && l.contains("database: JdbcOrderStore[sqlite:") && l.contains("schema version"))
                .anyMatch(l -> l.startsWith("OK") && l.contains("price.fixed: 1 currencies, 1 BTC = 100000 USD"))
                .anyMatch(l -> l.startsWith("WARNING") && l.contains("lightning.backend"))
                .contains("All checks passed.");
        assertThat(r.code()).isZero();
        assertThat(dir.resolve("node/mostro.db")).exists(); // opened and migrated
    }

    @Test
    void everyProblemIsListedAndTheExitCodeIsTwo() throws IOException {
        int deadRelay = closedPort();
        int deadPrice = closedPort();
        Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        String toml = good()
                .replace("relays = ['" + relay.uri() + "']",
                        "relays = ['" + relay.uri() + "', 'ws://127.0.0.1:" + deadRelay + "']")
                .replace("sqlite://node/mostro.db", "sqlite://blocker/mostro.db")
                .replace("[price.providers.fixed]", "[mostro]\nfee = 2\nfeee = 1\n"
                        + "[price.providers.yadio]\nenabled = true\nurl = 'http://127.0.0.1:" + deadPrice + "'\n"
                        + "[price.providers.fixed]");
        Result r = check(toml, Map.of());
        List<String> problems = r.lines().stream().filter(l -> l.startsWith("PROBLEM")).toList();
        assertThat(problems).hasSize(4)
                .anyMatch(l -> l.contains("mostro.fee: must be within [0, 1)"))
                .anyMatch(l -> l.contains("relay ws://127.0.0.1:" + deadRelay + ": unreachable"))
                .anyMatch(l -> l.contains("database: Sqlite[") && l.contains("blocker"))
                .anyMatch(l -> l.contains("price.yadio:"));
        assertThat(r.lines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("mostro.feee: unknown key"))
                .anyMatch(l -> l.startsWith("OK") && l.contains("relay " + relay.uri() + ": connected"))
                .anyMatch(l -> l.startsWith("OK") && l.contains("price.fixed"))
                .anyMatch(l -> l.startsWith("OK") && l.contains("lightning: embedded"))
                .contains("4 problem(s) found.");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void unreachableLndAndPostgresAreReported() throws Exception {
        Path cert = selfSignedCert();
        int lndPort = closedPort();
        int pgPort = closedPort();
        String toml = good()
                .replace("backend = \"embedded\"", "lnd_rest_url = 'https://127.0.0.1:" + lndPort + "'\n"
                        + "lnd_cert_file = '" + cert + "'")
                .replace("sqlite://node/mostro.db", "postgres://mostro:secret@127.0.0.1:" + pgPort + "/mostro");
        Result r = check(toml, Map.of(Secrets.LND_MACAROON, "0201036c6e6402", Secrets.DB_PASSWORD, "pw"));
        List<String> problems = r.lines().stream().filter(l -> l.startsWith("PROBLEM")).toList();
        assertThat(problems).hasSize(2)
                .anyMatch(l -> l.contains("lightning: LND at https://127.0.0.1:" + lndPort + ": getInfo failed:")
                        && l.contains("unreachable"))
                .anyMatch(l -> l.contains("database: Postgres[jdbc:postgresql://127.0.0.1:" + pgPort + "/mostro")
                        && !l.contains("secret") && !l.contains("pw,"));
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void configErrorsAloneFailTheCheck() throws IOException {
        Result r = check("[nostr]\nrelays = []\n[lightning]\nbackend = 'embedded'\n", Map.of());
        assertThat(r.lines()).anyMatch(l -> l.startsWith("PROBLEM") && l.contains("nostr.nsec_privkey: missing"))
                .anyMatch(l -> l.startsWith("PROBLEM") && l.contains("nostr.relays: empty"));
        assertThat(r.code()).isEqualTo(2);
    }

    /** An EC certificate for 127.0.0.1 made with the JDK's keytool, as LND's tls.cert would be. */
    private Path selfSignedCert() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path ks = dir.resolve("lnd.p12");
        Path pem = dir.resolve("tls.cert");
        run(keytool, "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "lnd", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=lnd",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2");
        run(keytool, "-exportcert", "-rfc", "-keystore", ks.toString(), "-storepass", "changeit", "-alias", "lnd",
                "-file", pem.toString());
        return pem;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
