/** LNURL-pay and Lightning-address resolution for buyer payouts (SPEC §10.3–§10.4). */
package network.mostro.server.lnurl;
