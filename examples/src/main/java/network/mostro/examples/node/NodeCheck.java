package network.mostro.examples.node;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.mostro.examples.node.NodeConfig.Provider;
import network.mostro.nostr.relay.WebSocketTransport;
import network.mostro.server.lightning.LightningException;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.price.PriceSource;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.jdbc.JdbcOrderStore;

/**
 * The {@code --check} mode: validates a {@link NodeConfig} and the connectivity of everything it names, and reports
 * every problem, not only the first. Each check runs even when another failed, as long as its own part of the
 * configuration is usable. Stateless and thread-safe.
 */
public final class NodeCheck {
    private NodeCheck() {}

    /** How serious a finding is. */
    public enum Level {
        /** Checked and fine. */
        OK,
        /** Works, but probably not what the operator meant (unknown or ignored keys, demo backend). */
        WARNING,
        /** Would keep the node from running correctly. */
        PROBLEM
    }

    /**
     * One line of the report.
     *
     * @param level how serious
     * @param subject what was checked ({@code section.key}, a relay URL, {@code lightning}, …)
     * @param message what was found
     */
    public record Finding(Level level, String subject, String message) {
        /** {@code PROBLEM  subject: message}. */
        public String line() {
            return String.format("%-8s %s: %s", level, subject, message);
        }
    }

    /**
     * Runs every check.
     *
     * @param timeout the limit of each network check (relay connect, LND getInfo, price fetch)
     * @return the findings in order: configuration, node key, relays, Lightning, database, prices
     */
    public static List<Finding> run(NodeConfig cfg, Duration timeout) {
        List<Finding> out = new ArrayList<>();
        for (String e : cfg.errors()) {
            out.add(split(Level.PROBLEM, e));
        }
        for (String w : cfg.warnings()) {
            out.add(split(Level.WARNING, w));
        }
        if (cfg.valid()) {
            out.add(new Finding(Level.OK, "settings", cfg.file() + " parsed"
                    + (cfg.warnings().isEmpty() ? "" : " (" + cfg.warnings().size() + " warning(s))")));
        }
        cfg.nodeKey().ifPresent(k -> out.add(new Finding(Level.OK, "node key",
                k.publicKey().toNpub() + " (from " + cfg.nodeKeySource() + ")")));
        relays(cfg.relays(), timeout, out);
        cfg.lightning().ifPresent(l -> lightning(l, timeout, out));
        cfg.database().ifPresent(d -> database(d, out));
        cfg.prices().ifPresent(p -> prices(p, timeout, out));
        return out;
    }

    /** Whether any finding is a problem. */
    public static boolean hasProblems(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.level() == Level.PROBLEM);
    }

    private static Finding split(Level level, String line) {
        int c = line.indexOf(": ");
        return c < 0 ? new Finding(level, "settings", line)
                : new Finding(level, line.substring(0, c), line.substring(c + 2));
    }

    private static void relays(List<URI> relays, Duration timeout, List<Finding> out) {
        if (relays.isEmpty()) {
            return;
        }
        try (WebSocketTransport ws = WebSocketTransport.jdk(timeout)) {
            for (URI r : relays) {
                String subject = "relay " + r;
                long t0 = System.nanoTime();
                try {
                    WebSocketTransport.Connection c = ws.connect(r, 1 << 16, new QuietListener()).toCompletableFuture()
                            .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                    c.close();
                    out.add(new Finding(Level.OK, subject,
                            "connected in " + (System.nanoTime() - t0) / 1_000_000 + " ms"));
                } catch (TimeoutException e) {
                    out.add(new Finding(Level.PROBLEM, subject, "no connection within " + timeout.toSeconds() + " s"));
                } catch (ExecutionException e) {
                    out.add(new Finding(Level.PROBLEM, subject, "unreachable (" + describe(e.getCause()) + ")"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(new Finding(Level.PROBLEM, subject, "interrupted"));
                    return;
                } catch (RuntimeException e) {
                    out.add(new Finding(Level.PROBLEM, subject, describe(e)));
                }
            }
        }
    }

    private static void lightning(NodeConfig.LightningConfig cfg, Duration timeout, List<Finding> out) {
        Components.Lightning ln;
        try {
            ln = Components.lightning(cfg);
        } catch (RuntimeException e) {
            out.add(new Finding(Level.PROBLEM, "lightning", "cannot set up " + cfg + ": " + describe(e)));
            return;
        }
        try (ln) {
            NodeInfo info = await(ln.backend().getInfo(), timeout);
            out.add(new Finding(Level.OK, "lightning", ln.description() + ": " + info.network() + ", block "
                    + info.blockHeight() + (info.alias().isEmpty() ? "" : ", alias " + info.alias())
                    + (info.version().isEmpty() ? "" : ", " + info.version())));
        } catch (TimeoutException e) {
            out.add(new Finding(Level.PROBLEM, "lightning", ln.description() + ": no answer to getInfo within "
                    + timeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String why = describe(c);
            if (c instanceof LightningException le) {
                why = switch (le.reason()) {
                    case UNAUTHORIZED -> "refused: the macaroon or the TLS certificate is not accepted (" + why + ")";
                    case UNAVAILABLE -> "unreachable (" + why + ")";
                    case TIMEOUT -> "timed out (" + why + ")";
                    default -> why;
                };
            }
            out.add(new Finding(Level.PROBLEM, "lightning", ln.description() + ": getInfo failed: " + why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.add(new Finding(Level.PROBLEM, "lightning", "interrupted"));
        }
    }

    private static void database(NodeConfig.DatabaseConfig cfg, List<Finding> out) {
        try (OrderStore store = Components.store(cfg)) {
            store.outboxSize(); // one read on a migrated schema
            out.add(new Finding(Level.OK, "database", store + " opened, schema version "
                    + JdbcOrderStore.schemaVersion()));
        } catch (RuntimeException e) {
            out.add(new Finding(Level.PROBLEM, "database", cfg + ": " + describe(e)));
        }
    }

    private static void prices(NodeConfig.PriceConfig cfg, Duration timeout, List<Finding> out) {
        if (cfg.providers().isEmpty()) {
            out.add(new Finding(Level.WARNING, "price", "no price source: market-price orders are refused"));
            return;
        }
        for (Provider p : cfg.providers()) {
            String subject = "price." + p.id();
            try (PriceSource s = Components.source(p, cfg)) {
                Map<String, BigDecimal> rates = await(s.fetchRates(), timeout.plusSeconds(1));
                BigDecimal usd = rates.get("USD");
                out.add(new Finding(Level.OK, subject, rates.size() + " currencies"
                        + (usd == null ? "" : ", 1 BTC = " + usd.toPlainString() + " USD")));
            } catch (TimeoutException e) {
                out.add(new Finding(Level.PROBLEM, subject, "no answer within " + timeout.toSeconds() + " s"));
            } catch (ExecutionException e) {
                out.add(new Finding(Level.PROBLEM, subject, describe(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(new Finding(Level.PROBLEM, subject, "interrupted"));
                return;
            } catch (RuntimeException e) {
                out.add(new Finding(Level.PROBLEM, subject, describe(e)));
            }
        }
    }

    private static <T> T await(CompletionStage<T> stage, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The innermost useful message of a failure, with its type when the message alone says little. */
    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof java.util.concurrent.CompletionException
                || c.getMessage() == null) && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        Throwable root = c;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root == c || root.getMessage() == null ? ""
                : " [" + root.getClass().getSimpleName() + ": " + root.getMessage() + "]";
        return (m == null ? c.getClass().getSimpleName() : m) + rootText;
    }

    private static final class QuietListener implements WebSocketTransport.Listener {
        @Override
        public void onOpen(WebSocketTransport.Connection connection) {}

        @Override
        public CompletionStage<?> onText(String message) {
            return null;
        }

        @Override
        public void onMessageTooLarge(long chars) {}

        @Override
        public void onClosed(int statusCode, String reason) {}

        @Override
        public void onError(Throwable error) {}
    }
}
