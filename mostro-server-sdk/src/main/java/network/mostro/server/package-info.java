/**
 * {@code MostroNode}: run a Mostro node with pluggable Lightning, storage and prices (issue #5, not yet
 * implemented; this package is a placeholder so the reactor builds).
 */
package network.mostro.server;
