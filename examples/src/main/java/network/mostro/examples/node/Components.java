package network.mostro.examples.node;

import java.util.ArrayList;
import java.util.List;
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
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.embedded.EmbeddedLightning;
import network.mostro.server.lightning.lnd.LndBackend;
import network.mostro.server.price.CoinGeckoPriceSource;
import network.mostro.server.price.MedianPriceSource;
import network.mostro.server.price.PriceSource;
import network.mostro.server.price.YadioPriceSource;
import network.mostro.server.store.OrderStore;
import network.mostro.server.store.jdbc.JdbcOrderStore;

/** Builds the SDK components a {@link NodeConfig} names; shared by the runner and {@code --check}. Stateless. */
final class Components {
    private Components() {}

    /** A Lightning backend and what closing it takes (the embedded network too). */
    record Lightning(LightningBackend backend, AutoCloseable owner, String description) implements AutoCloseable {
        @Override
        public void close() {
            try {
                backend.close();
            } finally {
                if (owner != null) {
                    try {
                        owner.close();
                    } catch (Exception e) {
                        // closing the embedded network never throws a checked exception; nothing else to do
                    }
                }
            }
        }
    }

    /**
     * Builds the backend (LND reads its macaroon and certificate here).
     *
     * @throws network.mostro.nostr.NostrException if LND's files cannot be read or parsed
     */
    static Lightning lightning(LightningConfig cfg) {
        if (cfg instanceof Embedded) {
            EmbeddedLightning ln = EmbeddedLightning.builder().build();
            return new Lightning(ln.node("mostro"), ln, "embedded Lightning (demo/dev only)");
        }
        Lnd lnd = (Lnd) cfg;
        LndBackend.Builder b = LndBackend.builder().restUrl(lnd.restUrl()).tlsCertificate(lnd.certFile())
                .verifyHostname(lnd.verifyHostname());
        lnd.macaroonFile().ifPresent(b::macaroonFile);
        lnd.macaroonHex().ifPresent(b::macaroonHex);
        return new Lightning(b.build(), null, "LND at " + lnd.restUrl());
    }

    /**
     * Opens the store; migrations run here.
     *
     * @throws network.mostro.nostr.NostrException if the database cannot be opened or migrated
     */
    static OrderStore store(DatabaseConfig cfg) {
        if (cfg instanceof Sqlite s) {
            return JdbcOrderStore.sqlite(s.file());
        }
        Postgres p = (Postgres) cfg;
        return JdbcOrderStore.postgres(p.jdbcUrl(), p.user(), p.password());
    }

    /** One source per provider, unshared. */
    static List<PriceSource> sources(PriceConfig cfg) {
        List<PriceSource> out = new ArrayList<>();
        for (Provider p : cfg.providers()) {
            out.add(source(p, cfg));
        }
        return out;
    }

    static PriceSource source(Provider p, PriceConfig cfg) {
        if (p instanceof Yadio y) {
            return YadioPriceSource.builder().baseUrl(y.baseUrl()).timeout(cfg.timeout()).build();
        }
        if (p instanceof CoinGecko c) {
            return CoinGeckoPriceSource.builder().baseUrl(c.baseUrl()).apiKey(c.apiKey()).timeout(cfg.timeout())
                    .build();
        }
        return PriceSource.fixed(((Fixed) p).rates());
    }

    /** The node's price source: none, the single provider, or the median of several. */
    static PriceSource priceSource(PriceConfig cfg) {
        List<PriceSource> list = sources(cfg);
        if (list.isEmpty()) {
            return null;
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return MedianPriceSource.builder().addAll(list).maxDeviation(cfg.maxDeviation())
                .sourceTimeout(cfg.timeout().plusSeconds(5)).build();
    }
}
