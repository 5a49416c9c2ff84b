package network.mostro.nostr;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import network.mostro.nostr.internal.Bip340Batch;
import network.mostro.nostr.internal.EcMult;
import network.mostro.nostr.internal.Hex;

/**
 * BIP-340 batch verification: checks many signatures at once, several times faster than verifying them
 * one by one (order-book ingestion, relay back-fill). A batch is accepted only if <em>every</em>
 * signature is valid; a forged batch passes with probability below 2⁻¹²⁸ (randomizers come from a
 * {@link SecureRandom}). Signatures by the same key are cheaper still: a Mostro node's order events all
 * share one author.
 *
 * <p>When a batch fails, {@link #findInvalid} and {@link #findInvalidEvents} name the culprits by
 * bisection, falling back to single verification for small groups, so the answer is exactly what
 * {@link Schnorr#verify} would say for each item.
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchVerifier {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Items per multi-scalar multiplication; bounds memory, costs one extra doubling chain per chunk. */
    static final int CHUNK = 512;
    /** Below this size the bisection verifies items one by one. */
    static final int SINGLE_BELOW = 8;

    private BatchVerifier() {}

    /**
     * One signature to check: a key, the signed message (Nostr signs 32-byte event ids) and a 64-byte
     * BIP-340 signature. The arrays are copied on construction and on access. Immutable and thread-safe.
     *
     * @param key the signer
     * @param message the signed bytes, any length
     * @param signature the signature; any other length than 64 makes the item invalid (never an exception)
     */
    public record Item(PublicKey key, byte[] message, byte[] signature) {
        public Item {
            Objects.requireNonNull(key, "key");
            message = Objects.requireNonNull(message, "message").clone();
            signature = Objects.requireNonNull(signature, "signature").clone();
        }

        /**
         * The signature of an event over its id, as {@link Event#verifySignature()} checks it (the id is not
         * recomputed from the content here; compare {@link Event#computeId()} first where that matters).
         *
         * @param event the event
         * @return the item
         */
        public static Item of(Event event) {
            return new Item(event.pubkey(), Hex.decode(event.id(), 32, "id"), Hex.decode(event.sig(), 64, "sig"));
        }

        @Override
        public byte[] message() {
            return message.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item other && key.equals(other.key)
                    && java.util.Arrays.equals(message, other.message)
                    && java.util.Arrays.equals(signature, other.signature);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * key.hashCode() + java.util.Arrays.hashCode(message))
                    + java.util.Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "Item[key=" + key.toHex() + ", message=" + Hex.encode(message) + ", signature="
                    + Hex.encode(signature) + "]";
        }
    }

    /** True when every item's signature is valid (an empty list is valid). */
    public static boolean verify(List<Item> items) {
        return verify(items, RANDOM);
    }

    /** The indices (ascending) of the items whose signature is invalid; empty when all are valid. */
    public static List<Integer> findInvalid(List<Item> items) {
        return findInvalid(items, RANDOM);
    }

    /**
     * True when every event's id matches its content and its signature is valid: {@link Event#verify()}
     * for all of them, with the signatures checked as one batch.
     */
    public static boolean verifyEvents(List<Event> events) {
        List<Item> items = new ArrayList<>(events.size());
        for (Event e : events) {
            if (!e.computeId().equals(e.id())) {
                return false;
            }
            items.add(Item.of(e));
        }
        return verify(items);
    }

    /** The indices (ascending) of the events for which {@link Event#verify()} is false; empty if none. */
    public static List<Integer> findInvalidEvents(List<Event> events) {
        List<Integer> bad = new ArrayList<>();
        List<Item> items = new ArrayList<>(events.size());
        List<Integer> where = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (!e.computeId().equals(e.id())) {
                bad.add(i);
            } else {
                items.add(Item.of(e));
                where.add(i);
            }
        }
        for (int j : findInvalid(items)) {
            bad.add(where.get(j));
        }
        Collections.sort(bad);
        return bad;
    }


    // Package-private with an injectable randomness source for tests.

    static boolean verify(List<Item> items, Random random) {
        Prepared p = new Prepared(items);
        for (int from = 0; from < p.size; from += CHUNK) {
            if (!p.verifyRange(from, Math.min(p.size, from + CHUNK), random)) {
                return false;
            }
        }
        return true;
    }

    static List<Integer> findInvalid(List<Item> items, Random random) {
        Prepared p = new Prepared(items);
        List<Integer> bad = new ArrayList<>();
        for (int from = 0; from < p.size; from += CHUNK) {
            bisect(p, from, Math.min(p.size, from + CHUNK), random, bad);
        }
        return bad;
    }

    private static void bisect(Prepared p, int from, int to, Random random, List<Integer> bad) {
        if (to - from < SINGLE_BELOW) {
            for (int i = from; i < to; i++) {
                if (!p.items.get(i).key.verify(p.msgs[i], p.sigs[i])) {
                    bad.add(i);
                }
            }
            return;
        }
        if (p.verifyRange(from, to, random)) {
            return;
        }
        int mid = (from + to) >>> 1;
        bisect(p, from, mid, random, bad);
        bisect(p, mid, to, random, bad);
    }

    /** Items grouped by distinct key, ready for {@link Bip340Batch}. */
    private static final class Prepared {
        final List<Item> items;
        final int size;
        final byte[][] msgs;
        final byte[][] sigs;
        final int[] keyOf;
        final EcMult.KeyTable[] tables;
        final byte[][] keyXs;

        Prepared(List<Item> items) {
            this.items = items;
            this.size = items.size();
            msgs = new byte[size][];
            sigs = new byte[size][];
            keyOf = new int[size];
            Map<PublicKey, Integer> index = new HashMap<>();
            List<PublicKey> distinct = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Item it = Objects.requireNonNull(items.get(i), "item");
                msgs[i] = it.message;
                sigs[i] = it.signature;
                Integer k = index.get(it.key);
                if (k == null) {
                    k = distinct.size();
                    index.put(it.key, k);
                    distinct.add(it.key);
                }
                keyOf[i] = k;
            }
            tables = new EcMult.KeyTable[distinct.size()];
            keyXs = new byte[distinct.size()][];
            for (int k = 0; k < tables.length; k++) {
                tables[k] = distinct.get(k).verifyTable();
                keyXs[k] = distinct.get(k).rawBytes();
            }
        }

        boolean verifyRange(int from, int to, Random random) {
            return Bip340Batch.verify(tables, keyXs, keyOf, msgs, sigs, from, to, random);
        }
    }
}
