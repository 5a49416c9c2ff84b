/**
 * Test support for the Mostro SDK: {@link network.mostro.testkit.MockRelay}, an in-memory Nostr relay on a real
 * WebSocket with fault injection, and its JUnit 5 extension.
 */
package network.mostro.testkit;
