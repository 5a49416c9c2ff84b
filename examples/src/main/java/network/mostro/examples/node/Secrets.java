package network.mostro.examples.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secret overrides, looked up the way mostrod looks up its node key: the process environment first, then
 * {@code <data-dir>/.env}, and only then {@code settings.toml}. Blank values count as unset. Immutable and thread-safe.
 */
public final class Secrets {
    /** The node's nsec; the daemon's own variable name. */
    public static final String NSEC = "MOSTRO_NSEC_PRIVKEY";
    /** LND's macaroon: a file path, or the macaroon as hex (as {@code LndRealNodeTest} reads it). */
    public static final String LND_MACAROON = "MOSTRO_LND_MACAROON";
    /** The PostgreSQL password (replaces one in {@code [database] url}). */
    public static final String DB_PASSWORD = "MOSTRO_DB_PASSWORD";
    /** The CoinGecko API key (replaces {@code [price.providers.coingecko] api_key}). */
    public static final String COINGECKO_API_KEY = "MOSTRO_COINGECKO_API_KEY";

    /** Every variable this application reads. */
    public static final List<String> NAMES = List.of(NSEC, LND_MACAROON, DB_PASSWORD, COINGECKO_API_KEY);

    private final Map<String, String> env;
    private final Map<String, String> dotEnv;
    private final Path dotEnvFile;

    private Secrets(Map<String, String> env, Map<String, String> dotEnv, Path dotEnvFile) {
        this.env = Map.copyOf(env);
        this.dotEnv = Map.copyOf(dotEnv);
        this.dotEnvFile = dotEnvFile;
    }

    /**
     * Reads {@code <dataDir>/.env} if it exists ({@code KEY=VALUE} lines, {@code #} comments, optional
     * {@code export} and quotes).
     *
     * @param env the process environment (tests pass their own)
     * @param dataDir the data directory
     */
    public static Secrets load(Map<String, String> env, Path dataDir) {
        Path f = dataDir.resolve(".env");
        Map<String, String> dot = new HashMap<>();
        if (Files.isRegularFile(f)) {
            try {
                for (String raw : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String line = raw.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    if (line.startsWith("export ")) {
                        line = line.substring(7).strip();
                    }
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String k = line.substring(0, eq).strip();
                    String v = line.substring(eq + 1).strip();
                    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"")
                            || v.startsWith("'") && v.endsWith("'"))) {
                        v = v.substring(1, v.length() - 1);
                    }
                    dot.put(k, v);
                }
            } catch (IOException e) {
                // unreadable .env: treated as absent; the setting in settings.toml (or its absence) then decides
            }
        }
        return new Secrets(env, dot, f);
    }

    /**
     * A secret by name.
     *
     * @return the value and where it came from, or empty if unset or blank everywhere
     */
    public Optional<Found> get(String name) {
        String v = env.get(name);
        if (v != null && !v.isBlank()) {
            return Optional.of(new Found(v.strip(), name));
        }
        v = dotEnv.get(name);
        if (v != null && !v.isBlank()) {
            return Optional.of(new Found(v.strip(), name + " in " + dotEnvFile));
        }
        return Optional.empty();
    }

    /**
     * A secret's value and origin.
     *
     * @param value the value, stripped
     * @param source the variable name, and the {@code .env} file if it came from there
     */
    public record Found(String value, String source) {
        @Override
        public String toString() {
            return "Found[" + source + "]";
        }
    }
}
