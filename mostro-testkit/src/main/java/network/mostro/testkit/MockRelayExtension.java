package network.mostro.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test method a fresh, started {@link MockRelay} and closes it afterwards.
 *
 * <p>Either inject it as a parameter:
 * <pre>{@code
 * @ExtendWith(MockRelayExtension.class)
 * class MyTest {
 *     @Test void publishes(MockRelay relay) { ... relay.uri() ... }
 * }
 * }</pre>
 * or register it with settings and read {@link #relay()}:
 * <pre>{@code
 * @RegisterExtension
 * final MockRelayExtension relays = new MockRelayExtension(b -> b.requireAuth(true));
 * @Test void auth() { ... relays.relay().uri() ... }
 * }</pre>
 *
 * <p>The relay is started before {@code @BeforeEach} methods run, so they may take it as a parameter too.
 * {@code @BeforeAll} methods cannot (the relay lives for one test method).
 *
 * <p>Thread-safe for parallel test execution: each test's relay lives in that test's extension context;
 * with parallel methods, prefer parameter injection over {@link #relay()}, which returns the relay of the
 * most recently started test.
 */
public final class MockRelayExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockRelayExtension.class);
    private static final String KEY = "relay";

    private final Consumer<MockRelay.Builder> settings;
    private volatile MockRelay current;

    /** Relays with default settings. */
    public MockRelayExtension() {
        this(b -> { });
    }

    /** Relays configured by {@code settings}, applied to a fresh {@link MockRelay#builder()} for each test. */
    public MockRelayExtension(Consumer<MockRelay.Builder> settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The relay of the running test.
     *
     * @throws IllegalStateException outside a test method
     */
    public MockRelay relay() {
        MockRelay r = current;
        if (r == null) {
            throw new IllegalStateException("no MockRelay is running (only available during a test method)");
        }
        return r;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        MockRelay.Builder b = MockRelay.builder();
        settings.accept(b);
        MockRelay relay = b.start();
        context.getStore(NAMESPACE).put(KEY, relay);
        current = relay;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MockRelay relay = context.getStore(NAMESPACE).remove(KEY, MockRelay.class);
        if (relay != null) {
            if (current == relay) {
                current = null;
            }
            relay.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MockRelay.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        MockRelay relay = extensionContext.getStore(NAMESPACE).get(KEY, MockRelay.class);
        if (relay == null) {
            throw new org.junit.jupiter.api.extension.ParameterResolutionException(
                    "MockRelay is only available to test methods and @BeforeEach/@AfterEach methods");
        }
        return relay;
    }
}
