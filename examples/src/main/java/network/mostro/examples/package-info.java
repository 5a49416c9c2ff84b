/** Runnable examples: the trade demo, a CLI and a node application (issues #6 and #7; not yet implemented). */
package network.mostro.examples;
