/** Implementation of the testkit; not API, may change in any release. */
package network.mostro.testkit.internal;
