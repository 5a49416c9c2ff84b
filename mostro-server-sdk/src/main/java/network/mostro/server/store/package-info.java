/**
 * The storage SPI of a Mostro node ({@link network.mostro.server.store.OrderStore}) and its records.
 */
package network.mostro.server.store;
