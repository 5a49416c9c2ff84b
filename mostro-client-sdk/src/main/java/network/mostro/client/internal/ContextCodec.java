package network.mostro.client.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import network.mostro.protocol.state.TradeContext;

/**
 * Stores a {@link TradeContext} as name → text pairs, component by component, so the client persists whatever the
 * protocol's state machine tracks without keeping a second list of its facts. Unknown names are ignored and missing
 * ones take the builder's defaults. Stateless and thread-safe.
 */
public final class ContextCodec {
    private static final RecordComponent[] COMPONENTS = TradeContext.class.getRecordComponents();
    private static final TradeContext DEFAULTS = TradeContext.builder().build();

    private ContextCodec() {}

    /** The context as name → value text. */
    public static Map<String, String> encode(TradeContext c) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (RecordComponent rc : COMPONENTS) {
                Object v = rc.getAccessor().invoke(c);
                if (v instanceof Optional<?> o) {
                    v = o.orElse(null);
                }
                if (v != null) {
                    out.put(rc.getName(), v instanceof Enum<?> e ? e.name() : v.toString());
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TradeContext is not readable", e);
        }
        return out;
    }

    /** Rebuilds a context; values that do not parse fall back to the defaults. */
    public static TradeContext decode(Map<String, String> values) {
        try {
            Object[] args = new Object[COMPONENTS.length];
            Class<?>[] types = new Class<?>[COMPONENTS.length];
            for (int i = 0; i < COMPONENTS.length; i++) {
                RecordComponent rc = COMPONENTS[i];
                types[i] = rc.getType();
                Object def = rc.getAccessor().invoke(DEFAULTS);
                String text = values == null ? null : values.get(rc.getName());
                args[i] = text == null ? def : parse(rc, text, def);
            }
            Constructor<TradeContext> ctor = TradeContext.class.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return DEFAULTS;
        }
    }

    private static Object parse(RecordComponent rc, String text, Object def) {
        Class<?> t = rc.getType();
        try {
            if (t == boolean.class) {
                return Boolean.parseBoolean(text);
            }
            if (t == int.class) {
                return Integer.parseInt(text);
            }
            if (t.isEnum()) {
                return enumValue(t, text);
            }
            if (t == Optional.class) {
                Type g = rc.getGenericType();
                if (g instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> inner
                        && inner.isEnum()) {
                    return Optional.of(enumValue(inner, text));
                }
            }
        } catch (RuntimeException e) {
            return def;
        }
        return def;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }
}
