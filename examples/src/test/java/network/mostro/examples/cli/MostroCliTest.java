package network.mostro.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.mostro.client.NewOrder;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.transport.PrivacyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Parsing, validation, configuration from flags and the environment, and exit codes; no relay involved. */
class MostroCliTest {
    static final String NODE = PrivateKey.generate().publicKey().toNpub();

    @TempDir
    Path tmp;

    final Map<String, String> env = new HashMap<>();

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MostroCli.commandLine(env::get);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    /** The parsed root command of {@code args} (parse only; nothing runs). */
    MostroCli parse(String... args) {
        CommandLine cl = MostroCli.commandLine(env::get);
        cl.parseArgs(args);
        return cl.getCommand();
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        for (String c : List.of("listorders", "neworder", "takesell", "takebuy", "addinvoice", "fiatsent", "release",
                "cancel", "rate", "restore", "dispute", "getdm", "senddm", "chat", "ordersinfo", "admsettle",
                "admcancel", "admtakedispute", "admaddsolver")) {
            assertThat(r.out()).contains("  " + c + " ");
        }
        assertThat(r.out()).contains("MOSTRO_PUBKEY", "RELAYS", "3 Mostro", "4 no answer");
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertThat(r.code()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).contains("a command is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate", "takesell", "takesell -o not-a-uuid", "rate -o 3f0c7c57-3ad5-4b0f-9d1a-2b4c7f0e8a11",
            "neworder -k sell -c USD", "listorders --bogus", "admtakedispute"})
    void badArgumentsExitWithOne(String line) {
        env.put("MOSTRO_PUBKEY", NODE);
        env.put("RELAYS", "ws://127.0.0.1:1");
        Run r = run(line.split(" "));
        assertThat(r.code()).as(r.err()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).startsWith("error: ");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void missingNodeOrRelaysIsAConfigurationError() {
        Run r = run("--data-dir", tmp.toString(), "listorders");
        assertThat(r.code()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).contains("MOSTRO_PUBKEY");
        env.put("MOSTRO_PUBKEY", NODE);
        r = run("--data-dir", tmp.toString(), "listorders");
        assertThat(r.code()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).contains("RELAYS");
    }

    @Test
    void jsonModeReportsErrorsAsJsonToo() {
        Run r = run("--json", "--data-dir", tmp.toString(), "listorders");
        assertThat(r.code()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.out()).contains("\"ok\" : false", "\"exit_code\" : 1", "\"error\" : \"usage\"");
    }

    @Test
    void configurationComesFromTheEnvironmentLikeMostroCli() {
        String hex = PrivateKey.generate().publicKey().toHex();
        env.put("MOSTRO_PUBKEY", hex);
        env.put("RELAYS", "wss://relay.one, wss://relay.two:4443/path");
        env.put("POW", "12");
        env.put("SECRET", "true");
        env.put("MOSTRO_CLI_DATA_DIR", tmp.toString());
        CliConfig c = parse("listorders").config();
        assertThat(c.node().toHex()).isEqualTo(hex);
        assertThat(c.relays()).containsExactly(URI.create("wss://relay.one"), URI.create("wss://relay.two:4443/path"));
        assertThat(c.pow()).isEqualTo(12);
        assertThat(c.mode()).isEqualTo(PrivacyMode.FULL_PRIVACY);
        assertThat(c.dataDir()).isEqualTo(tmp);
        assertThat(c.requestTimeout().toSeconds()).isEqualTo(10);
        assertThat(c.json()).isFalse();
    }

    @Test
    void flagsOverrideTheEnvironment() {
        env.put("MOSTRO_PUBKEY", PrivateKey.generate().publicKey().toNpub());
        env.put("RELAYS", "wss://env.relay");
        env.put("POW", "30");
        Path dir = tmp.resolve("flags");
        CliConfig c = parse("-m", NODE, "-r", "ws://127.0.0.1:7000", "-p", "3", "--data-dir", dir.toString(),
                "--json", "--timeout", "4", "--wait", "0", "getdm").config();
        assertThat(c.node().toNpub()).isEqualTo(NODE);
        assertThat(c.relays()).containsExactly(URI.create("ws://127.0.0.1:7000"));
        assertThat(c.pow()).isEqualTo(3);
        assertThat(c.mode()).isEqualTo(PrivacyMode.REPUTATION);
        assertThat(c.dataDir()).isEqualTo(dir);
        assertThat(c.json()).isTrue();
        assertThat(c.requestTimeout().toSeconds()).isEqualTo(4);
        assertThat(c.followUpWait().toSeconds()).isZero();
    }

    @Test
    void defaultDataDirIsInTheHomeDirectory() {
        env.put("MOSTRO_PUBKEY", NODE);
        env.put("RELAYS", "wss://r");
        assertThat(parse("getdm").config().dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".mostro-java-cli"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MOSTRO_PUBKEY=npub1nope", "MOSTRO_PUBKEY=abcd", "RELAYS=https://relay.example",
            "RELAYS= , ", "RELAYS=wss://", "POW=many", "POW=300", "SECRET=maybe"})
    void badEnvironmentValuesAreConfigurationErrors(String setting) {
        env.put("MOSTRO_PUBKEY", NODE);
        env.put("RELAYS", "wss://relay.example");
        String[] kv = setting.split("=", 2);
        env.put(kv[0], kv[1]);
        Run r = run("--data-dir", tmp.toString(), "getdm");
        assertThat(r.code()).as(r.err()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).startsWith("error: ").contains(kv[0].equals("RELAYS") ? "relay" : kv[0]);
    }

    @Test
    void newOrderFlagsBuildTheOrder() {
        MostroCli root = parse("neworder", "-k", "sell", "-c", "usd", "-f", "100-500", "-m", "SEPA,Wise", "-p", "2",
                "-e", "2");
        TradeCommands.NewOrderCmd cmd = subcommand(root, "neworder");
        NewOrder o = cmd.build();
        assertThat(o.kind()).isEqualTo(OrderKind.SELL);
        assertThat(o.fiatCode()).isEqualTo("USD");
        assertThat(o.isRange()).isTrue();
        assertThat(o.minAmount()).isEqualTo(100);
        assertThat(o.maxAmount()).isEqualTo(500);
        assertThat(o.premium()).isEqualTo(2);
        assertThat(o.amountSats()).isZero();
        assertThat(o.paymentMethod()).isEqualTo("SEPA,Wise");
        assertThat(o.expiresAt()).isBetween(System.currentTimeMillis() / 1000 + 2 * 86_400 - 5,
                System.currentTimeMillis() / 1000 + 2 * 86_400 + 5);

        root = parse("neworder", "-k", "BUY", "-c", "EUR", "-f", "50", "-a", "80000", "-m", "Revolut", "-i",
                "me@wallet.example");
        o = ((TradeCommands.NewOrderCmd) subcommand(root, "neworder")).build();
        assertThat(o.kind()).isEqualTo(OrderKind.BUY);
        assertThat(o.fiatAmount()).isEqualTo(50);
        assertThat(o.amountSats()).isEqualTo(80_000);
        assertThat(o.buyerInvoice()).isEqualTo("me@wallet.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-k swap -c USD -f 10 -m SEPA", "-k sell -c USD -f ten -m SEPA",
            "-k sell -c USD -f 500-100 -m SEPA", "-k sell -c USD -f 10 -m SEPA -a 1000 -p 1",
            "-k sell -c USD -f 10 -m SEPA -i me@wallet.example", "-k sell -c USD -f 0 -m SEPA",
            "-k sell -c USD -f 10 -m SEPA -e 0", "-k sell -c USD -f 10 -m SEPA -a -5"})
    void invalidOrdersAreRejectedBeforeConnecting(String flags) {
        env.put("MOSTRO_PUBKEY", NODE);
        env.put("RELAYS", "ws://127.0.0.1:1"); // nothing listens: a connection attempt would not give exit code 1
        String[] args = ("--data-dir " + tmp + " neworder " + flags).split(" ");
        Run r = run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).startsWith("error: ");
        assertThat(tmp.resolve("session.json")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate -o 3f0c7c57-3ad5-4b0f-9d1a-2b4c7f0e8a11 -r 0",
            "rate -o 3f0c7c57-3ad5-4b0f-9d1a-2b4c7f0e8a11 -r 6", "listorders -s open", "listorders -k both",
            "admaddsolver -n npub1xyz", "admaddsolver -n NPUB:writer"})
    void invalidValuesAreRejectedBeforeConnecting(String line) {
        env.put("MOSTRO_PUBKEY", NODE);
        env.put("RELAYS", "ws://127.0.0.1:1");
        env.put("ADMIN_NSEC", PrivateKey.generate().toNsec());
        Run r = run(("--data-dir " + tmp + " " + line.replace("NPUB", NODE)).split(" "));
        assertThat(r.code()).as(r.err()).isEqualTo(MostroCli.EXIT_USAGE);
    }

    @Test
    void addSolverPermissionSuffixIsValidated() {
        env.put("MOSTRO_PUBKEY", NODE);
        env.put("RELAYS", "ws://127.0.0.1:1");
        env.put("ADMIN_NSEC", PrivateKey.generate().toNsec());
        Run r = run("--data-dir", tmp.toString(), "admaddsolver", "-n", NODE + ":admin");
        assertThat(r.code()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).contains("read, write or read-write");
    }

    @Test
    void adminCommandsNeedAValidKeyAndNeverEchoIt() throws Exception {
        env.put("MOSTRO_PUBKEY", NODE);
        env.put("RELAYS", "ws://127.0.0.1:1");
        Run r = run("admsettle", "-o", "3f0c7c57-3ad5-4b0f-9d1a-2b4c7f0e8a11");
        assertThat(r.code()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).contains("ADMIN_NSEC");
        String almost = "nsec1" + "q".repeat(58);
        env.put("ADMIN_NSEC", almost);
        r = run("admsettle", "-o", "3f0c7c57-3ad5-4b0f-9d1a-2b4c7f0e8a11");
        assertThat(r.code()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).contains("ADMIN_NSEC is not a valid").doesNotContain(almost);
        Path keyFile = tmp.resolve("key");
        Files.writeString(keyFile, "not a key\n");
        env.remove("ADMIN_NSEC");
        r = run("--admin-key-file", keyFile.toString(), "admcancel", "-o", "3f0c7c57-3ad5-4b0f-9d1a-2b4c7f0e8a11");
        assertThat(r.code()).isEqualTo(MostroCli.EXIT_USAGE);
        assertThat(r.err()).contains("admin key file is not a valid").doesNotContain("not a key");
    }

    @Test
    void mnemonicIsGeneratedOnceStoredPrivatelyAndChecked() throws Exception {
        env.put("MOSTRO_PUBKEY", NODE);
        env.put("RELAYS", "wss://r");
        CliConfig c = parse("--data-dir", tmp.toString(), "getdm").config();
        Mnemonic first = c.mnemonic(env::get);
        assertThat(c.mnemonic(env::get)).isEqualTo(first);
        Path file = tmp.resolve("mnemonic");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        env.put("MOSTRO_MNEMONIC", first.phrase());
        assertThat(c.mnemonic(env::get)).isEqualTo(first);
        env.put("MOSTRO_MNEMONIC", Mnemonic.generate().phrase());
        assertThatThrownBy(() -> c.mnemonic(env::get)).isInstanceOf(CliException.class)
                .hasMessageContaining("differs").hasMessageNotContaining(env.get("MOSTRO_MNEMONIC"));
        env.put("MOSTRO_MNEMONIC", "abandon abandon abandon");
        assertThatThrownBy(() -> c.mnemonic(env::get)).isInstanceOf(CliException.class)
                .hasMessageContaining("MOSTRO_MNEMONIC is not a valid").hasMessageNotContaining("abandon abandon");

        // a restore on a new device: the given mnemonic is adopted and stored
        Path fresh = tmp.resolve("new-device");
        Mnemonic given = Mnemonic.generate();
        env.put("MOSTRO_MNEMONIC", given.phrase());
        CliConfig c2 = parse("--data-dir", fresh.toString(), "getdm").config();
        assertThat(c2.mnemonic(env::get)).isEqualTo(given);
        env.remove("MOSTRO_MNEMONIC");
        assertThat(c2.mnemonic(env::get)).isEqualTo(given);
    }

    @SuppressWarnings("unchecked")
    static <T> T subcommand(MostroCli root, String name) {
        return (T) root.spec.commandLine().getSubcommands().get(name).getCommand();
    }
}
