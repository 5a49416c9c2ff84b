package network.mostro.server.store.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary folder, {@code pg_ctl start} on
 * 127.0.0.1 and a free port with the Unix socket in that folder, trust authentication for user {@value #USER};
 * {@link #close()} stops it and deletes the folder. When the JVM runs as root (initdb refuses root), the server
 * runs as the {@code postgres} system user via {@code runuser}. Not thread-safe (start and stop from one thread).
 */
final class PostgresCluster implements AutoCloseable {

    static final String USER = "mostro";

    private final Path bin;
    private final Path dir;
    private final List<String> asUser;
    private final int port;
    private final long startMillis;
    private final Thread shutdownHook;
    private boolean closed;

    private PostgresCluster(Path bin, Path dir, List<String> asUser, int port, long startMillis) {
        this.bin = bin;
        this.dir = dir;
        this.asUser = asUser;
        this.port = port;
        this.startMillis = startMillis;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-test-cluster-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The folder holding {@code initdb} and {@code pg_ctl}: {@code $PG_BIN}, else the {@code PATH}, else the newest
     * {@code /usr/lib/postgresql/<version>/bin} (Debian does not put them on the PATH).
     */
    static Optional<Path> findBinaries() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("PG_BIN");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(java.io.File.pathSeparator)) {
                if (!p.isEmpty()) {
                    candidates.add(Path.of(p));
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path v) -> versionOf(v)).reversed())
                        .forEach(candidates::add);
            } catch (IOException ignored) {
                // no Debian layout to search
            }
        }
        return candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
                .findFirst()
                .map(d -> {
                    try {
                        return d.resolve("pg_ctl").toRealPath().getParent(); // /usr/local/bin links → real folder
                    } catch (IOException e) {
                        return d;
                    }
                });
    }

    private static int versionOf(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Initialises and starts a cluster with the binaries in {@code bin}. */
    static PostgresCluster start(Path bin) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<String> asUser = List.of();
        Path dir = Files.createTempDirectory("mostro-pg-");
        if ("0".equals(run(List.of("id", "-u"), 10).strip())) {
            // initdb and postgres refuse to run as root: hand the folder to the postgres system user.
            UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, pg);
            asUser = List.of("runuser", "-u", "postgres", "--");
        }
        Path data = dir.resolve("data");
        List<String> initdb = new ArrayList<>(asUser);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        run(initdb, 120);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> pgctl = new ArrayList<>(asUser);
            pgctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -F", "start"));
            try {
                run(pgctl, 90);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                return new PostgresCluster(bin, dir, asUser, port, ms);
            } catch (IOException e) {
                last = e; // most likely the port was taken between probing and binding: try another
            }
        }
        deleteTree(dir);
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + out);
        }
        return out;
    }

    /** Milliseconds from creating the folder to a server accepting connections. */
    long startMillis() {
        return startMillis;
    }

    /** The JDBC URL of database {@code db}. */
    String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    int port() {
        return port;
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db), USER, "unused");
    }

    /** Creates an empty database. */
    void createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE DATABASE " + name);
        }
    }

    private void stopQuietly() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            List<String> stop = new ArrayList<>(asUser);
            stop.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                    "-w", "-t", "60", "stop"));
            run(stop, 90);
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop the test PostgreSQL cluster in " + dir + ": " + e.getMessage());
        }
        deleteTree(dir);
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort for a temp folder
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}
