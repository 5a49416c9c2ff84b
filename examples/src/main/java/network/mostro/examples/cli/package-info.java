/**
 * {@code mostro}: a command-line Mostro client built on {@code mostro-client-sdk}, with the everyday commands of
 * mostro-cli (list orders, new order, take, add invoice, fiat sent, release, cancel, rate, restore, dispute, chat and the
 * admin/solver commands). Each invocation restores its trades from a data directory, syncs with the relays, acts and
 * exits. See {@code docs/cli.md}.
 */
package network.mostro.examples.cli;
