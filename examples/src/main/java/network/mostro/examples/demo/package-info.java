/** The one-command trade demo: an in-process relay, a Mostro node and two clients trade end to end. */
package network.mostro.examples.demo;
