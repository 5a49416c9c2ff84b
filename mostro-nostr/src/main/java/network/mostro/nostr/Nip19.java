package network.mostro.nostr;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import network.mostro.nostr.internal.Hex;

/**
 * A NIP-19 bech32 entity: {@code npub}, {@code nsec}, {@code note}, {@code nprofile}, {@code nevent} or
 * {@code naddr}.
 *
 * <pre>{@code
 * switch (Nip19.decode(text)) {
 *     case Nip19.Npub n -> follow(n.publicKey());
 *     case Nip19.Nprofile p -> follow(p.publicKey(), p.relays());
 *     case Nip19.Nevent e -> fetch(e.eventId(), e.relays());
 *     default -> reject();
 * }
 * }</pre>
 *
 * <p>Decoding accepts all-lowercase or all-uppercase bech32 (not bech32m) of at most {@link #MAX_LENGTH}
 * characters. In the TLV entities, unknown TLV types are ignored as NIP-19 requires; when a single-valued
 * type (special, author, kind) repeats, the first occurrence wins; empty relay values are skipped. At most
 * {@link #MAX_RELAYS} relays are read. The deprecated {@code nrelay} is not supported.
 *
 * <p>All implementations are immutable records and thread-safe.
 *
 * @see <a href="https://github.com/nostr-protocol/nips/blob/master/19.md">NIP-19</a>
 */
public sealed interface Nip19 permits Nip19.Npub, Nip19.Nsec, Nip19.Note, Nip19.Nprofile, Nip19.Nevent, Nip19.Naddr {
    /** The longest bech32 string {@link #decode} accepts (and {@link #encode} produces). */
    int MAX_LENGTH = 5000;
    /** The most relays a TLV entity may carry. */
    int MAX_RELAYS = 64;
    /** The longest relay URL, in UTF-8 bytes (the TLV length is one byte). */
    int MAX_RELAY_BYTES = 255;

    /** The bech32 prefix ({@code npub}, {@code nsec}, …). */
    String hrp();

    /**
     * The bech32 string, lowercase.
     *
     * @throws InvalidInputException if the result would exceed {@link #MAX_LENGTH}
     */
    String encode();

    /**
     * Decodes any supported NIP-19 entity.
     *
     * @throws MalformedInputException if {@code bech32} is not valid bech32 (checksum, case, characters,
     *     padding) or a TLV list is truncated
     * @throws InvalidInputException if too long, or a value has the wrong length, or a required TLV is missing
     * @throws UnsupportedInputException for a prefix this SDK does not handle (for example {@code nrelay})
     * @throws CryptoException if a key is not a valid secp256k1 key
     */
    static Nip19 decode(String bech32) {
        return Nip19Codec.decode(bech32);
    }

    /**
     * A public key, {@code npub1…}.
     *
     * @param publicKey the x-only key
     */
    record Npub(PublicKey publicKey) implements Nip19 {
        public Npub {
            Nip19Codec.require(publicKey, "publicKey");
        }

        @Override
        public String hrp() {
            return "npub";
        }

        @Override
        public String encode() {
            return Nip19Codec.encodeBytes("npub", publicKey.rawBytes());
        }
    }

    /**
     * A private key, {@code nsec1…}. Its {@code toString()} shows only the public key.
     *
     * @param privateKey the secret key
     */
    record Nsec(PrivateKey privateKey) implements Nip19 {
        public Nsec {
            Nip19Codec.require(privateKey, "privateKey");
        }

        @Override
        public String hrp() {
            return "nsec";
        }

        /** The {@code nsec1…} string. Handle with care: it is the secret. */
        @Override
        public String encode() {
            return Nip19Codec.encodeBytes("nsec", privateKey.toBytes());
        }
    }

    /**
     * An event id, {@code note1…}.
     *
     * @param eventId 64 hex characters (stored lowercase)
     */
    record Note(String eventId) implements Nip19 {
        public Note {
            eventId = Nip19Codec.normalizeId(eventId);
        }

        @Override
        public String hrp() {
            return "note";
        }

        @Override
        public String encode() {
            return Nip19Codec.encodeBytes("note", Hex.decode(eventId, 32, "event id"));
        }
    }

    /**
     * A profile with relay hints, {@code nprofile1…}.
     *
     * @param publicKey the profile's key (TLV 0)
     * @param relays relay URLs where the profile is likely found (TLV 1), possibly empty
     */
    record Nprofile(PublicKey publicKey, List<String> relays) implements Nip19 {
        public Nprofile {
            Nip19Codec.require(publicKey, "publicKey");
            relays = Nip19Codec.checkRelays(relays);
        }

        @Override
        public String hrp() {
            return "nprofile";
        }

        @Override
        public String encode() {
            var tlv = new Nip19Codec.TlvWriter();
            tlv.add(0, publicKey.rawBytes());
            tlv.addRelays(relays);
            return tlv.encode("nprofile");
        }
    }

    /**
     * An event pointer, {@code nevent1…}.
     *
     * @param eventId 64 hex characters, stored lowercase (TLV 0)
     * @param relays relay hints (TLV 1), possibly empty
     * @param author the event's author, if given (TLV 2)
     * @param kind the event's kind, if given (TLV 3, 32-bit unsigned)
     */
    record Nevent(String eventId, List<String> relays, Optional<PublicKey> author, OptionalLong kind)
            implements Nip19 {
        public Nevent {
            eventId = Nip19Codec.normalizeId(eventId);
            relays = Nip19Codec.checkRelays(relays);
            Nip19Codec.require(author, "author");
            Nip19Codec.require(kind, "kind");
            if (kind.isPresent()) {
                Nip19Codec.checkKind(kind.getAsLong());
            }
        }

        /** An event pointer without relays, author or kind. */
        public Nevent(String eventId) {
            this(eventId, List.of(), Optional.empty(), OptionalLong.empty());
        }

        @Override
        public String hrp() {
            return "nevent";
        }

        @Override
        public String encode() {
            var tlv = new Nip19Codec.TlvWriter();
            tlv.add(0, Hex.decode(eventId, 32, "event id"));
            tlv.addRelays(relays);
            author.ifPresent(a -> tlv.add(2, a.rawBytes()));
            if (kind.isPresent()) {
                tlv.add(3, Nip19Codec.kindBytes(kind.getAsLong()));
            }
            return tlv.encode("nevent");
        }
    }

    /**
     * An addressable (parameterized replaceable, NIP-01/NIP-33) event coordinate, {@code naddr1…}; Mostro's
     * order events (kind 38383) are addressable.
     *
     * @param identifier the {@code d} tag value, possibly empty (TLV 0)
     * @param author the event's author (TLV 2)
     * @param kind the event's kind (TLV 3, 32-bit unsigned)
     * @param relays relay hints (TLV 1), possibly empty
     */
    record Naddr(String identifier, PublicKey author, long kind, List<String> relays) implements Nip19 {
        public Naddr {
            Nip19Codec.require(identifier, "identifier");
            Nip19Codec.require(author, "author");
            Nip19Codec.checkKind(kind);
            relays = Nip19Codec.checkRelays(relays);
            if (Nip19Codec.utf8(identifier).length > 255) {
                throw new InvalidInputException("naddr identifier longer than 255 bytes");
            }
        }

        @Override
        public String hrp() {
            return "naddr";
        }

        @Override
        public String encode() {
            var tlv = new Nip19Codec.TlvWriter();
            tlv.add(0, Nip19Codec.utf8(identifier));
            tlv.addRelays(relays);
            tlv.add(2, author.rawBytes());
            tlv.add(3, Nip19Codec.kindBytes(kind));
            return tlv.encode("naddr");
        }
    }
}
