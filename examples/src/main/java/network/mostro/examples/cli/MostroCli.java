package network.mostro.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import network.mostro.client.CantDoException;
import network.mostro.client.ClientStateException;
import network.mostro.client.NoAnswerException;
import network.mostro.client.UnsupportedNodeException;
import network.mostro.nostr.NostrException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code mostro}, the command-line Mostro client: global options (the same environment variables as mostro-cli) and
 * one subcommand per action. Each invocation loads its trades from the data dir, syncs with the relays, acts, prints
 * and exits with {@link #EXIT_OK}, {@link #EXIT_USAGE}, {@link #EXIT_FAILURE}, {@link #EXIT_CANT_DO} or
 * {@link #EXIT_NO_ANSWER}.
 *
 * <p>Run it with {@code mvn -q -pl examples exec:java -Dexec.mainClass=network.mostro.examples.cli.MostroCli
 * -Dexec.args="listorders"}; tests call {@link #commandLine(Function)} and {@link CommandLine#execute}.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "mostro", mixinStandardHelpOptions = true, version = "mostro (Mostro Java SDK) 0.1.0",
        description = "Trade on Mostro, the peer-to-peer Bitcoin exchange over Nostr.",
        footer = {"", "Environment: MOSTRO_PUBKEY, RELAYS, POW, SECRET, ADMIN_NSEC (admin commands), "
                + "MOSTRO_MNEMONIC, MOSTRO_CLI_DATA_DIR.",
                "Exit codes: 0 ok, 1 usage or configuration error, 2 other failure, 3 Mostro refused (cant-do), "
                        + "4 no answer."},
        subcommands = {TradeCommands.ListOrders.class, TradeCommands.NewOrderCmd.class, TradeCommands.TakeSell.class,
                TradeCommands.TakeBuy.class, TradeCommands.AddInvoice.class, TradeCommands.FiatSent.class,
                TradeCommands.Release.class, TradeCommands.Cancel.class, TradeCommands.Rate.class,
                TradeCommands.Dispute.class, TradeCommands.Restore.class, TradeCommands.GetDm.class,
                TradeCommands.SendDm.class, TradeCommands.Chat.class, TradeCommands.OrdersInfo.class,
                AdminCommands.AdmSettle.class, AdminCommands.AdmCancel.class, AdminCommands.AdmTakeDispute.class,
                AdminCommands.AdmAddSolver.class})
public final class MostroCli implements Runnable {
    /** Success. */
    public static final int EXIT_OK = 0;
    /** Usage or configuration error (bad flag, missing MOSTRO_PUBKEY/RELAYS, unknown order, invalid order). */
    public static final int EXIT_USAGE = 1;
    /** Any other failure (relay or I/O trouble, unexpected error). */
    public static final int EXIT_FAILURE = 2;
    /** Mostro refused the request ({@code cant-do}); the reason is printed. */
    public static final int EXIT_CANT_DO = 3;
    /** Mostro (or the node's info event) did not answer in time; the likely causes are printed. */
    public static final int EXIT_NO_ANSWER = 4;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = {"-m", "--mostropubkey"}, paramLabel = "<npub|hex>",
            description = "Mostro node public key (env MOSTRO_PUBKEY).")
    String mostroPubkey;

    @Option(names = {"-r", "--relays"}, paramLabel = "<url,url>",
            description = "Comma-separated relay URLs (env RELAYS).")
    String relays;

    @Option(names = {"-p", "--pow"}, paramLabel = "<bits>",
            description = "Minimum proof of work for admin requests; trades mine what the node advertises (env POW).")
    Integer pow;

    @Option(names = {"-s", "--secret"}, description = "Full-privacy mode: no identity key, no reputation (env SECRET).")
    boolean secret;

    @Option(names = "--data-dir", paramLabel = "<dir>",
            description = "Session, mnemonic and message log (env MOSTRO_CLI_DATA_DIR; default ~/.mostro-java-cli).")
    Path dataDir;

    @Option(names = "--admin-key-file", paramLabel = "<file>",
            description = "File holding the node or solver key for adm* commands (instead of env ADMIN_NSEC).")
    Path adminKeyFile;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "<s>", defaultValue = "10",
            description = "Seconds to wait for Mostro's answer to a request (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--wait", paramLabel = "<s>", defaultValue = "15",
            description = "Seconds to wait for a follow-up message, e.g. the hold invoice after a take "
                    + "(default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Log the SDK's info messages to stderr.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final Function<String, String> env;

    /** A CLI reading configuration from {@code env} (tests pass a map's {@code get}). */
    public MostroCli(Function<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The command line with the CLI's converters, exit codes and error handling; reads {@code env}. */
    public static CommandLine commandLine(Function<String, String> env) {
        CommandLine cl = new CommandLine(new MostroCli(env));
        cl.registerConverter(UUID.class, v -> {
            try {
                return UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("not a UUID");
            }
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.usage(c.getErr());
            }
            c.getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler(MostroCli::handle);
        return cl;
    }

    /** Runs one command and exits with its code. */
    public static void main(String[] args) {
        boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(commandLine(System::getenv).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The resolved configuration (flags, then environment). */
    CliConfig config() {
        return CliConfig.resolve(this, env);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints a result: {@code result} as JSON with {@code --json}, else {@code lines}. */
    void print(Map<String, Object> result, List<String> lines) {
        PrintWriter out = out();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", true);
            m.putAll(result);
            out.println(toJson(m));
        } else {
            for (String l : lines) {
                out.println(l);
            }
        }
        out.flush();
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise output", e);
        }
    }

    /** Maps failures to exit codes and prints them (never a stack trace, never a secret). */
    static int handle(Exception ex, CommandLine cmd, ParseResult parsed) {
        Throwable t = ex;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        MostroCli root = cmd.getCommandSpec().root().userObject() instanceof MostroCli r ? r : null;
        boolean json = root != null && root.json;
        PrintWriter err = cmd.getErr();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("ok", false);
        int code;
        if (t instanceof CliException || t instanceof ClientStateException) {
            code = EXIT_USAGE;
            j.put("error", "usage");
            j.put("message", t.getMessage());
            err.println("error: " + t.getMessage());
        } else if (t instanceof CantDoException c) {
            code = EXIT_CANT_DO;
            j.put("error", "cant-do");
            j.put("request", c.request() == null ? null : c.request().wireName());
            j.put("reason", c.wireReason());
            err.println("Mostro refused " + (c.request() == null ? "the request" : c.request().wireName()) + ": "
                    + (c.wireReason() == null ? "no reason given" : c.wireReason()));
        } else if (t instanceof NoAnswerException n) {
            code = EXIT_NO_ANSWER;
            j.put("error", "no-answer");
            j.put("request", n.request() == null ? null : n.request().wireName());
            j.put("likely_causes", n.likelyCauses());
            err.println("no answer from Mostro to " + (n.request() == null ? "the request" : n.request().wireName())
                    + " within " + n.timeout().toSeconds() + " s. Likely causes:");
            n.likelyCauses().forEach(c -> err.println("  - " + c));
        } else if (t instanceof AdminSession.NoReplyException n) {
            code = EXIT_NO_ANSWER;
            j.put("error", "no-answer");
            j.put("request", n.request);
            j.put("likely_causes", n.causes);
            err.println("no answer from Mostro to " + n.request + ". Likely causes:");
            n.causes.forEach(c -> err.println("  - " + c));
        } else if (t instanceof UnsupportedNodeException u) {
            if (u.reason() == UnsupportedNodeException.Reason.NO_INFO_EVENT) {
                code = EXIT_NO_ANSWER;
                List<String> causes = List.of("MOSTRO_PUBKEY / -m is not the key of a running Mostro node",
                        "the relays in RELAYS / -r do not carry that node's events",
                        "the relays are unreachable (check the URLs and your network)");
                j.put("error", "no-answer");
                j.put("likely_causes", causes);
                err.println("no info event (kind 38385) from node " + u.node() + ". Likely causes:");
                causes.forEach(c -> err.println("  - " + c));
            } else {
                code = EXIT_USAGE;
                j.put("error", "unsupported-node");
                j.put("message", u.getMessage());
                err.println("error: " + u.getMessage());
            }
        } else if (t instanceof NostrException n) {
            code = EXIT_FAILURE;
            j.put("error", n.kind().name().toLowerCase(java.util.Locale.ROOT));
            j.put("message", n.getMessage());
            err.println("error: " + n.getMessage());
        } else {
            code = EXIT_FAILURE;
            j.put("error", "failure");
            j.put("message", String.valueOf(t.getMessage()));
            err.println("error: " + t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        j.put("exit_code", code);
        err.flush();
        if (json) {
            cmd.getOut().println(toJson(j));
            cmd.getOut().flush();
        }
        return code;
    }
}
