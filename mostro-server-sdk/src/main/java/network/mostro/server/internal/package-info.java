/** Implementation of {@code MostroNode}; not public API. */
package network.mostro.server.internal;
