/**
 * Shared HTTP plumbing of the server SDK's outbound clients (LNURL-pay, price sources): GET requests with a
 * deadline and a response size limit enforced while reading. Not part of the public API.
 */
package network.mostro.server.internal.http;
