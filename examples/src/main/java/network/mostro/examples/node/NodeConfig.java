package network.mostro.examples.node;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.mostro.nostr.PrivateKey;
import network.mostro.server.NodeSettings;

/**
 * What a {@code settings.toml} (plus environment overrides) says, as typed values. A component is empty when its part
 * of the file had an error; {@link #errors()} then says why, one line per problem. Immutable and thread-safe.
 *
 * @param file the settings file read
 * @param dataDir the data directory relative paths are resolved against
 * @param nodeKey the node's Nostr key
 * @param nodeKeySource where the key came from ({@code MOSTRO_NSEC_PRIVKEY}, {@code .env} or {@code settings.toml})
 * @param relays the relays (only the valid ones)
 * @param settings the node settings, empty if any setting was wrong
 * @param lightning the Lightning backend to use
 * @param database the store to use
 * @param prices the price sources (empty list: no price source, market orders are refused)
 * @param warnings unknown or ignored keys, one line each, naming {@code section.key}
 * @param errors missing keys, wrong types and bad values, one line each, naming {@code section.key}
 */
public record NodeConfig(Path file, Path dataDir, Optional<PrivateKey> nodeKey, String nodeKeySource, List<URI> relays,
        Optional<NodeSettings> settings, Optional<LightningConfig> lightning, Optional<DatabaseConfig> database,
        Optional<PriceConfig> prices, List<String> warnings, List<String> errors) {

    /** Copies the lists. */
    public NodeConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataDir, "dataDir");
        relays = List.copyOf(relays);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    /** Whether the file and overrides are free of errors (warnings allowed). */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** The Lightning backend section ({@code [lightning]}). */
    public sealed interface LightningConfig permits Lnd, Embedded {}

    /**
     * LND over its REST API.
     *
     * @param restUrl {@code https://host:port} of LND's {@code restlisten}
     * @param restUrlKey the key the URL came from ({@code lnd_rest_url} or {@code lnd_grpc_host})
     * @param certFile the node's {@code tls.cert}
     * @param macaroonFile the macaroon file, if given as a file
     * @param macaroonHex the macaroon as hex, if given so (from {@code MOSTRO_LND_MACAROON})
     * @param verifyHostname whether the URL host must be a SAN of {@code tls.cert}
     */
    public record Lnd(String restUrl, String restUrlKey, Path certFile, Optional<Path> macaroonFile,
            Optional<String> macaroonHex, boolean verifyHostname) implements LightningConfig {
        @Override
        public String toString() {
            return "Lnd[" + restUrl + ", cert " + certFile + ", macaroon "
                    + macaroonFile.map(Path::toString).orElse("(hex from environment)") + "]";
        }
    }

    /** The in-process embedded Lightning network: demos and development only (nobody outside can pay it). */
    public record Embedded() implements LightningConfig {}

    /** The store section ({@code [database]}). */
    public sealed interface DatabaseConfig permits Sqlite, Postgres {}

    /**
     * A SQLite file.
     *
     * @param file the database file
     */
    public record Sqlite(Path file) implements DatabaseConfig {}

    /**
     * A PostgreSQL database.
     *
     * @param jdbcUrl {@code jdbc:postgresql://host:port/db}
     * @param user the user, or null
     * @param password the password, or null (never printed)
     */
    public record Postgres(String jdbcUrl, String user, String password) implements DatabaseConfig {
        @Override
        public String toString() {
            return "Postgres[" + jdbcUrl + ", user " + user + (password == null ? "" : ", password ***") + "]";
        }
    }

    /**
     * The price section ({@code [price]}).
     *
     * @param providers the enabled providers, in file order
     * @param maxDeviation outlier threshold as a fraction (the daemon's {@code outlier_threshold_pct} / 100)
     * @param timeout per-provider request timeout
     */
    public record PriceConfig(List<Provider> providers, BigDecimal maxDeviation, Duration timeout) {
        /** Copies the list. */
        public PriceConfig {
            providers = List.copyOf(providers);
        }
    }

    /** One price provider. */
    public sealed interface Provider permits Yadio, CoinGecko, Fixed {
        /** The provider id as written under {@code [price.providers.<id>]}. */
        String id();
    }

    /**
     * Yadio.
     *
     * @param baseUrl the API root
     */
    public record Yadio(String baseUrl) implements Provider {
        @Override
        public String id() {
            return "yadio";
        }
    }

    /**
     * CoinGecko.
     *
     * @param baseUrl the API root
     * @param apiKey the API key, or null (never printed)
     */
    public record CoinGecko(String baseUrl, String apiKey) implements Provider {
        @Override
        public String id() {
            return "coingecko";
        }

        @Override
        public String toString() {
            return "CoinGecko[" + baseUrl + (apiKey == null ? "" : ", api key ***") + "]";
        }
    }

    /**
     * Operator-pinned rates (SDK-specific; for tests, demos and regtest).
     *
     * @param rates fiat code → fiat per BTC
     */
    public record Fixed(Map<String, BigDecimal> rates) implements Provider {
        /** Copies the map. */
        public Fixed {
            rates = Map.copyOf(rates);
        }

        @Override
        public String id() {
            return "fixed";
        }
    }
}
