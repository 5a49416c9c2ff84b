package network.mostro.server.price.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import network.mostro.server.price.PriceException;

/**
 * Strict parsers of price provider answers, giving fiat code (upper case) → fiat per BTC. Structure is checked
 * (one JSON object, no duplicate members, no trailing data, depth at most 16, numbers of at most 40 characters);
 * every rate that is kept must be a JSON number in {@code [}{@link #MIN_RATE}{@code , }{@link #MAX_RATE}{@code ]};
 * a single implausible rate rejects the whole answer. Every failure is a {@link PriceException}; no Jackson or
 * runtime exception escapes. Stateless and thread-safe.
 */
public final class RatesParser {
    /** Smallest plausible fiat-per-BTC rate: 10⁻⁸. */
    public static final BigDecimal MIN_RATE = new BigDecimal("1e-8");
    /** Largest plausible fiat-per-BTC rate: 10¹⁵. */
    public static final BigDecimal MAX_RATE = new BigDecimal("1e15");

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxNumberLength(40)
                    .maxStringLength(1024)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RatesParser() {}

    /**
     * Parses Yadio's {@code GET /exrates/BTC}: {@code {"BTC":{"USD":84278.61,...},"base":"BTC","timestamp":<ms>}}.
     * Keys of the {@code BTC} object made of 3–5 upper-case letters other than {@code BTC} itself are kept; every
     * value must be a number (others are skipped but still type-checked). {@code base}, if present, must be
     * {@code "BTC"}; {@code timestamp}, if present, a non-negative integer.
     */
    public static Map<String, BigDecimal> yadio(byte[] body) {
        JsonNode root = object(body, "yadio");
        JsonNode base = root.get("base");
        if (base != null && !(base.isTextual() && base.textValue().equals("BTC"))) {
            throw new PriceException("yadio: base is not \"BTC\"");
        }
        JsonNode ts = root.get("timestamp");
        if (ts != null && !(ts.isIntegralNumber() && ts.canConvertToLong() && ts.longValue() >= 0)) {
            throw new PriceException("yadio: timestamp is not a non-negative integer");
        }
        JsonNode btc = root.get("BTC");
        if (btc == null || !btc.isObject()) {
            throw new PriceException("yadio: no \"BTC\" object");
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : btc.properties()) {
            JsonNode v = e.getValue();
            if (!v.isNumber()) {
                throw new PriceException("yadio: rate of " + code(e.getKey()) + " is not a number");
            }
            if (!isFiatCode(e.getKey()) || e.getKey().equals("BTC")) {
                continue;
            }
            out.put(e.getKey(), rate("yadio", e.getKey(), v.decimalValue()));
        }
        return nonEmpty(out, "yadio");
    }

    /**
     * Parses CoinGecko's {@code GET /api/v3/exchange_rates}:
     * {@code {"rates":{"usd":{"name":"US Dollar","unit":"$","value":84278.61,"type":"fiat"},...}}}. Entries of
     * {@code type} {@code fiat} are kept (except a {@code btc} entry), their keys upper-cased; every entry must be an object with a numeric
     * {@code value} and a string {@code type}.
     */
    public static Map<String, BigDecimal> coinGecko(byte[] body) {
        JsonNode root = object(body, "coingecko");
        JsonNode rates = root.get("rates");
        if (rates == null || !rates.isObject()) {
            throw new PriceException("coingecko: no \"rates\" object");
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : rates.properties()) {
            JsonNode entry = e.getValue();
            JsonNode value = entry.get("value");
            JsonNode type = entry.get("type");
            if (!entry.isObject() || value == null || !value.isNumber() || type == null || !type.isTextual()) {
                throw new PriceException("coingecko: entry " + code(e.getKey()) + " lacks a numeric value or a type");
            }
            if (!type.textValue().equals("fiat")) {
                continue;
            }
            String code = e.getKey().toUpperCase(Locale.ROOT);
            if (!isFiatCode(code)) {
                throw new PriceException("coingecko: fiat entry with an invalid code " + code(e.getKey()));
            }
            if (code.equals("BTC")) {
                continue; // BTC per BTC is not a fiat rate, whatever its type says (fuzz finding)
            }
            if (out.put(code, rate("coingecko", code, value.decimalValue())) != null) {
                throw new PriceException("coingecko: duplicate code " + code);
            }
        }
        return nonEmpty(out, "coingecko");
    }

    /** Whether {@code s} looks like a fiat code: 3–5 ASCII upper-case letters. */
    public static boolean isFiatCode(String s) {
        if (s == null || s.length() < 3 || s.length() > 5) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Checks a rate's plausibility; fails with a {@link PriceException} naming the source and code. */
    public static BigDecimal rate(String source, String code, BigDecimal v) {
        if (v == null || v.signum() <= 0) {
            throw new PriceException(source + ": rate of " + code(code) + " is not positive");
        }
        if (v.compareTo(MIN_RATE) < 0 || v.compareTo(MAX_RATE) > 0) {
            throw new PriceException(source + ": rate of " + code(code) + " is implausible (outside 1e-8..1e15)");
        }
        return v;
    }

    private static JsonNode object(byte[] body, String source) {
        if (body == null || body.length == 0) {
            throw new PriceException(source + ": empty response");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException | NumberFormatException e) { // Jackson throws NumberFormatException for 1e99999999999
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new PriceException(source + ": not JSON: " + code(msg), e);
        }
        if (root == null || !root.isObject()) {
            throw new PriceException(source + ": not a JSON object");
        }
        return root;
    }

    private static Map<String, BigDecimal> nonEmpty(Map<String, BigDecimal> out, String source) {
        if (out.isEmpty()) {
            throw new PriceException(source + ": no fiat rates in the response");
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A printable, length-limited rendering of untrusted text for messages. */
    static String code(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 80; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return "'" + sb + (s.length() > 80 ? "…'" : "'");
    }
}
