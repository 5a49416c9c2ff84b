package network.mostro.examples.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.mostro.examples.node.NodeConfig.CoinGecko;
import network.mostro.examples.node.NodeConfig.Embedded;
import network.mostro.examples.node.NodeConfig.Fixed;
import network.mostro.examples.node.NodeConfig.Lnd;
import network.mostro.examples.node.NodeConfig.Postgres;
import network.mostro.examples.node.NodeConfig.Sqlite;
import network.mostro.examples.node.NodeConfig.Yadio;
import network.mostro.nostr.PrivateKey;
import network.mostro.server.NodeSettings;
import network.mostro.server.TransportVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {
    private static final PrivateKey KEY = PrivateKey.fromHex("11".repeat(32));
    private static final PrivateKey OTHER = PrivateKey.fromHex("22".repeat(32));

    @TempDir
    Path dir;
    private Path cert;
    private Path macaroon;

    @BeforeEach
    void files() throws IOException {
        cert = Files.writeString(dir.resolve("tls.cert"), "-----BEGIN CERTIFICATE-----\n");
        macaroon = Files.write(dir.resolve("admin.macaroon"), new byte[] {2, 1, 3});
    }

    private NodeConfig parse(String toml) {
        return parse(toml, Map.of());
    }

    private NodeConfig parse(String toml, Map<String, String> env) {
        return SettingsLoader.parse(toml, dir.resolve("settings.toml"), dir, env);
    }

    /** A minimal valid file around one extra fragment per section. */
    private String minimal(String lightning, String mostro, String rest) {
        return "[lightning]\nbackend = \"embedded\"\n" + lightning + "\n"
                + "[nostr]\nnsec_privkey = '" + KEY.toNsec() + "'\nrelays = ['ws://127.0.0.1:7000']\n"
                + "[mostro]\n" + mostro + "\n" + rest
                + "[price.providers.fixed]\nenabled = true\nrates = { USD = 100000 }\n";
    }

    @Test
    void fullDaemonStyleFileParsesIntoEverySetting() {
        String toml = """
                [lightning]
                lnd_cert_file = '%s'
                lnd_macaroon_file = '%s'
                lnd_grpc_host = 'https://127.0.0.1:8080'
                invoice_expiration_window = 1800
                hold_invoice_cltv_delta = 200
                hold_invoice_expiration_window = 120
                payment_attempts = 5
                payment_retries_interval = 30
                max_final_cltv_expiry_delta = 300
                escrow_deadline_margin_blocks = 30
                lndk_enabled = false
                lndk_grpc_host = "https://127.0.0.1:7000"
                bip353_enabled = false

                [nostr]
                nsec_privkey = '%s'
                relays = ['wss://relay.mostro.network', 'ws://localhost:7000']

                [mostro]
                name = "Test Mostro"
                about = "about"
                picture = "https://example.com/p.png"
                website = "https://example.com"
                fee = 0.006
                max_routing_fee = 0.001
                max_order_amount = 2000000
                min_payment_amount = 200
                expiration_hours = 12
                max_expiration_days = 10
                expiration_seconds = 600
                user_rates_sent_interval_seconds = 1800
                publish_relays_interval = 120
                pow = 4
                pow_first_contact = 12
                active_pubkeys_refresh_interval = 90
                publish_mostro_info_interval = 600
                transport = "gift-wrap"
                bitcoin_price_api_url = "https://api.yadio.io"
                fiat_currencies_accepted = ['usd', 'VES']
                max_orders_per_response = 20
                dev_fee_percentage = 0.5

                [database]
                url = "sqlite://data/mostro.db"

                [expiration]
                order_days = 31
                rating_days = 91
                dispute_days = 92
                fee_audit_days = 366
                dm_days = 7

                [rpc]
                enabled = false
                listen_address = "127.0.0.1"
                port = 50051

                [price]
                update_interval_seconds = 120
                max_price_staleness_seconds = 900
                outlier_threshold_pct = 2.5
                provider_timeout_seconds = 4
                publish_to_nostr = true

                [price.providers.yadio]
                enabled = true
                url = "https://api.yadio.io"

                [price.providers.coingecko]
                enabled = true
                url = "https://api.coingecko.com/api/v3"
                api_key = "demo-key"

                [price.providers.eltoque]
                enabled = true
                url = "https://tasas.eltoque.com"
                token = "t"
                """.formatted(cert, macaroon, KEY.toNsec());
        NodeConfig c = parse(toml);

        assertThat(c.errors()).isEmpty();
        assertThat(c.nodeKey()).contains(KEY);
        assertThat(c.nodeKeySource()).isEqualTo("nostr.nsec_privkey");
        assertThat(c.relays()).containsExactly(URI.create("wss://relay.mostro.network"),
                URI.create("ws://localhost:7000"));
        NodeSettings s = c.settings().orElseThrow();
        assertThat(s.name()).isEqualTo("Test Mostro");
        assertThat(s.about()).isEqualTo("about");
        assertThat(s.picture()).isEqualTo("https://example.com/p.png");
        assertThat(s.website()).isEqualTo("https://example.com");
        assertThat(s.fee()).isEqualByComparingTo("0.006");
        assertThat(s.fee().scale()).isEqualTo(3); // read exactly, never through a double
        assertThat(s.maxRoutingFee()).isEqualByComparingTo("0.001");
        assertThat(s.maxOrderAmount()).isEqualTo(2_000_000L);
        assertThat(s.minPaymentAmount()).isEqualTo(200L);
        assertThat(s.expirationHours()).isEqualTo(12L);
        assertThat(s.maxExpirationDays()).isEqualTo(10L);
        assertThat(s.expirationSeconds()).isEqualTo(600L);
        assertThat(s.userRatesSentIntervalSeconds()).isEqualTo(1800L);
        assertThat(s.publishRelaysInterval()).isEqualTo(120L);
        assertThat(s.pow()).isEqualTo(4);
        assertThat(s.powFirstContact()).isEqualTo(12);
        assertThat(s.activePubkeysRefreshInterval()).isEqualTo(90L);
        assertThat(s.publishMostroInfoInterval()).isEqualTo(600L);
        assertThat(s.transport()).isEqualTo(TransportVersion.V1);
        assertThat(s.fiatCurrenciesAccepted()).containsExactly("USD", "VES");
        assertThat(s.maxOrdersPerResponse()).isEqualTo(20L);
        assertThat(s.devFeePercentage()).isEqualByComparingTo("0.5");
        assertThat(s.invoiceExpirationWindow()).isEqualTo(1800L);
        assertThat(s.holdInvoiceCltvDelta()).isEqualTo(200);
        assertThat(s.holdInvoiceExpirationWindow()).isEqualTo(120L);
        assertThat(s.paymentAttempts()).isEqualTo(5);
        assertThat(s.paymentRetriesInterval()).isEqualTo(30L);
        assertThat(s.maxFinalCltvExpiryDelta()).isEqualTo(300L);
        assertThat(s.escrowDeadlineMarginBlocks()).isEqualTo(30L);
        assertThat(List.of(s.orderDays(), s.ratingDays(), s.disputeDays(), s.feeAuditDays(), s.dmDays()))
                .containsExactly(31L, 91L, 92L, 366L, 7L);
        assertThat(s.priceUpdateIntervalSeconds()).isEqualTo(120L);
        assertThat(s.maxPriceStalenessSeconds()).isEqualTo(900L);

        assertThat(c.lightning()).contains(new Lnd("https://127.0.0.1:8080", "lnd_grpc_host", cert,
                java.util.Optional.of(macaroon), java.util.Optional.empty(), true));
        assertThat(c.database()).contains(new Sqlite(dir.resolve("data/mostro.db")));
        NodeConfig.PriceConfig p = c.prices().orElseThrow();
        assertThat(p.providers()).containsExactly(new Yadio("https://api.yadio.io"),
                new CoinGecko("https://api.coingecko.com/api/v3", "demo-key"));
        assertThat(p.maxDeviation()).isEqualByComparingTo("0.025");
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(4));

        assertThat(c.warnings()).anyMatch(w -> w.startsWith("lightning.lndk_enabled: a daemon setting"))
                .anyMatch(w -> w.startsWith("lightning.lndk_grpc_host: a daemon setting"))
                .anyMatch(w -> w.startsWith("lightning.bip353_enabled: a daemon setting"))
                .anyMatch(w -> w.startsWith("[rpc]:"))
                .anyMatch(w -> w.startsWith("price.publish_to_nostr: a daemon setting"))
                .anyMatch(w -> w.startsWith("price.providers.eltoque.token: a daemon setting"))
                .anyMatch(w -> w.startsWith("price.providers.eltoque: a provider this SDK does not implement"))
                .anyMatch(w -> w.startsWith("mostro.bitcoin_price_api_url: ignored because [price.providers]"))
                .noneMatch(w -> w.contains("unknown key"));
    }

    @Test
    void shippedTemplateIsWellFormedAndOnlyLacksRealSecretsAndFiles() throws IOException {
        String tpl;
        try (InputStream in = MostroNodeApp.class.getResourceAsStream(MostroNodeApp.TEMPLATE)) {
            tpl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        NodeConfig c = parse(tpl.replace("'~/.lnd/tls.cert'", "'" + cert + "'")
                .replace("'~/.lnd/data/chain/bitcoin/regtest/admin.macaroon'", "'" + macaroon + "'"));
        assertThat(c.errors()).singleElement().asString().startsWith("nostr.nsec_privkey: not a valid nsec");
        assertThat(c.warnings()).isEmpty();
        assertThat(c.settings()).contains(NodeSettings.defaults());

        NodeConfig withKey = parse(tpl.replace("'~/.lnd/tls.cert'", "'" + cert + "'")
                .replace("'~/.lnd/data/chain/bitcoin/regtest/admin.macaroon'", "'" + macaroon + "'"),
                Map.of(Secrets.NSEC, KEY.toNsec()));
        assertThat(withKey.errors()).isEmpty();
        assertThat(withKey.prices().orElseThrow().providers()).containsExactly(new Yadio("https://api.yadio.io"));
        assertThat(withKey.database()).contains(new Sqlite(dir.resolve("mostro.db")));
    }

    @Test
    void emptyFileListsEveryMissingRequiredKey() {
        NodeConfig c = parse("");
        assertThat(c.errors()).hasSize(5)
                .anyMatch(e -> e.startsWith("nostr.nsec_privkey: missing") && e.contains("MOSTRO_NSEC_PRIVKEY"))
                .anyMatch(e -> e.startsWith("nostr.relays: missing"))
                .anyMatch(e -> e.startsWith("lightning.lnd_rest_url: missing"))
                .anyMatch(e -> e.startsWith("lightning.lnd_cert_file: missing"))
                .anyMatch(e -> e.startsWith("lightning.lnd_macaroon_file: missing"));
        // what does not depend on a required key still gets its defaults
        assertThat(c.settings()).contains(NodeSettings.defaults());
        assertThat(c.database()).contains(new Sqlite(dir.resolve("mostro.db")));
        assertThat(c.prices().orElseThrow().providers()).containsExactly(new Yadio("https://api.yadio.io"));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "mostro|fee|'0.5'|mostro.fee: expected a number, got a string",
        "mostro|max_order_amount|1.5|mostro.max_order_amount: expected an integer, got a float",
        "mostro|pow|true|mostro.pow: expected an integer, got a boolean",
        "mostro|pow|4294967296|mostro.pow: 4294967296 is out of range",
        "mostro|name|42|mostro.name: expected a string, got an integer",
        "mostro|fiat_currencies_accepted|'USD'|mostro.fiat_currencies_accepted: expected an array of strings",
        "mostro|fiat_currencies_accepted|['USD', 1]|mostro.fiat_currencies_accepted[1]: expected a string",
        "mostro|transport|2|mostro.transport: expected a string, got an integer",
        "lightning|payment_attempts|'3'|lightning.payment_attempts: expected an integer, got a string",
        "lightning|invoice_expiration_window|-5.5|lightning.invoice_expiration_window: expected an integer, got a float",
        "expiration|order_days|[30]|expiration.order_days: expected an integer, got an array",
        "price|update_interval_seconds|300.0|price.update_interval_seconds: expected an integer, got a float",
        "price|outlier_threshold_pct|'5'|price.outlier_threshold_pct: expected a number, got a string",
        "database|url|1|database.url: expected a string, got an integer",
    })
    void wrongTypesNameSectionAndKey(String section, String key, String value, String expected) {
        String toml = minimal("", "", "[expiration]\n[database]\n[price]\n")
                .replace("[" + section + "]\n", "[" + section + "]\n" + key + " = " + value + "\n");
        NodeConfig c = parse(toml);
        assertThat(c.errors()).singleElement().asString().startsWith(expected);
        assertThat(c.valid()).isFalse();
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "mostro|fee|1.5|mostro.fee: must be within [0, 1)",
        "mostro|max_routing_fee|-0.1|mostro.max_routing_fee: must be within [0, 1)",
        "mostro|dev_fee_percentage|0.05|mostro.dev_fee_percentage: must be within [0.10, 1.0]",
        "mostro|min_payment_amount|-1|mostro.min_payment_amount: must not be negative",
        "mostro|max_order_amount|0|mostro.max_order_amount: must be positive",
        "mostro|expiration_seconds|0|mostro.expiration_seconds:",
        "mostro|pow|300|mostro.pow: must be within [0, 256]",
        "mostro|pow_first_contact|-1|mostro.pow_first_contact: must be within [0, 256]",
        "mostro|transport|'carrier-pigeon'|mostro.transport: \"carrier-pigeon\" is not a transport",
        "mostro|fiat_currencies_accepted|['US$']|mostro.fiat_currencies_accepted[0]: \"US$\" is not a currency",
        "lightning|payment_attempts|0|lightning.payment_attempts: must be at least 1",
        "lightning|hold_invoice_cltv_delta|0|lightning.hold_invoice_cltv_delta: must be positive",
        "lightning|escrow_deadline_margin_blocks|144|lightning.escrow_deadline_margin_blocks: must be within",
        "expiration|dm_days|0|expiration.dm_days:",
        "price|update_interval_seconds|30|price.update_interval_seconds: must be at least 60",
        "price|max_price_staleness_seconds|0|price.max_price_staleness_seconds:",
        "price|outlier_threshold_pct|0|price.outlier_threshold_pct: must be within [0.1, 100]",
        "price|provider_timeout_seconds|0|price.provider_timeout_seconds: 0 is out of range",
        "database|url|'mysql://db/mostro'|database.url: unsupported database",
        "database|url|'sqlite://'|database.url: \"sqlite://\" names no database file",
        "database|url|'postgres://localhost'|database.url: a PostgreSQL URL needs a host and a database",
    })
    void badValuesNameSectionAndKey(String section, String key, String value, String expected) {
        String toml = minimal("", "", "[expiration]\n[database]\n[price]\n")
                .replace("[" + section + "]\n", "[" + section + "]\n" + key + " = " + value + "\n");
        NodeConfig c = parse(toml);
        assertThat(c.errors()).singleElement().asString().startsWith(expected);
    }

    @Test
    void unknownBackendAndBadVerifyFlagNameTheirKeys() {
        NodeConfig cln = parse(minimal("", "", "").replace("backend = \"embedded\"", "backend = 'cln'"));
        assertThat(cln.errors()).singleElement().asString().startsWith("lightning.backend: \"cln\" is not a backend");
        NodeConfig flag = parse(minimal("", "", "").replace("backend = \"embedded\"",
                "lnd_rest_url = 'https://localhost:8080'\nlnd_cert_file = '" + cert + "'\nlnd_macaroon_file = '"
                        + macaroon + "'\nlnd_verify_hostname = 'no'"));
        assertThat(flag.errors()).singleElement().asString()
                .startsWith("lightning.lnd_verify_hostname: expected true or false, got a string");
    }

    @Test
    void badNostrValuesNameTheirKeys() {
        NodeConfig c = parse("""
                [lightning]
                backend = "embedded"
                [nostr]
                nsec_privkey = 'nsec1notakey'
                relays = ['https://relay.example', 'ws://ok.example', 'ws://ok.example', 'not a url']
                """);
        assertThat(c.errors()).hasSize(3)
                .anyMatch(e -> e.startsWith("nostr.nsec_privkey: not a valid nsec") && !e.contains("nsec1notakey"))
                .anyMatch(e -> e.startsWith("nostr.relays[0]: \"https://relay.example\" is not a ws://"))
                .anyMatch(e -> e.startsWith("nostr.relays[3]:"));
        assertThat(c.warnings()).anyMatch(w -> w.startsWith("nostr.relays[2]: ws://ok.example is listed twice"));
        assertThat(c.relays()).containsExactly(URI.create("ws://ok.example"));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        NodeConfig c = parse(minimal("payment_attempts = 0\nhold_invoice_cltv_delta = 'x'",
                "fee = 2\ndev_fee_percentage = 5\npow = 999\ntransport = 'v3'",
                "[expiration]\norder_days = 0\n[price]\nupdate_interval_seconds = 1\n"));
        assertThat(c.errors()).extracting(e -> e.substring(0, e.indexOf(':'))).containsExactlyInAnyOrder(
                "lightning.payment_attempts", "lightning.hold_invoice_cltv_delta", "mostro.fee",
                "mostro.dev_fee_percentage", "mostro.pow", "mostro.transport", "expiration.order_days",
                "price.update_interval_seconds");
        assertThat(c.settings()).isEmpty();
        // the parts that are fine are still usable, so --check can test them
        assertThat(c.nodeKey()).contains(KEY);
        assertThat(c.lightning()).contains(new Embedded());
        assertThat(c.prices()).isPresent();
    }

    @Test
    void lndBackendNeedsItsFilesAndNamesEachProblem() {
        NodeConfig c = parse("""
                [lightning]
                lnd_rest_url = 'http://127.0.0.1:8080'
                lnd_cert_file = 'missing/tls.cert'
                lnd_macaroon_file = '/nonexistent/admin.macaroon'
                [nostr]
                nsec_privkey = '%s'
                relays = ['ws://127.0.0.1:7000']
                """.formatted(KEY.toNsec()));
        assertThat(c.errors()).hasSize(3)
                .anyMatch(e -> e.startsWith("lightning.lnd_rest_url: \"http://127.0.0.1:8080\" must be an https://"))
                .anyMatch(e -> e.startsWith("lightning.lnd_cert_file: cannot read " + dir.resolve("missing/tls.cert"))
                        && e.endsWith("(no such file)"))
                .anyMatch(e -> e.startsWith("lightning.lnd_macaroon_file: cannot read /nonexistent/admin.macaroon"));
        assertThat(c.lightning()).isEmpty();
    }

    @Test
    void grpcPortGetsARestHint() {
        NodeConfig c = parse(minimal("", "", "").replace("backend = \"embedded\"",
                "lnd_grpc_host = 'https://127.0.0.1:10009'\nlnd_cert_file = '" + cert + "'\nlnd_macaroon_file = '"
                        + macaroon + "'"));
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).anyMatch(w -> w.startsWith("lightning.lnd_grpc_host: port 10009 is LND's gRPC port")
                && w.contains("lnd_rest_url"));
    }

    @Test
    void unknownKeysAndSectionsAreWarnedByName() {
        NodeConfig c = parse(minimal("hold_invoice_cltv_detla = 100", "feee = 0.01\nfiat_currencies = ['USD']",
                "[mostroo]\nfee = 1\n[database]\nurl = 'sqlite://x.db'\npasword = 'x'\n")
                .replace("[lightning]", "debug = true\n[lightning]")
                .replace("rates = {", "rate = 1\nextra = { a = 1 }\nrates = {"));
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).contains(
                "lightning.hold_invoice_cltv_detla: unknown key, ignored (check the spelling)",
                "mostro.feee: unknown key, ignored (check the spelling)",
                "mostro.fiat_currencies: unknown key, ignored (check the spelling)",
                "database.pasword: unknown key, ignored (check the spelling)",
                "[mostroo]: unknown section, ignored (check the spelling)",
                "debug: unknown top-level key, ignored (keys belong in a [section])",
                "price.providers.fixed.rate: unknown key, ignored (check the spelling)",
                "price.providers.fixed.extra: unknown key, ignored (check the spelling)");
        // an ignored typo keeps the default
        assertThat(c.settings().orElseThrow().fee()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void unsupportedDaemonFeaturesEnabledAreErrors() {
        NodeConfig c = parse(minimal("", "", "[anti_abuse_bond]\nenabled = true\n[cashu]\nenabled = true\n"));
        assertThat(c.errors()).hasSize(2)
                .anyMatch(e -> e.startsWith("anti_abuse_bond.enabled: anti-abuse bonds are not supported"))
                .anyMatch(e -> e.startsWith("cashu.enabled: Cashu escrow is not supported"));
        NodeConfig off = parse(minimal("", "", "[anti_abuse_bond]\nenabled = false\namount_pct = 0.01\n"));
        assertThat(off.errors()).isEmpty();
        assertThat(off.warnings()).anyMatch(w -> w.startsWith("[anti_abuse_bond]: a daemon section"));
    }

    @Test
    void tomlSyntaxErrorIsOneClearError() {
        NodeConfig c = parse("[mostro]\nfee = = 1\n");
        assertThat(c.errors()).singleElement().asString().contains("not valid TOML").contains("line 2");
    }

    @Test
    void unreadableFileIsOneError() {
        NodeConfig c = SettingsLoader.load(dir.resolve("nope.toml"), dir, Map.of());
        assertThat(c.errors()).singleElement().asString().contains("nope.toml").contains("cannot read");
    }

    @Test
    void nsecFromEnvironmentOverridesTheFileLikeTheDaemon() {
        String toml = minimal("", "", "");
        NodeConfig fromFile = parse(toml);
        assertThat(fromFile.nodeKey()).contains(KEY);

        NodeConfig fromEnv = parse(toml, Map.of(Secrets.NSEC, "  " + OTHER.toNsec() + "\n"));
        assertThat(fromEnv.nodeKey()).contains(OTHER);
        assertThat(fromEnv.nodeKeySource()).isEqualTo(Secrets.NSEC);

        // a placeholder in the file does not matter when the variable is set
        NodeConfig placeholder = parse(toml.replace(KEY.toNsec(), "nsec1..."), Map.of(Secrets.NSEC, OTHER.toNsec()));
        assertThat(placeholder.errors()).isEmpty();
        // blank counts as unset
        assertThat(parse(toml, Map.of(Secrets.NSEC, "   ")).nodeKey()).contains(KEY);
        // a bad variable names the variable, never the value
        NodeConfig bad = parse(toml, Map.of(Secrets.NSEC, "nsec1secretgarbage"));
        assertThat(bad.errors()).singleElement().asString().startsWith("MOSTRO_NSEC_PRIVKEY: not a valid nsec")
                .doesNotContain("secretgarbage");
    }

    @Test
    void dotEnvInTheDataDirectoryIsReadAfterTheEnvironment() throws IOException {
        String toml = minimal("", "", "").replace("nsec_privkey = '" + KEY.toNsec() + "'\n", "");
        Files.writeString(dir.resolve(".env"), "# secrets\nexport MOSTRO_NSEC_PRIVKEY=\"" + OTHER.toNsec() + "\"\n");
        NodeConfig c = parse(toml);
        assertThat(c.nodeKey()).contains(OTHER);
        assertThat(c.nodeKeySource()).isEqualTo("MOSTRO_NSEC_PRIVKEY in " + dir.resolve(".env"));
        assertThat(parse(toml, Map.of(Secrets.NSEC, KEY.toNsec())).nodeKey()).contains(KEY);
    }

    @Test
    void macaroonOverrideAcceptsHexOrAPath() {
        String lnd = minimal("", "", "").replace("backend = \"embedded\"",
                "lnd_rest_url = 'https://localhost:8080'\nlnd_cert_file = '" + cert + "'\nlnd_verify_hostname = false");
        NodeConfig missing = parse(lnd);
        assertThat(missing.errors()).singleElement().asString().startsWith("lightning.lnd_macaroon_file: missing")
                .contains("MOSTRO_LND_MACAROON");
        NodeConfig hex = parse(lnd, Map.of(Secrets.LND_MACAROON, "0201036c6e64"));
        assertThat(hex.errors()).isEmpty();
        assertThat(hex.lightning().orElseThrow()).isEqualTo(new Lnd("https://localhost:8080", "lnd_rest_url", cert,
                java.util.Optional.empty(), java.util.Optional.of("0201036c6e64"), false));
        assertThat(hex.lightning().orElseThrow().toString()).doesNotContain("0201036c6e64");
        NodeConfig file = parse(lnd + "", Map.of(Secrets.LND_MACAROON, macaroon.toString()));
        assertThat(((Lnd) file.lightning().orElseThrow()).macaroonFile()).contains(macaroon);
        NodeConfig badFile = parse(lnd, Map.of(Secrets.LND_MACAROON, "/no/such/admin.macaroon"));
        assertThat(badFile.errors()).singleElement().asString().startsWith("MOSTRO_LND_MACAROON: cannot read");
    }

    @Test
    void postgresUrlsBecomeJdbcWithThePasswordOverride() {
        String base = minimal("", "", "[database]\nurl = 'postgresql://mostro:p%40ss@db.example:5433/mostro?sslmode=require'\n");
        NodeConfig c = parse(base);
        assertThat(c.database()).contains(new Postgres("jdbc:postgresql://db.example:5433/mostro?sslmode=require",
                "mostro", "p@ss"));
        assertThat(c.database().orElseThrow().toString()).doesNotContain("p@ss");
        NodeConfig env = parse(base, Map.of(Secrets.DB_PASSWORD, "from-env"));
        assertThat(((Postgres) env.database().orElseThrow()).password()).isEqualTo("from-env");
        NodeConfig defaultPort = parse(minimal("", "", "[database]\nurl = 'postgres://u@localhost/m'\n"));
        assertThat(defaultPort.database()).contains(new Postgres("jdbc:postgresql://localhost:5432/m", "u", null));
        NodeConfig sqliteWithPassword = parse(minimal("", "", ""), Map.of(Secrets.DB_PASSWORD, "x"));
        assertThat(sqliteWithPassword.warnings()).anyMatch(w -> w.startsWith("MOSTRO_DB_PASSWORD: ignored"));
    }

    @Test
    void sqlitePathsResolveAgainstTheDataDirectory() {
        assertThat(parse(minimal("", "", "[database]\nurl = 'sqlite:///var/lib/mostro.db'\n")).database())
                .contains(new Sqlite(Path.of("/var/lib/mostro.db")));
        assertThat(parse(minimal("", "", "[database]\nurl = 'sqlite://db/m.db?mode=rwc'\n")).database())
                .contains(new Sqlite(dir.resolve("db/m.db")));
        assertThat(parse(minimal("", "", "[database]\nurl = 'sqlite://~/m.db'\n")).database())
                .contains(new Sqlite(Path.of(System.getProperty("user.home"), "m.db")));
    }

    @Test
    void priceProvidersAndTheirErrors() {
        NodeConfig fixed = parse(minimal("", "", ""));
        assertThat(fixed.prices().orElseThrow().providers())
                .containsExactly(new Fixed(Map.of("USD", new BigDecimal("100000"))));
        NodeConfig legacy = parse(minimal("", "bitcoin_price_api_url = 'http://127.0.0.1:9'", "")
                .replace("[price.providers.fixed]\nenabled = true\nrates = { USD = 100000 }\n", ""));
        assertThat(legacy.prices().orElseThrow().providers()).containsExactly(new Yadio("http://127.0.0.1:9"));
        NodeConfig none = parse(minimal("", "", "").replace("enabled = true\nrates", "enabled = false\nrates"));
        assertThat(none.prices().orElseThrow().providers()).isEmpty();
        assertThat(none.warnings()).anyMatch(w -> w.startsWith("price.providers: no enabled provider"));
        NodeConfig bad = parse(minimal("", "", "[price.providers.yadio]\nenabled = true\nurl = 'ftp://x'\n")
                .replace("rates = { USD = 100000 }", "rates = { USD = -1, EURO1 = 5 }"));
        assertThat(bad.errors()).hasSize(3)
                .anyMatch(e -> e.startsWith("price.providers.fixed.rates.USD: expected a positive number, got -1"))
                .anyMatch(e -> e.startsWith("price.providers.fixed.rates.EURO1: not a currency code"))
                .anyMatch(e -> e.startsWith("price.providers.yadio.url: \"ftp://x\""));
        assertThat(bad.prices()).isEmpty();
        NodeConfig noRates = parse(minimal("", "", "").replace("rates = { USD = 100000 }\n", ""));
        assertThat(noRates.errors()).singleElement().asString().startsWith("price.providers.fixed.rates: missing");
    }
}
