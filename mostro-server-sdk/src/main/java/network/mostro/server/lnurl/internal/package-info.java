/**
 * Implementation of LNURL-pay resolution: the SSRF address policy, the LUD-06 response parser and the HTTP
 * resolver behind {@link network.mostro.server.lnurl.HttpLnurlPay}. Not part of the public API.
 */
package network.mostro.server.lnurl.internal;
