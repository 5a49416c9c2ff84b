/** Bitcoin price sources for market orders (SPEC §9.1). */
package network.mostro.server.price;
