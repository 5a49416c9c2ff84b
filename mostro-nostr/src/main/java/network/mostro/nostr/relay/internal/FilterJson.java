package network.mostro.nostr.relay.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.UnsupportedInputException;
import network.mostro.nostr.internal.EventJson;
import network.mostro.nostr.internal.Json;
import network.mostro.nostr.relay.Filter;

/** Strict JSON reading and canonical writing of NIP-01 filters. Stateless and thread-safe. */
public final class FilterJson {
    /** Most values accepted in one filter array (ids, authors, kinds, one tag). */
    static final int MAX_VALUES = 10_000;

    private FilterJson() {}

    /** Appends the filter object: ids, authors, kinds, #tags (by name), since, until, limit; sets sorted. */
    public static StringBuilder write(StringBuilder out, Filter f) {
        out.append('{');
        boolean first = true;
        if (f.ids() != null) {
            first = strings(out, "ids", f.ids(), first);
        }
        if (f.authors() != null) {
            first = strings(out, "authors", f.authors(), first);
        }
        if (f.kinds() != null) {
            first = comma(out, first);
            out.append("\"kinds\":[");
            List<Integer> ks = new ArrayList<>(f.kinds());
            ks.sort(null);
            for (int i = 0; i < ks.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(ks.get(i).intValue());
            }
            out.append(']');
        }
        for (Map.Entry<String, Set<String>> e : f.tags().entrySet()) {
            first = strings(out, "#" + e.getKey(), e.getValue(), first);
        }
        if (f.since() != null) {
            first = comma(out, first);
            out.append("\"since\":").append(f.since().longValue());
        }
        if (f.until() != null) {
            first = comma(out, first);
            out.append("\"until\":").append(f.until().longValue());
        }
        if (f.limit() != null) {
            comma(out, first);
            out.append("\"limit\":").append(f.limit().intValue());
        }
        return out.append('}');
    }

    private static boolean comma(StringBuilder out, boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    private static boolean strings(StringBuilder out, String name, Set<String> values, boolean first) {
        comma(out, first);
        Json.quote(out, name).append(":[");
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(null);
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Json.quote(out, sorted.get(i));
        }
        out.append(']');
        return false;
    }

    /** Parses one filter object from text. */
    public static Filter parse(String json) {
        if (json == null) {
            throw new MalformedInputException("filter JSON is null");
        }
        try (JsonParser p = EventJson.factory().createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedInputException("filter JSON is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException("filter must be a JSON object");
            }
            Filter f = readObject(p);
            if (p.nextToken() != null) {
                throw new MalformedInputException("trailing data after the filter object");
            }
            return f;
        } catch (JsonParseException | StreamConstraintsException e) {
            throw new MalformedInputException("filter is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedInputException("filter is not valid JSON", e);
        }
    }

    /** Reads a filter object whose START_OBJECT has just been consumed. */
    public static Filter readObject(JsonParser p) throws IOException {
        Set<String> ids = null;
        Set<String> authors = null;
        Set<Integer> kinds = null;
        Map<String, Set<String>> tags = new HashMap<>();
        Long since = null;
        Long until = null;
        Integer limit = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "ids" -> ids = stringSet(p, v, name);
                case "authors" -> authors = stringSet(p, v, name);
                case "kinds" -> kinds = intSet(p, v);
                case "since" -> since = nonNegative(p, v, name);
                case "until" -> until = nonNegative(p, v, name);
                case "limit" -> {
                    long l = nonNegative(p, v, name);
                    limit = (int) Math.min(l, Integer.MAX_VALUE);
                }
                default -> {
                    if (name.length() == 2 && name.charAt(0) == '#') {
                        tags.put(name.substring(1), stringSet(p, v, name));
                    } else {
                        throw new UnsupportedInputException("unsupported filter member: " + excerpt(name));
                    }
                }
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new MalformedInputException("unterminated filter object");
        }
        return new Filter(ids, authors, kinds, tags, since, until, limit);
    }

    private static String excerpt(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }

    private static Set<String> stringSet(JsonParser p, JsonToken v, String what) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new InvalidInputException("filter " + what + " must be an array");
        }
        Set<String> out = new LinkedHashSet<>();
        JsonToken e;
        while ((e = p.nextToken()) == JsonToken.VALUE_STRING) {
            if (out.size() >= MAX_VALUES) {
                throw new InvalidInputException("filter " + what + " has more than " + MAX_VALUES + " values");
            }
            out.add(p.getText());
        }
        if (e != JsonToken.END_ARRAY) {
            throw new InvalidInputException("filter " + what + " must hold strings only");
        }
        return out;
    }

    private static Set<Integer> intSet(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new InvalidInputException("filter kinds must be an array");
        }
        Set<Integer> out = new LinkedHashSet<>();
        JsonToken e;
        while ((e = p.nextToken()) == JsonToken.VALUE_NUMBER_INT) {
            if (out.size() >= MAX_VALUES) {
                throw new InvalidInputException("filter kinds has more than " + MAX_VALUES + " values");
            }
            if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0 || p.getIntValue() > 65535) {
                throw new InvalidInputException("filter kinds must be between 0 and 65535");
            }
            out.add(p.getIntValue());
        }
        if (e != JsonToken.END_ARRAY) {
            throw new InvalidInputException("filter kinds must hold integers only");
        }
        return out;
    }

    private static long nonNegative(JsonParser p, JsonToken v, String what) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidInputException("filter " + what + " must be an integer");
        }
        long l = p.getLongValue();
        if (l < 0) {
            throw new InvalidInputException("filter " + what + " must not be negative");
        }
        return l;
    }
}
