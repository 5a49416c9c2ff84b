package network.mostro.examples.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.protocol.transport.PrivacyMode;

/**
 * The CLI's configuration, resolved from flags first, then the environment variables mostro-cli uses
 * ({@code MOSTRO_PUBKEY}, {@code RELAYS}, {@code POW}, {@code SECRET}, {@code ADMIN_NSEC}) and this CLI's own
 * ({@code MOSTRO_MNEMONIC}, {@code MOSTRO_CLI_DATA_DIR}). Immutable and thread-safe; never holds or prints the mnemonic
 * or an admin key in {@link #toString()}.
 *
 * @param node the Mostro node's public key
 * @param relays relay URLs
 * @param pow minimum proof of work for admin requests (the client SDK mines what the node advertises)
 * @param mode reputation (default) or full privacy ({@code SECRET=true})
 * @param dataDir where the session, the mnemonic and the message journal live
 * @param requestTimeout how long to wait for Mostro's answer to a request
 * @param followUpWait how long a command waits for a follow-up message (for example the hold invoice after a take)
 * @param json machine-readable output
 */
record CliConfig(PublicKey node, List<URI> relays, int pow, PrivacyMode mode, Path dataDir, Duration requestTimeout,
        Duration followUpWait, boolean json) {
    static final String ENV_PUBKEY = "MOSTRO_PUBKEY";
    static final String ENV_RELAYS = "RELAYS";
    static final String ENV_POW = "POW";
    static final String ENV_SECRET = "SECRET";
    static final String ENV_ADMIN_NSEC = "ADMIN_NSEC";
    static final String ENV_MNEMONIC = "MOSTRO_MNEMONIC";
    static final String ENV_DATA_DIR = "MOSTRO_CLI_DATA_DIR";
    static final String MNEMONIC_FILE = "mnemonic";
    static final String SESSION_FILE = "session.json";
    static final String JOURNAL_FILE = "messages.jsonl";

    /** Resolves the configuration of {@code root}'s flags and {@code env}; throws {@link CliException} on a problem. */
    static CliConfig resolve(MostroCli root, Function<String, String> env) {
        String pk = first(root.mostroPubkey, env.apply(ENV_PUBKEY));
        if (pk == null) {
            throw new CliException("the Mostro node is not set: pass -m/--mostropubkey or set " + ENV_PUBKEY);
        }
        PublicKey node = parsePublicKey(pk, "-m/--mostropubkey or " + ENV_PUBKEY);
        String rs = first(root.relays, env.apply(ENV_RELAYS));
        if (rs == null) {
            throw new CliException("no relays: pass -r/--relays or set " + ENV_RELAYS + " (comma-separated wss:// URLs)");
        }
        List<URI> relays = parseRelays(rs);
        int pow = root.pow != null ? root.pow : parsePow(env.apply(ENV_POW));
        if (pow < 0 || pow > 256) {
            throw new CliException("proof of work (POW / -p) must be between 0 and 256 bits, got " + pow);
        }
        boolean secret = root.secret || parseBool(env.apply(ENV_SECRET), ENV_SECRET);
        Path dataDir = dataDir(root, env);
        if (root.timeoutSeconds <= 0 || root.waitSeconds < 0) {
            throw new CliException("--timeout must be positive and --wait not negative");
        }
        return new CliConfig(node, relays, pow, secret ? PrivacyMode.FULL_PRIVACY : PrivacyMode.REPUTATION, dataDir,
                Duration.ofSeconds(root.timeoutSeconds), Duration.ofSeconds(root.waitSeconds), root.json);
    }

    static Path dataDir(MostroCli root, Function<String, String> env) {
        if (root.dataDir != null) {
            return root.dataDir;
        }
        String d = env.apply(ENV_DATA_DIR);
        if (d != null && !d.isBlank()) {
            return Path.of(d);
        }
        String home = System.getProperty("user.home");
        return Path.of(home == null ? "." : home, ".mostro-java-cli");
    }

    static PublicKey parsePublicKey(String s, String what) {
        String v = s.trim();
        try {
            return v.startsWith("npub1") ? PublicKey.fromNpub(v) : PublicKey.fromHex(v);
        } catch (NostrException | IllegalArgumentException e) {
            throw new CliException(what + " is not a valid npub or 64-character hex public key");
        }
    }

    static List<URI> parseRelays(String s) {
        List<URI> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String r = part.trim();
            if (r.isEmpty()) {
                continue;
            }
            try {
                URI u = new URI(r);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("ws") && !scheme.equals("wss") || u.getHost() == null) {
                    throw new CliException("relay " + r + " is not a ws:// or wss:// URL");
                }
                out.add(u);
            } catch (URISyntaxException e) {
                throw new CliException("relay " + r + " is not a valid URL");
            }
        }
        if (out.isEmpty()) {
            throw new CliException("no relays given");
        }
        return List.copyOf(out);
    }

    static int parsePow(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new CliException(ENV_POW + " must be a number of bits (0-256)");
        }
    }

    static boolean parseBool(String s, String what) {
        if (s == null || s.isBlank()) {
            return false;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new CliException(what + " must be true or false");
        };
    }

    /**
     * The user's mnemonic: {@code MOSTRO_MNEMONIC} if set (stored in the data dir when none is stored yet), else the
     * stored one, else a fresh one generated and stored with owner-only permissions. Never printed.
     */
    Mnemonic mnemonic(Function<String, String> env) {
        Path file = dataDir.resolve(MNEMONIC_FILE);
        String given = env.apply(ENV_MNEMONIC);
        try {
            Files.createDirectories(dataDir);
            Mnemonic stored = null;
            if (Files.exists(file)) {
                try {
                    stored = Mnemonic.parse(Files.readString(file, StandardCharsets.UTF_8).trim());
                } catch (NostrException e) {
                    throw new CliException("the mnemonic stored in " + file + " is not valid: " + e.getMessage());
                }
            }
            if (given != null && !given.isBlank()) {
                Mnemonic m;
                try {
                    m = Mnemonic.parse(given.trim());
                } catch (NostrException e) {
                    throw new CliException(ENV_MNEMONIC + " is not a valid BIP-39 mnemonic (" + e.getMessage() + ")");
                }
                if (stored != null && !stored.equals(m)) {
                    throw new CliException(ENV_MNEMONIC + " differs from the mnemonic stored in " + dataDir
                            + "; use another --data-dir for another identity");
                }
                if (stored == null) {
                    writeSecret(file, m.phrase());
                }
                return m;
            }
            if (stored != null) {
                return stored;
            }
            Mnemonic m = Mnemonic.generate();
            writeSecret(file, m.phrase());
            return m;
        } catch (IOException e) {
            throw new CliException("cannot use the data dir " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void writeSecret(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(file + " appeared while it was being created; run the command again");
        }
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }

    /** The admin or solver key: {@code --admin-key-file} or {@code ADMIN_NSEC} (nsec or hex). Never printed. */
    static PrivateKey adminKey(MostroCli root, Function<String, String> env) {
        String raw;
        String what;
        if (root.adminKeyFile != null) {
            try {
                raw = Files.readString(root.adminKeyFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot read the admin key file " + root.adminKeyFile);
            }
            what = "the admin key file";
        } else {
            raw = env.apply(ENV_ADMIN_NSEC);
            what = ENV_ADMIN_NSEC;
        }
        if (raw == null || raw.isBlank()) {
            throw new CliException("admin commands need the node or solver key: set " + ENV_ADMIN_NSEC
                    + " or pass --admin-key-file");
        }
        String v = raw.trim();
        try {
            return v.startsWith("nsec1") ? PrivateKey.fromNsec(v) : PrivateKey.fromHex(v);
        } catch (NostrException | IllegalArgumentException e) {
            throw new CliException(what + " is not a valid nsec or 64-character hex private key");
        }
    }

    private static String first(String flag, String env) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        return env == null || env.isBlank() ? null : env;
    }
}
