package network.mostro.protocol.lightning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import network.mostro.nostr.internal.Hex;

/**
 * A decoded, signature-checked BOLT #11 Lightning invoice.
 *
 * <p>Instances come from {@link Bolt11#decode(String)} or {@link Builder#sign(byte[])}; both verify the
 * signature, so {@link #payeeNodeId()} is authentic. The canonical constructor only checks that components
 * are present; it cannot check a signature, so do not build instances by hand from untrusted data.
 *
 * <pre>{@code
 * Bolt11Invoice inv = Bolt11.decode("lnbc2500u1p...");
 * if (inv.amountMsat().isPresent()) { long msat = inv.amountMsat().getAsLong(); }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param paymentRequest the invoice string, lowercase (BOLT #11 readers accept all-uppercase too)
 * @param network the network named by the prefix
 * @param amountMsat the amount in millisatoshis; empty for an amountless (any-amount) invoice
 * @param timestamp creation time (whole seconds)
 * @param paymentHash the 32-byte payment hash, lowercase hex
 * @param paymentSecret the 32-byte payment secret ({@code s}), lowercase hex
 * @param description the {@code d} description; empty when the invoice carries {@code h} instead
 * @param descriptionHash the {@code h} description hash, lowercase hex; empty when it carries {@code d}
 * @param expirySeconds {@code x}, or 3600 when absent
 * @param minFinalCltvExpiryDelta {@code c}, or 18 when absent
 * @param payeeNodeId the payee's 33-byte compressed node key, lowercase hex: the {@code n} field if present
 *     (then the signature was verified against it), else the key recovered from the signature
 * @param payeeNodeIdExplicit whether {@link #payeeNodeId()} came from an {@code n} field
 * @param features the feature bits set in the {@code 9} field, ascending (empty when absent)
 * @param taggedFields every tagged field in invoice order, interpreted or not (route hints, fallbacks,
 *     metadata and unknown fields are only available here)
 * @param signature the 64-byte compact signature {@code r‖s}, lowercase hex
 * @param recoveryId the signature's recovery id, 0–3
 */
public record Bolt11Invoice(
        String paymentRequest,
        LightningNetwork network,
        OptionalLong amountMsat,
        Instant timestamp,
        String paymentHash,
        String paymentSecret,
        Optional<String> description,
        Optional<String> descriptionHash,
        long expirySeconds,
        long minFinalCltvExpiryDelta,
        String payeeNodeId,
        boolean payeeNodeIdExplicit,
        SortedSet<Integer> features,
        List<TaggedField> taggedFields,
        String signature,
        int recoveryId) {

    /** BOLT #11 default expiry when there is no {@code x} field: 3600 s. */
    public static final long DEFAULT_EXPIRY_SECONDS = 3600;
    /** BOLT #11 default min_final_cltv_expiry_delta when there is no {@code c} field: 18 blocks. */
    public static final long DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA = 18;

    /** Copies the collections and checks that nothing is null. */
    public Bolt11Invoice {
        Objects.requireNonNull(paymentRequest, "paymentRequest");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(amountMsat, "amountMsat");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(paymentSecret, "paymentSecret");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(descriptionHash, "descriptionHash");
        Objects.requireNonNull(payeeNodeId, "payeeNodeId");
        Objects.requireNonNull(signature, "signature");
        features = Collections.unmodifiableSortedSet(new TreeSet<>(features));
        taggedFields = List.copyOf(taggedFields);
    }

    /** Whether the invoice leaves the amount to the payer. */
    public boolean isAmountless() {
        return amountMsat.isEmpty();
    }

    /** {@code timestamp + expiry}, saturating at {@link Instant#MAX}-safe bounds for absurd expiries. */
    public Instant expiresAt() {
        long secs;
        try {
            secs = Math.addExact(timestamp.getEpochSecond(), expirySeconds);
        } catch (ArithmeticException e) {
            secs = Long.MAX_VALUE;
        }
        return Instant.ofEpochSecond(Math.min(secs, Instant.MAX.getEpochSecond()));
    }

    /** Whether {@code now} is past {@link #expiresAt()} (strictly later, as rust-lightning's {@code is_expired}). */
    public boolean isExpiredAt(Instant now) {
        return now.isAfter(expiresAt());
    }

    /** Whether feature bit {@code bit} is set. */
    public boolean hasFeature(int bit) {
        return features.contains(bit);
    }

    /** The tagged fields of one type, in invoice order (e.g. {@link TaggedField#ROUTE_HINT}). */
    public List<TaggedField> fields(int type) {
        List<TaggedField> out = new ArrayList<>();
        for (TaggedField f : taggedFields) {
            if (f.type() == type) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** A builder for a new invoice on {@code network}. */
    public static Builder builder(LightningNetwork network) {
        return new Builder(network);
    }

    /**
     * Builds and signs a BOLT #11 invoice with a node private key, for tests and the embedded Lightning
     * backend.
     *
     * <p>Fields are written in the order {@code p s d|h x c n}, then any {@link #addField extra fields}
     * (route hints, fallbacks), then {@code 9}. {@code x} and {@code c} are written only when set. The result
     * is decoded back with {@link Bolt11#decode(String)}, so every rule of the decoder holds for it.
     *
     * <p>Not thread-safe; use one builder per invoice.
     */
    public static final class Builder {
        private final LightningNetwork network;
        private Long amountMsat;
        private Instant timestamp;
        private byte[] paymentHash;
        private byte[] paymentSecret;
        private String description;
        private byte[] descriptionHash;
        private Long expirySeconds;
        private Long minFinalCltv;
        private boolean includePayee;
        private final TreeSet<Integer> features = new TreeSet<>();
        private final List<TaggedField> extra = new ArrayList<>();

        private Builder(LightningNetwork network) {
            this.network = Objects.requireNonNull(network, "network");
        }

        /** Amount in millisatoshis (default: amountless). Must be positive. */
        public Builder amountMsat(long msat) {
            this.amountMsat = msat;
            return this;
        }

        /** Amount in satoshis (default: amountless). Must be positive. */
        public Builder amountSats(long sats) {
            try {
                this.amountMsat = Math.multiplyExact(sats, 1000L);
            } catch (ArithmeticException e) {
                throw Bolt11Error.INVALID_PARAMETER.exception("amount overflows");
            }
            return this;
        }

        /** Creation time, truncated to whole seconds (required). */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** The 32-byte payment hash (required). */
        public Builder paymentHash(byte[] hash32) {
            this.paymentHash = hash32 == null ? null : hash32.clone();
            return this;
        }

        /** The payment hash as 64 hex characters (required). */
        public Builder paymentHash(String hex) {
            return paymentHash(hexBytes(hex, "payment hash"));
        }

        /** The 32-byte payment secret (required). */
        public Builder paymentSecret(byte[] secret32) {
            this.paymentSecret = secret32 == null ? null : secret32.clone();
            return this;
        }

        /** The payment secret as 64 hex characters (required). */
        public Builder paymentSecret(String hex) {
            return paymentSecret(hexBytes(hex, "payment secret"));
        }

        /** A UTF-8 description of at most 639 bytes (this or {@link #descriptionHash} is required). */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The SHA-256 of a long description (this or {@link #description} is required). */
        public Builder descriptionHash(byte[] hash32) {
            this.descriptionHash = hash32 == null ? null : hash32.clone();
            return this;
        }

        /** Expiry in seconds (default: no {@code x} field, meaning 3600). */
        public Builder expirySeconds(long seconds) {
            this.expirySeconds = seconds;
            return this;
        }

        /** min_final_cltv_expiry_delta in blocks (default: no {@code c} field, meaning 18). */
        public Builder minFinalCltvExpiryDelta(long blocks) {
            this.minFinalCltv = blocks;
            return this;
        }

        /** Sets a feature bit (default: none, so no {@code 9} field). */
        public Builder feature(int bit) {
            if (bit < 0 || bit > 5 * TaggedField.MAX_DATA_LENGTH - 1) {
                throw Bolt11Error.INVALID_PARAMETER.exception("feature bit out of range");
            }
            features.add(bit);
            return this;
        }

        /** Whether to write the payee key as an {@code n} field (default: false; readers recover it). */
        public Builder includePayeeNodeId(boolean include) {
            this.includePayee = include;
            return this;
        }

        /** Appends a raw field (route hint, fallback, metadata…) written after the standard fields. */
        public Builder addField(TaggedField field) {
            extra.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /**
         * Signs with a 32-byte node private key and returns the decoded result.
         *
         * @throws InvalidInvoiceException ({@link Bolt11Error#INVALID_PARAMETER}) if a required value is
         *     missing or out of range
         * @throws InvoiceSignatureException ({@link Bolt11Error#INVALID_KEY}) if the key is not a valid scalar
         */
        public Bolt11Invoice sign(byte[] nodePrivateKey) {
            if (timestamp == null) {
                throw Bolt11Error.INVALID_PARAMETER.exception("timestamp is required");
            }
            if (paymentHash == null || paymentHash.length != 32) {
                throw Bolt11Error.INVALID_PARAMETER.exception("a 32-byte payment hash is required");
            }
            if (paymentSecret == null || paymentSecret.length != 32) {
                throw Bolt11Error.INVALID_PARAMETER.exception("a 32-byte payment secret is required");
            }
            if ((description == null) == (descriptionHash == null)) {
                throw Bolt11Error.INVALID_PARAMETER.exception("exactly one of description and description hash");
            }
            if (nodePrivateKey == null) {
                throw Bolt11Error.INVALID_KEY.exception("node private key is required");
            }
            List<TaggedField> fields = new ArrayList<>();
            fields.add(TaggedField.ofBytes(TaggedField.PAYMENT_HASH, paymentHash));
            fields.add(TaggedField.ofBytes(TaggedField.PAYMENT_SECRET, paymentSecret));
            if (description != null) {
                byte[] d = description.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (d.length > 639) {
                    throw Bolt11Error.INVALID_PARAMETER.exception("description longer than 639 bytes");
                }
                fields.add(TaggedField.ofBytes(TaggedField.DESCRIPTION, d));
            } else {
                if (descriptionHash.length != 32) {
                    throw Bolt11Error.INVALID_PARAMETER.exception("description hash must be 32 bytes");
                }
                fields.add(TaggedField.ofBytes(TaggedField.DESCRIPTION_HASH, descriptionHash));
            }
            if (expirySeconds != null) {
                fields.add(Bolt11.integerField(TaggedField.EXPIRY, expirySeconds));
            }
            if (minFinalCltv != null) {
                fields.add(Bolt11.integerField(TaggedField.MIN_FINAL_CLTV, minFinalCltv));
            }
            if (includePayee) {
                fields.add(TaggedField.ofBytes(TaggedField.PAYEE, Bolt11.publicKeyOf(nodePrivateKey)));
            }
            fields.addAll(extra);
            if (!features.isEmpty()) {
                fields.add(Bolt11.featureField(features));
            }
            OptionalLong amount = amountMsat == null ? OptionalLong.empty() : OptionalLong.of(amountMsat);
            return Bolt11.sign(network, amount, timestamp, fields, nodePrivateKey);
        }

        private static byte[] hexBytes(String hex, String what) {
            try {
                return Hex.decode(hex, 32, what);
            } catch (RuntimeException e) {
                throw Bolt11Error.INVALID_PARAMETER.exception(what + " must be 64 hex characters");
            }
        }
    }
}
