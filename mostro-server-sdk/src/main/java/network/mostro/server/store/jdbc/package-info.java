/**
 * The JDBC implementations of the storage SPI: {@link network.mostro.server.store.jdbc.JdbcOrderStore#sqlite
 * SQLite} (a node's embedded default) and {@link network.mostro.server.store.jdbc.JdbcOrderStore#postgres
 * PostgreSQL}. See {@code docs/storage.md} for the schema, migrations and concurrency guarantees.
 */
package network.mostro.server.store.jdbc;
