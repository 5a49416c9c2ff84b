/**
 * {@code mostro-node}: a runnable Mostro node configured by a mostrod-style {@code settings.toml} (SPEC §17), with
 * environment overrides for secrets, LND or embedded Lightning, SQLite or PostgreSQL, price sources, graceful
 * shutdown and a {@code --check} mode. Entry point: {@link network.mostro.examples.node.MostroNodeApp}. See
 * {@code docs/node-app.md}.
 */
package network.mostro.examples.node;
