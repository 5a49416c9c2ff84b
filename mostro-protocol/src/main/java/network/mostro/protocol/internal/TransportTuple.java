package network.mostro.protocol.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import network.mostro.nostr.internal.Json;
import network.mostro.protocol.InvalidMessageException;
import network.mostro.protocol.MalformedMessageException;
import network.mostro.protocol.Message;

/**
 * Reads and writes the transport content tuples of SPEC §3: {@code [message, trade_sig|null]} (v1 rumor) and
 * {@code [message, trade_sig|null, [identity_pk, identity_sig]|null]} (v2). Writing is compact, as mostro-core's
 * {@code serde_json::to_string}. Immutable and thread-safe.
 */
public final class TransportTuple {

    /** Why a tuple was rejected. */
    public enum Problem {
        /** Not JSON, not an array of the right arity, or an element of the wrong type or shape. */
        MALFORMED_TUPLE,
        /** Element 0 is JSON but not a Mostro message mostro-core would parse. */
        UNPARSEABLE_MESSAGE
    }

    /** A rejected tuple; {@link #problem()} says which kind. */
    public static final class TupleException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        TupleException(Problem problem, String message, Throwable cause) {
            super(message, cause, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * A parsed tuple. Hex strings are as received (lowercased); null members were JSON {@code null}.
     *
     * @param message element 0
     * @param tradeSig element 1: 128 hex characters, or null
     * @param identityPubkey element 2[0]: 64 hex characters, or null
     * @param identitySig element 2[1]: 128 hex characters, or null
     */
    public record Parsed(Message message, String tradeSig, String identityPubkey, String identitySig) {}

    private final JsonFactory factory;
    private final MessageReader reader;
    private final int maxChars;

    /**
     * A reader whose message element obeys the given limits (those of {@code DecodeLimits}); the whole tuple may be
     * 1 KiB longer than {@code maxJsonChars}.
     */
    public TransportTuple(int maxJsonChars, int maxDepth, int maxStringChars, int maxListLength) {
        this.maxChars = maxJsonChars + 1024;
        this.reader = new MessageReader(maxJsonChars, maxDepth, maxStringChars, maxListLength);
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth + 2)
                        .maxNumberLength(100)
                        .maxStringLength(maxChars)
                        .maxDocumentLength(maxChars)
                        .build())
                .build();
    }

    /** {@code [message_json,sig|null,[pk,sig]|null]} (v2), compact. */
    public static String writeV2(String messageJson, String tradeSig, String identityPubkey, String identitySig) {
        StringBuilder b = new StringBuilder(messageJson.length() + 300);
        b.append('[').append(messageJson).append(',');
        appendNullable(b, tradeSig);
        b.append(',');
        if (identityPubkey == null) {
            b.append("null");
        } else {
            b.append('[');
            Json.quote(b, identityPubkey);
            b.append(',');
            Json.quote(b, identitySig);
            b.append(']');
        }
        return b.append(']').toString();
    }

    /** {@code [message_json,sig|null]} (v1 rumor content), compact. */
    public static String writeV1(String messageJson, String tradeSig) {
        StringBuilder b = new StringBuilder(messageJson.length() + 140);
        b.append('[').append(messageJson).append(',');
        appendNullable(b, tradeSig);
        return b.append(']').toString();
    }

    private static void appendNullable(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
        } else {
            Json.quote(b, s);
        }
    }

    /**
     * Parses a tuple of exactly {@code arity} elements (2 for v1, 3 for v2).
     *
     * @throws TupleException with the problem found
     */
    public Parsed parse(String json, int arity) throws TupleException {
        if (json == null || json.length() > maxChars) {
            throw new TupleException(Problem.MALFORMED_TUPLE, "tuple missing or longer than " + maxChars, null);
        }
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw malformed("content is not a JSON array");
            }
            if (p.nextToken() == JsonToken.END_ARRAY) {
                throw malformed("empty tuple");
            }
            Message message;
            try {
                message = reader.read(p, "$[0]");
            } catch (MalformedMessageException e) {
                throw new TupleException(Problem.MALFORMED_TUPLE, e.getMessage(), e);
            } catch (InvalidMessageException e) {
                throw new TupleException(Problem.UNPARSEABLE_MESSAGE, e.getMessage(), e);
            }
            if (p.nextToken() == JsonToken.END_ARRAY) {
                throw malformed("tuple has 1 element, expected " + arity);
            }
            String tradeSig = p.currentToken() == JsonToken.VALUE_NULL ? null : hex(p, 64, "trade signature");
            String idPk = null;
            String idSig = null;
            JsonToken t = p.nextToken();
            if (arity == 3) {
                if (t == JsonToken.END_ARRAY) {
                    throw malformed("tuple has 2 elements, expected 3");
                }
                if (t == JsonToken.START_ARRAY) {
                    p.nextToken();
                    idPk = hex(p, 32, "identity public key");
                    p.nextToken();
                    idSig = hex(p, 64, "identity signature");
                    if (p.nextToken() != JsonToken.END_ARRAY) {
                        throw malformed("identity proof must be [pubkey, signature]");
                    }
                } else if (t != JsonToken.VALUE_NULL) {
                    throw malformed("identity proof must be an array or null");
                }
                t = p.nextToken();
            }
            if (t != JsonToken.END_ARRAY) {
                throw malformed("tuple has more than " + arity + " elements");
            }
            if (p.nextToken() != null) {
                throw malformed("trailing data after the tuple");
            }
            return new Parsed(message, tradeSig, idPk, idSig);
        } catch (IOException e) {
            throw new TupleException(Problem.MALFORMED_TUPLE, "content is not valid JSON", e);
        } catch (RuntimeException e) {
            // Jackson constraint violations and any other parser failure are a malformed tuple, never an escape.
            throw new TupleException(Problem.MALFORMED_TUPLE, "content rejected: " + e.getClass().getSimpleName(), e);
        }
    }

    private static String hex(JsonParser p, int bytes, String what) throws IOException, TupleException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(what + " must be a hex string");
        }
        String s = p.getText();
        if (s.length() != bytes * 2) {
            throw malformed(what + " must be " + (bytes * 2) + " hex characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                throw malformed(what + " is not hex");
            }
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    private static TupleException malformed(String message) {
        return new TupleException(Problem.MALFORMED_TUPLE, message, null);
    }
}
