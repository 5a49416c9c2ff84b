/**
 * Implementation of the price sources: strict parsers of the providers' JSON and the shared HTTP fetch. Not part of
 * the public API.
 */
package network.mostro.server.price.internal;
