package network.mostro.examples.node;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import network.mostro.examples.node.NodeConfig.CoinGecko;
import network.mostro.examples.node.NodeConfig.DatabaseConfig;
import network.mostro.examples.node.NodeConfig.Embedded;
import network.mostro.examples.node.NodeConfig.Fixed;
import network.mostro.examples.node.NodeConfig.LightningConfig;
import network.mostro.examples.node.NodeConfig.Lnd;
import network.mostro.examples.node.NodeConfig.Postgres;
import network.mostro.examples.node.NodeConfig.PriceConfig;
import network.mostro.examples.node.NodeConfig.Provider;
import network.mostro.examples.node.NodeConfig.Sqlite;
import network.mostro.examples.node.NodeConfig.Yadio;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.server.InvalidSettingsException;
import network.mostro.server.NodeSettings;
import network.mostro.server.TransportVersion;
import network.mostro.server.price.CoinGeckoPriceSource;
import network.mostro.server.price.YadioPriceSource;

/**
 * Reads a mostrod-style {@code settings.toml} (SPEC §17 section and key names) into a {@link NodeConfig}. It never
 * stops at the first problem: every missing key, wrong type and bad value becomes one line in
 * {@link NodeConfig#errors()} naming {@code section.key}, and every unknown or unsupported key one line in
 * {@link NodeConfig#warnings()}. Range rules are the SDK's own ({@link NodeSettings}), so there is one copy of them.
 *
 * <p>Stateless and thread-safe.
 */
public final class SettingsLoader {
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern FIAT = Pattern.compile("[A-Za-z]{3,5}");
    private static final int LND_GRPC_DEFAULT_PORT = 10009;

    /** Keys this application reads, per section. */
    static final Map<String, Set<String>> KNOWN = Map.of(
            "lightning", Set.of("backend", "lnd_cert_file", "lnd_macaroon_file", "lnd_grpc_host", "lnd_rest_url",
                    "lnd_verify_hostname", "invoice_expiration_window", "hold_invoice_cltv_delta",
                    "hold_invoice_expiration_window", "payment_attempts", "payment_retries_interval",
                    "max_final_cltv_expiry_delta", "escrow_deadline_margin_blocks"),
            "nostr", Set.of("nsec_privkey", "relays"),
            "mostro", Set.of("name", "about", "picture", "website", "fee", "max_routing_fee", "max_order_amount",
                    "min_payment_amount", "expiration_hours", "max_expiration_days", "expiration_seconds",
                    "user_rates_sent_interval_seconds", "publish_relays_interval", "pow", "pow_first_contact",
                    "active_pubkeys_refresh_interval", "publish_mostro_info_interval", "transport",
                    "bitcoin_price_api_url", "fiat_currencies_accepted", "max_orders_per_response",
                    "dev_fee_percentage"),
            "database", Set.of("url"),
            "expiration", Set.of("order_days", "rating_days", "dispute_days", "fee_audit_days", "dm_days"),
            "price", Set.of("update_interval_seconds", "max_price_staleness_seconds", "outlier_threshold_pct",
                    "provider_timeout_seconds", "providers"));

    /** mostrod keys this SDK does not implement: warned about and ignored. */
    static final Map<String, Set<String>> DAEMON_ONLY = Map.of(
            "lightning", Set.of("lndk_enabled", "lndk_grpc_host", "lndk_cert_file", "lndk_macaroon_file",
                    "lndk_fetch_invoice_timeout", "lndk_fee_limit_percent", "bip353_enabled", "bip353_doh_resolver",
                    "bip353_skip_dnssec"),
            "price", Set.of("provider_failure_threshold", "provider_failure_cooldown_seconds", "publish_to_nostr"));

    private static final Set<String> PROVIDER_KEYS = Set.of("enabled", "url", "api_key", "rates");
    private static final Set<String> PROVIDER_DAEMON_ONLY = Set.of("fallback_urls", "token", "only", "except");

    private SettingsLoader() {}

    /**
     * Reads and parses {@code file}. A file that cannot be read is one error.
     *
     * @param env the process environment ({@code System.getenv()}; tests pass their own)
     */
    public static NodeConfig load(Path file, Path dataDir, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new NodeConfig(file, dataDir, Optional.empty(), "", List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of(),
                    List.of("settings file " + file + ": cannot read it (" + e.getClass().getSimpleName() + ": "
                            + e.getMessage() + ")"));
        }
        return parse(text, file, dataDir, env);
    }

    /** Parses TOML text; see {@link #load}. */
    public static NodeConfig parse(String toml, Path file, Path dataDir, Map<String, String> env) {
        return new Run(file, dataDir, Secrets.load(env, dataDir)).parse(toml);
    }

    /** One parse; collects problems. Not thread-safe (used by one thread once). */
    private static final class Run {
        private final Path file;
        private final Path dataDir;
        private final Secrets secrets;
        private final List<String> errors = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        /** Settings applied to the NodeSettings builder, by {@code section.key}. */
        private final Map<String, Consumer<NodeSettings.Builder>> applied = new LinkedHashMap<>();

        Run(Path file, Path dataDir, Secrets secrets) {
            this.file = file;
            this.dataDir = dataDir;
            this.secrets = secrets;
        }

        NodeConfig parse(String toml) {
            JsonNode root;
            try {
                TomlMapper mapper = new TomlMapper();
                mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
                mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
                mapper.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
                root = mapper.readTree(toml);
            } catch (JacksonException e) {
                errors.add("settings file " + file + ": not valid TOML: " + e.getOriginalMessage()
                        + location(e));
                return empty();
            } catch (RuntimeException e) {
                errors.add("settings file " + file + ": not valid TOML: " + e.getMessage());
                return empty();
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                root = JsonNodeFactory.instance.objectNode();
            }
            checkSections(root);
            JsonNode ln = section(root, "lightning");
            JsonNode nostr = section(root, "nostr");
            JsonNode mostro = section(root, "mostro");
            JsonNode db = section(root, "database");
            JsonNode exp = section(root, "expiration");
            JsonNode price = section(root, "price");

            Optional<PrivateKey> key = nodeKey(nostr);
            List<URI> relays = relays(nostr);
            int beforeSettings = errors.size();
            mostroSettings(mostro);
            lightningSettings(ln);
            for (String k : List.of("order_days", "rating_days", "dispute_days", "fee_audit_days", "dm_days")) {
                longSetting(exp, "expiration", k, switch (k) {
                    case "order_days" -> NodeSettings.Builder::orderDays;
                    case "rating_days" -> NodeSettings.Builder::ratingDays;
                    case "dispute_days" -> NodeSettings.Builder::disputeDays;
                    case "fee_audit_days" -> NodeSettings.Builder::feeAuditDays;
                    default -> NodeSettings.Builder::dmDays;
                });
            }
            longSetting(price, "price", "update_interval_seconds", NodeSettings.Builder::priceUpdateIntervalSeconds);
            longSetting(price, "price", "max_price_staleness_seconds",
                    NodeSettings.Builder::maxPriceStalenessSeconds);
            boolean typesOk = errors.size() == beforeSettings;
            Optional<NodeSettings> settings = buildSettings().filter(x -> typesOk);
            Optional<LightningConfig> lightning = lightning(ln);
            Optional<DatabaseConfig> database = database(db);
            Optional<PriceConfig> prices = prices(price, mostro);
            return new NodeConfig(file, dataDir, key, keySource, relays, settings, lightning, database, prices,
                    warnings, errors);
        }

        private NodeConfig empty() {
            return new NodeConfig(file, dataDir, Optional.empty(), "", List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), warnings, errors);
        }

        private static String location(JacksonException e) {
            if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
                return "";
            }
            return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }

        // ---------------------------------------------------------------- sections and unknown keys

        private void checkSections(JsonNode root) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                JsonNode v = e.getValue();
                if (KNOWN.containsKey(name)) {
                    if (!v.isObject()) {
                        errors.add(name + ": expected a table [" + name + "], got " + type(v));
                        continue;
                    }
                    checkKeys(name, v);
                } else if (name.equals("anti_abuse_bond") || name.equals("cashu")) {
                    if (v.isObject() && v.path("enabled").isBoolean() && v.path("enabled").booleanValue()) {
                        errors.add(name + ".enabled: " + (name.equals("cashu") ? "Cashu escrow is" : "anti-abuse bonds are")
                                + " not supported by this SDK; set enabled = false or remove [" + name + "]");
                    } else {
                        warnings.add("[" + name + "]: a daemon section this SDK does not support; ignored");
                    }
                } else if (name.equals("rpc")) {
                    warnings.add("[rpc]: the daemon's admin RPC server is not part of this SDK; ignored");
                } else if (v.isObject()) {
                    warnings.add("[" + name + "]: unknown section, ignored (check the spelling)");
                } else {
                    warnings.add(name + ": unknown top-level key, ignored (keys belong in a [section])");
                }
            }
        }

        private void checkKeys(String section, JsonNode table) {
            Set<String> known = KNOWN.get(section);
            Set<String> daemonOnly = DAEMON_ONLY.getOrDefault(section, Set.of());
            for (Iterator<String> it = table.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (known.contains(k)) {
                    continue;
                }
                if (daemonOnly.contains(k)) {
                    warnings.add(section + "." + k + ": a daemon setting this SDK does not support; ignored");
                } else {
                    warnings.add(section + "." + k + ": unknown key, ignored (check the spelling)");
                }
            }
        }

        private static JsonNode section(JsonNode root, String name) {
            JsonNode s = root.get(name);
            return s != null && s.isObject() ? s : JsonNodeFactory.instance.objectNode();
        }

        // ---------------------------------------------------------------- typed reads

        private static String type(JsonNode v) {
            if (v.isTextual()) {
                return "a string";
            }
            if (v.isIntegralNumber()) {
                return "an integer";
            }
            if (v.isNumber()) {
                return "a float";
            }
            if (v.isBoolean()) {
                return "a boolean";
            }
            if (v.isArray()) {
                return "an array";
            }
            if (v.isObject()) {
                return "a table";
            }
            return "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
        }

        private Optional<Long> integer(JsonNode sec, String name, String key, long min, long max) {
            JsonNode v = sec.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!v.isIntegralNumber()) {
                errors.add(name + "." + key + ": expected an integer, got " + type(v));
                return Optional.empty();
            }
            BigInteger b = v.bigIntegerValue();
            if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
                errors.add(name + "." + key + ": " + b + " is out of range [" + min + ", " + max + "]");
                return Optional.empty();
            }
            return Optional.of(b.longValue());
        }

        private Optional<BigDecimal> decimal(JsonNode sec, String name, String key) {
            JsonNode v = sec.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!v.isNumber()) {
                errors.add(name + "." + key + ": expected a number, got " + type(v));
                return Optional.empty();
            }
            if (v.isFloatingPointNumber() && !v.isBigDecimal()) {
                double d = v.doubleValue();
                if (!Double.isFinite(d)) {
                    errors.add(name + "." + key + ": expected a finite number, got " + d);
                    return Optional.empty();
                }
            }
            return Optional.of(v.decimalValue());
        }

        private Optional<String> string(JsonNode sec, String name, String key) {
            JsonNode v = sec.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                errors.add(name + "." + key + ": expected a string, got " + type(v));
                return Optional.empty();
            }
            return Optional.of(v.textValue());
        }

        private Optional<Boolean> bool(JsonNode sec, String name, String key) {
            JsonNode v = sec.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!v.isBoolean()) {
                errors.add(name + "." + key + ": expected true or false, got " + type(v));
                return Optional.empty();
            }
            return Optional.of(v.booleanValue());
        }

        private Optional<List<String>> strings(JsonNode sec, String name, String key) {
            JsonNode v = sec.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!v.isArray()) {
                errors.add(name + "." + key + ": expected an array of strings, got " + type(v));
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!e.isTextual()) {
                    errors.add(name + "." + key + "[" + i + "]: expected a string, got " + type(e));
                    ok = false;
                } else {
                    out.add(e.textValue());
                }
            }
            return ok ? Optional.of(out) : Optional.empty();
        }

        /** A path: {@code ~/} is the home folder; a relative path is under the data directory. */
        private Optional<Path> path(String name, String key, String value) {
            try {
                String v = value.strip();
                if (v.isEmpty()) {
                    errors.add(name + (key.isEmpty() ? "" : "." + key) + ": empty path");
                    return Optional.empty();
                }
                Path p = v.equals("~") || v.startsWith("~/")
                        ? Path.of(System.getProperty("user.home"), v.length() > 2 ? v.substring(2) : "")
                        : Path.of(v);
                return Optional.of((p.isAbsolute() ? p : dataDir.resolve(p)).normalize());
            } catch (InvalidPathException e) {
                errors.add(name + (key.isEmpty() ? "" : "." + key) + ": not a valid path (" + e.getReason() + ")");
                return Optional.empty();
            }
        }

        private Optional<Path> readableFile(JsonNode sec, String name, String key, boolean required,
                String requiredWhy) {
            Optional<String> s = string(sec, name, key);
            if (s.isEmpty()) {
                if (required && !sec.has(key)) {
                    errors.add(name + "." + key + ": missing (" + requiredWhy + ")");
                }
                return Optional.empty();
            }
            Optional<Path> p = path(name, key, s.get());
            if (p.isPresent() && !Files.isReadable(p.get())) {
                errors.add(name + "." + key + ": cannot read " + p.get()
                        + (Files.exists(p.get()) ? " (permission denied)" : " (no such file)"));
                return Optional.empty();
            }
            return p;
        }

        // ---------------------------------------------------------------- [nostr]

        private String keySource = "";

        private Optional<PrivateKey> nodeKey(JsonNode nostr) {
            Optional<Secrets.Found> env = secrets.get(Secrets.NSEC);
            String value;
            String where;
            if (env.isPresent()) {
                value = env.get().value();
                where = env.get().source();
            } else {
                Optional<String> s = string(nostr, "nostr", "nsec_privkey");
                if (s.isEmpty()) {
                    if (!nostr.has("nsec_privkey")) {
                        errors.add("nostr.nsec_privkey: missing (set it, or the " + Secrets.NSEC
                                + " environment variable)");
                    }
                    return Optional.empty();
                }
                value = s.get().strip();
                where = "nostr.nsec_privkey";
            }
            try {
                PrivateKey k = PrivateKey.fromNsec(value);
                keySource = where;
                return Optional.of(k);
            } catch (NostrException | IllegalArgumentException e) { // the value itself is never echoed
                errors.add(where + ": not a valid nsec private key (" + e.getMessage() + ")");
                return Optional.empty();
            }
        }

        private List<URI> relays(JsonNode nostr) {
            if (!nostr.has("relays")) {
                errors.add("nostr.relays: missing (a list of ws:// or wss:// relay URLs)");
                return List.of();
            }
            Optional<List<String>> list = strings(nostr, "nostr", "relays");
            if (list.isEmpty()) {
                return List.of();
            }
            if (list.get().isEmpty()) {
                errors.add("nostr.relays: empty; the node needs at least one relay");
                return List.of();
            }
            Set<URI> out = new LinkedHashSet<>();
            for (int i = 0; i < list.get().size(); i++) {
                String s = list.get().get(i).strip();
                try {
                    URI u = new URI(s);
                    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                    if (!(scheme.equals("ws") || scheme.equals("wss")) || u.getHost() == null) {
                        errors.add("nostr.relays[" + i + "]: \"" + s + "\" is not a ws:// or wss:// URL with a host");
                    } else if (!out.add(u)) {
                        warnings.add("nostr.relays[" + i + "]: " + s + " is listed twice");
                    }
                } catch (URISyntaxException e) {
                    errors.add("nostr.relays[" + i + "]: \"" + s + "\" is not a URL (" + e.getReason() + ")");
                }
            }
            return List.copyOf(out);
        }

        // ---------------------------------------------------------------- NodeSettings

        private void longSetting(JsonNode sec, String name, String key,
                BiConsumer<NodeSettings.Builder, Long> setter) {
            integer(sec, name, key, Long.MIN_VALUE, Long.MAX_VALUE)
                    .ifPresent(v -> applied.put(name + "." + key, b -> setter.accept(b, v)));
        }

        private void intSetting(JsonNode sec, String name, String key,
                BiConsumer<NodeSettings.Builder, Integer> setter) {
            integer(sec, name, key, Integer.MIN_VALUE, Integer.MAX_VALUE)
                    .ifPresent(v -> applied.put(name + "." + key, b -> setter.accept(b, v.intValue())));
        }

        private void decimalSetting(JsonNode sec, String name, String key,
                BiConsumer<NodeSettings.Builder, BigDecimal> setter) {
            decimal(sec, name, key).ifPresent(v -> applied.put(name + "." + key, b -> setter.accept(b, v)));
        }

        private void stringSetting(JsonNode sec, String name, String key,
                BiConsumer<NodeSettings.Builder, String> setter) {
            string(sec, name, key).ifPresent(v -> applied.put(name + "." + key, b -> setter.accept(b, v)));
        }

        private void mostroSettings(JsonNode m) {
            String s = "mostro";
            stringSetting(m, s, "name", NodeSettings.Builder::name);
            stringSetting(m, s, "about", NodeSettings.Builder::about);
            stringSetting(m, s, "picture", NodeSettings.Builder::picture);
            stringSetting(m, s, "website", NodeSettings.Builder::website);
            decimalSetting(m, s, "fee", NodeSettings.Builder::fee);
            decimalSetting(m, s, "max_routing_fee", NodeSettings.Builder::maxRoutingFee);
            decimalSetting(m, s, "dev_fee_percentage", NodeSettings.Builder::devFeePercentage);
            longSetting(m, s, "max_order_amount", NodeSettings.Builder::maxOrderAmount);
            longSetting(m, s, "min_payment_amount", NodeSettings.Builder::minPaymentAmount);
            longSetting(m, s, "expiration_hours", NodeSettings.Builder::expirationHours);
            longSetting(m, s, "max_expiration_days", NodeSettings.Builder::maxExpirationDays);
            longSetting(m, s, "expiration_seconds", NodeSettings.Builder::expirationSeconds);
            longSetting(m, s, "user_rates_sent_interval_seconds", NodeSettings.Builder::userRatesSentIntervalSeconds);
            longSetting(m, s, "publish_relays_interval", NodeSettings.Builder::publishRelaysInterval);
            longSetting(m, s, "active_pubkeys_refresh_interval", NodeSettings.Builder::activePubkeysRefreshInterval);
            longSetting(m, s, "publish_mostro_info_interval", NodeSettings.Builder::publishMostroInfoInterval);
            longSetting(m, s, "max_orders_per_response", NodeSettings.Builder::maxOrdersPerResponse);
            intSetting(m, s, "pow", NodeSettings.Builder::pow);
            intSetting(m, s, "pow_first_contact", NodeSettings.Builder::powFirstContact);
            string(m, s, "transport").ifPresent(t -> {
                TransportVersion v = null;
                for (TransportVersion c : TransportVersion.values()) {
                    if (c.wireName().equals(t.strip())) {
                        v = c;
                    }
                }
                if (v == null) {
                    errors.add("mostro.transport: \"" + t + "\" is not a transport; use \"nip44\" (v2, default) or"
                            + " \"gift-wrap\" (v1)");
                } else {
                    TransportVersion tv = v;
                    applied.put("mostro.transport", b -> b.transport(tv));
                }
            });
            strings(m, s, "fiat_currencies_accepted").ifPresent(list -> {
                List<String> codes = new ArrayList<>();
                boolean ok = true;
                for (int i = 0; i < list.size(); i++) {
                    String c = list.get(i).strip();
                    if (!FIAT.matcher(c).matches()) {
                        errors.add("mostro.fiat_currencies_accepted[" + i + "]: \"" + c
                                + "\" is not a currency code (3 to 5 letters, e.g. USD)");
                        ok = false;
                    } else {
                        codes.add(c.toUpperCase(Locale.ROOT));
                    }
                }
                if (ok) {
                    applied.put("mostro.fiat_currencies_accepted", b -> b.fiatCurrenciesAccepted(codes));
                }
            });
        }

        private void lightningSettings(JsonNode l) {
            String s = "lightning";
            longSetting(l, s, "invoice_expiration_window", NodeSettings.Builder::invoiceExpirationWindow);
            intSetting(l, s, "hold_invoice_cltv_delta", NodeSettings.Builder::holdInvoiceCltvDelta);
            longSetting(l, s, "hold_invoice_expiration_window", NodeSettings.Builder::holdInvoiceExpirationWindow);
            intSetting(l, s, "payment_attempts", NodeSettings.Builder::paymentAttempts);
            longSetting(l, s, "payment_retries_interval", NodeSettings.Builder::paymentRetriesInterval);
            longSetting(l, s, "max_final_cltv_expiry_delta", NodeSettings.Builder::maxFinalCltvExpiryDelta);
            longSetting(l, s, "escrow_deadline_margin_blocks", NodeSettings.Builder::escrowDeadlineMarginBlocks);
        }

        /** The section a {@link InvalidSettingsException#setting()} name lives in. */
        private static String qualify(String setting) {
            for (String sec : List.of("lightning", "expiration", "price", "mostro")) {
                if (KNOWN.get(sec).contains(setting)) {
                    return sec + "." + setting;
                }
            }
            return "mostro." + setting;
        }

        /** Builds the settings; every range error is reported, named with its {@code section.key}. */
        private Optional<NodeSettings> buildSettings() {
            NodeSettings.Builder b = NodeSettings.builder();
            try {
                applied.values().forEach(a -> a.accept(b));
                return Optional.of(b.build());
            } catch (InvalidSettingsException e) {
                for (InvalidSettingsException.Problem p : e.problems()) {
                    String line = qualify(p.setting()) + ": " + p.message();
                    if (!errors.contains(line)) {
                        errors.add(line);
                    }
                }
                return Optional.empty();
            } catch (NostrException | IllegalArgumentException | NullPointerException e) {
                errors.add("settings: " + e.getMessage());
                return Optional.empty();
            }
        }

        // ---------------------------------------------------------------- [lightning] backend

        private Optional<LightningConfig> lightning(JsonNode l) {
            String backend = string(l, "lightning", "backend").orElse(l.has("backend") ? null : "lnd");
            if (backend == null) {
                return Optional.empty();
            }
            switch (backend.strip().toLowerCase(Locale.ROOT)) {
                case "embedded":
                    warnings.add("lightning.backend = \"embedded\": an in-process Lightning network that no wallet"
                            + " outside this process can pay; for demos and development only");
                    return Optional.of(new Embedded());
                case "lnd":
                    return lnd(l);
                default:
                    errors.add("lightning.backend: \"" + backend + "\" is not a backend; use \"lnd\" (default) or"
                            + " \"embedded\" (demo/dev only)");
                    return Optional.empty();
            }
        }

        private Optional<LightningConfig> lnd(JsonNode l) {
            int before = errors.size();
            String urlKey = l.has("lnd_rest_url") ? "lnd_rest_url" : "lnd_grpc_host";
            Optional<String> url = string(l, "lightning", urlKey);
            if (url.isEmpty() && !l.has(urlKey)) {
                errors.add("lightning.lnd_rest_url: missing (LND's REST address, e.g. https://127.0.0.1:8080;"
                        + " lnd_grpc_host is read as the REST address too)");
            }
            url.ifPresent(u -> {
                try {
                    URI uri = new URI(u.strip());
                    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                        errors.add("lightning." + urlKey + ": \"" + u + "\" must be an https:// URL with a host"
                                + " (LND's REST listener, e.g. https://127.0.0.1:8080)");
                    } else if (urlKey.equals("lnd_grpc_host") && uri.getPort() == LND_GRPC_DEFAULT_PORT) {
                        warnings.add("lightning.lnd_grpc_host: port 10009 is LND's gRPC port, but this SDK talks to"
                                + " LND's REST API (restlisten, 8080 by default); set lnd_rest_url");
                    }
                } catch (URISyntaxException e) {
                    errors.add("lightning." + urlKey + ": \"" + u + "\" is not a URL (" + e.getReason() + ")");
                }
            });
            Optional<Path> cert = readableFile(l, "lightning", "lnd_cert_file", true,
                    "the path of LND's tls.cert, required for the LND backend");
            Optional<Secrets.Found> macEnv = secrets.get(Secrets.LND_MACAROON);
            Optional<Path> macFile = Optional.empty();
            Optional<String> macHex = Optional.empty();
            if (macEnv.isPresent()) {
                String v = macEnv.get().value();
                if (HEX.matcher(v).matches()) {
                    macHex = Optional.of(v);
                } else {
                    Optional<Path> p = path(Secrets.LND_MACAROON, "", v);
                    if (p.isPresent() && !Files.isReadable(p.get())) {
                        errors.add(macEnv.get().source() + ": cannot read " + p.get()
                                + " (neither a readable file nor hex)");
                    }
                    macFile = p.filter(Files::isReadable);
                }
            } else {
                macFile = readableFile(l, "lightning", "lnd_macaroon_file", true,
                        "the path of an LND macaroon such as admin.macaroon, or set " + Secrets.LND_MACAROON);
            }
            boolean verify = bool(l, "lightning", "lnd_verify_hostname").orElse(true);
            if (errors.size() > before || url.isEmpty() || cert.isEmpty() || macFile.isEmpty() && macHex.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Lnd(url.get().strip(), urlKey, cert.get(), macFile, macHex, verify));
        }

        // ---------------------------------------------------------------- [database]

        private Optional<DatabaseConfig> database(JsonNode db) {
            Optional<String> url = db.has("url") ? string(db, "database", "url") : Optional.of("sqlite://mostro.db");
            if (url.isEmpty()) {
                return Optional.empty();
            }
            String u = url.get().strip();
            Optional<Secrets.Found> pw = secrets.get(Secrets.DB_PASSWORD);
            String lower = u.toLowerCase(Locale.ROOT);
            if (lower.startsWith("sqlite:")) {
                if (pw.isPresent()) {
                    warnings.add(pw.get().source() + ": ignored, a SQLite database has no password");
                }
                String rest = u.substring("sqlite:".length());
                if (rest.startsWith("//")) {
                    rest = rest.substring(2);
                }
                int q = rest.indexOf('?');
                if (q >= 0) {
                    rest = rest.substring(0, q);
                }
                if (rest.isEmpty() || rest.equals(":memory:")) {
                    errors.add("database.url: \"" + u + "\" names no database file (e.g. sqlite://mostro.db)");
                    return Optional.empty();
                }
                return path("database", "url", rest).map(Sqlite::new);
            }
            if (lower.startsWith("jdbc:postgresql:")) {
                return Optional.of(new Postgres(u, null, pw.map(Secrets.Found::value).orElse(null)));
            }
            if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
                try {
                    URI uri = new URI(u);
                    if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() < 2) {
                        errors.add("database.url: a PostgreSQL URL needs a host and a database:"
                                + " postgres://user:password@host:5432/mostro");
                        return Optional.empty();
                    }
                    String user = null;
                    String password = null;
                    if (uri.getRawUserInfo() != null) {
                        String ui = uri.getRawUserInfo();
                        int c = ui.indexOf(':');
                        user = decode(c < 0 ? ui : ui.substring(0, c));
                        password = c < 0 ? null : decode(ui.substring(c + 1));
                    }
                    if (pw.isPresent()) {
                        password = pw.get().value();
                    }
                    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
                    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                    return Optional.of(new Postgres(jdbc, user, password));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    errors.add("database.url: not a valid PostgreSQL URL (" + e.getMessage().replace(u, "<url>")
                            + ")");
                    return Optional.empty();
                }
            }
            errors.add("database.url: unsupported database; use sqlite://path/to/mostro.db or"
                    + " postgres://user:password@host:5432/db");
            return Optional.empty();
        }

        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        // ---------------------------------------------------------------- [price]

        private Optional<PriceConfig> prices(JsonNode price, JsonNode mostro) {
            int before = errors.size();
            BigDecimal deviation = new BigDecimal("0.05");
            Optional<BigDecimal> pct = decimal(price, "price", "outlier_threshold_pct");
            if (pct.isPresent()) {
                if (pct.get().compareTo(new BigDecimal("0.1")) < 0 || pct.get().compareTo(BigDecimal.valueOf(100)) > 0) {
                    errors.add("price.outlier_threshold_pct: must be within [0.1, 100] (percent), got " + pct.get());
                } else {
                    deviation = pct.get().movePointLeft(2);
                }
            }
            Duration timeout = Duration.ofSeconds(10);
            Optional<Long> t = integer(price, "price", "provider_timeout_seconds", 1, 3600);
            if (t.isPresent()) {
                timeout = Duration.ofSeconds(t.get());
            }
            Optional<String> legacy = string(mostro, "mostro", "bitcoin_price_api_url");
            List<Provider> providers = new ArrayList<>();
            JsonNode table = price.get("providers");
            if (table == null) {
                // no [price.providers]: the daemon's legacy single source, Yadio at bitcoin_price_api_url
                String base = legacy.orElse(YadioPriceSource.DEFAULT_BASE_URL);
                if (checkBase("mostro.bitcoin_price_api_url", base, true)) {
                    providers.add(new Yadio(base.strip()));
                }
            } else if (!table.isObject()) {
                errors.add("price.providers: expected a table of [price.providers.<id>] tables, got " + type(table));
            } else {
                if (legacy.isPresent()) {
                    warnings.add("mostro.bitcoin_price_api_url: ignored because [price.providers] is set");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    provider(e.getKey(), e.getValue()).ifPresent(providers::add);
                }
                if (providers.isEmpty() && errors.size() == before) {
                    warnings.add("price.providers: no enabled provider this SDK supports; market-price orders will"
                            + " be refused (price_too_stale)");
                }
            }
            if (errors.size() > before) {
                return Optional.empty();
            }
            return Optional.of(new PriceConfig(providers, deviation, timeout));
        }

        private Optional<Provider> provider(String id, JsonNode p) {
            String name = "price.providers." + id;
            if (!p.isObject()) {
                errors.add(name + ": expected a table, got " + type(p));
                return Optional.empty();
            }
            for (Iterator<String> it = p.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (PROVIDER_DAEMON_ONLY.contains(k)) {
                    warnings.add(name + "." + k + ": a daemon setting this SDK does not support; ignored");
                } else if (!PROVIDER_KEYS.contains(k)) {
                    warnings.add(name + "." + k + ": unknown key, ignored (check the spelling)");
                }
            }
            int before = errors.size();
            boolean enabled = bool(p, name, "enabled").orElse(false);
            Optional<String> url = string(p, name, "url");
            Optional<String> apiKey = string(p, name, "api_key");
            if (errors.size() > before || !enabled) {
                return Optional.empty();
            }
            switch (id) {
                case "yadio": {
                    String base = url.orElse(YadioPriceSource.DEFAULT_BASE_URL).strip();
                    return checkBase(name + ".url", base, true) ? Optional.of(new Yadio(base)) : Optional.empty();
                }
                case "coingecko": {
                    String base = url.orElse(CoinGeckoPriceSource.DEFAULT_BASE_URL).strip();
                    String key = secrets.get(Secrets.COINGECKO_API_KEY).map(Secrets.Found::value)
                            .orElse(apiKey.orElse(null));
                    return checkBase(name + ".url", base, false) ? Optional.of(new CoinGecko(base, key))
                            : Optional.empty();
                }
                case "fixed":
                    return fixed(name, p.get("rates"));
                default:
                    warnings.add(name + ": a provider this SDK does not implement (supported: yadio, coingecko,"
                            + " fixed); ignored");
                    return Optional.empty();
            }
        }

        private Optional<Provider> fixed(String name, JsonNode rates) {
            if (rates == null) {
                errors.add(name + ".rates: missing (a table of fiat code = price of 1 BTC, e.g. { USD = 100000 })");
                return Optional.empty();
            }
            if (!rates.isObject() || rates.size() == 0) {
                errors.add(name + ".rates: expected a non-empty table such as { USD = 100000 }, got " + type(rates));
                return Optional.empty();
            }
            Map<String, BigDecimal> out = new TreeMap<>();
            boolean ok = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = rates.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String code = e.getKey();
                JsonNode v = e.getValue();
                if (!FIAT.matcher(code).matches()) {
                    errors.add(name + ".rates." + code + ": not a currency code (3 to 5 letters)");
                    ok = false;
                } else if (!v.isNumber() || v.decimalValue().signum() <= 0) {
                    errors.add(name + ".rates." + code + ": expected a positive number, got "
                            + (v.isNumber() ? v.asText() : type(v)));
                    ok = false;
                } else {
                    out.put(code.toUpperCase(Locale.ROOT), v.decimalValue());
                }
            }
            return ok ? Optional.of(new Fixed(out)) : Optional.empty();
        }

        private boolean checkBase(String qualified, String base, boolean yadio) {
            try {
                if (yadio) {
                    YadioPriceSource.builder().baseUrl(base);
                } else {
                    CoinGeckoPriceSource.builder().baseUrl(base);
                }
                return true;
            } catch (NostrException e) {
                errors.add(qualified + ": \"" + base + "\" " + e.getMessage());
                return false;
            }
        }
    }
}
