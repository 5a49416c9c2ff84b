/** Implementation of the JDBC order stores; not API. */
package network.mostro.server.store.jdbc.internal;
