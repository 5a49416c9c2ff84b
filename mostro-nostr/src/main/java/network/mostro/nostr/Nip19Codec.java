package network.mostro.nostr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import network.mostro.nostr.internal.Bech32;
import network.mostro.nostr.internal.Hex;

/** NIP-19 encoding and TLV parsing behind {@link Nip19}. Stateless and thread-safe. */
final class Nip19Codec {
    private Nip19Codec() {}

    static void require(Object value, String name) {
        if (value == null) {
            throw new InvalidInputException(name + " is required");
        }
    }

    static String normalizeId(String id) {
        if (id == null) {
            throw new InvalidInputException("eventId is required");
        }
        return Hex.encode(Hex.decode(id, 32, "event id"));
    }

    static void checkKind(long kind) {
        if (kind < 0 || kind > 0xffffffffL) {
            throw new InvalidInputException("kind must be a 32-bit unsigned integer");
        }
    }

    static byte[] kindBytes(long kind) {
        return new byte[] {(byte) (kind >>> 24), (byte) (kind >>> 16), (byte) (kind >>> 8), (byte) kind};
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> checkRelays(List<String> relays) {
        if (relays == null) {
            throw new InvalidInputException("relays is required (use an empty list)");
        }
        if (relays.size() > Nip19.MAX_RELAYS) {
            throw new InvalidInputException("at most " + Nip19.MAX_RELAYS + " relays");
        }
        List<String> out = new ArrayList<>(relays.size());
        for (String r : relays) {
            if (r == null || r.isEmpty()) {
                throw new InvalidInputException("relay URLs must be non-empty");
            }
            if (utf8(r).length > Nip19.MAX_RELAY_BYTES) {
                throw new InvalidInputException("relay URL longer than " + Nip19.MAX_RELAY_BYTES + " bytes");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    static String encodeBytes(String hrp, byte[] bytes) {
        return Bech32.encode(hrp, Bech32.toWords(bytes));
    }

    /** Decodes a bare 32-byte entity ({@code npub}, {@code nsec}, {@code note}) with the expected prefix. */
    static byte[] decodeBytes32(String bech32, String expectedHrp) {
        var d = Bech32.decode(bech32, Nip19.MAX_LENGTH);
        if (!d.hrp().equals(expectedHrp)) {
            throw new InvalidInputException("expected " + expectedHrp + ", got prefix '" + safeHrp(d.hrp()) + "'");
        }
        return bytes32(d.data(), expectedHrp);
    }

    private static byte[] bytes32(byte[] words, String hrp) {
        byte[] b = Bech32.fromWords(words);
        if (b.length != 32) {
            throw new InvalidInputException(hrp + " must hold 32 bytes, got " + b.length);
        }
        return b;
    }

    private static String safeHrp(String hrp) {
        return hrp.length() > 16 ? hrp.substring(0, 16) + "…" : hrp;
    }

    static Nip19 decode(String bech32) {
        var d = Bech32.decode(bech32, Nip19.MAX_LENGTH);
        String hrp = d.hrp();
        switch (hrp) {
            case "npub":
                return new Nip19.Npub(PublicKey.fromBytes(bytes32(d.data(), hrp)));
            case "nsec": {
                byte[] sk = bytes32(d.data(), hrp);
                try {
                    return new Nip19.Nsec(PrivateKey.fromBytes(sk));
                } finally {
                    java.util.Arrays.fill(sk, (byte) 0);
                }
            }
            case "note":
                return new Nip19.Note(Hex.encode(bytes32(d.data(), hrp)));
            case "nprofile":
            case "nevent":
            case "naddr":
                return decodeTlv(hrp, Bech32.fromWords(d.data()));
            default:
                throw new UnsupportedInputException("unsupported NIP-19 prefix '" + safeHrp(hrp) + "'");
        }
    }

    private static Nip19 decodeTlv(String hrp, byte[] data) {
        byte[] special = null;
        byte[] author = null;
        byte[] kind = null;
        List<String> relays = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            if (i + 2 > data.length) {
                throw new MalformedInputException(hrp + ": truncated TLV header");
            }
            int type = data[i] & 0xff;
            int len = data[i + 1] & 0xff;
            i += 2;
            if (i + len > data.length) {
                throw new MalformedInputException(hrp + ": TLV value runs past the end");
            }
            byte[] value = java.util.Arrays.copyOfRange(data, i, i + len);
            i += len;
            switch (type) {
                case 0 -> special = special == null ? value : special;
                case 1 -> {
                    if (len > 0) {
                        if (relays.size() >= Nip19.MAX_RELAYS) {
                            throw new InvalidInputException(hrp + ": more than " + Nip19.MAX_RELAYS + " relays");
                        }
                        relays.add(strictUtf8(value, hrp + " relay"));
                    }
                }
                case 2 -> author = author == null ? value : author;
                case 3 -> kind = kind == null ? value : kind;
                default -> {
                    // NIP-19: unknown TLV types are ignored.
                }
            }
        }
        if (special == null) {
            throw new InvalidInputException(hrp + ": missing TLV type 0");
        }
        switch (hrp) {
            case "nprofile":
                return new Nip19.Nprofile(PublicKey.fromBytes(exact(special, 32, hrp + " public key")), relays);
            case "nevent": {
                Optional<PublicKey> a = author == null
                        ? Optional.empty()
                        : Optional.of(PublicKey.fromBytes(exact(author, 32, "nevent author")));
                OptionalLong k = kind == null ? OptionalLong.empty() : OptionalLong.of(kindOf(kind, hrp));
                return new Nip19.Nevent(Hex.encode(exact(special, 32, "nevent event id")), relays, a, k);
            }
            default: {
                if (author == null) {
                    throw new InvalidInputException("naddr: missing author (TLV type 2)");
                }
                if (kind == null) {
                    throw new InvalidInputException("naddr: missing kind (TLV type 3)");
                }
                return new Nip19.Naddr(strictUtf8(special, "naddr identifier"),
                        PublicKey.fromBytes(exact(author, 32, "naddr author")), kindOf(kind, hrp), relays);
            }
        }
    }

    private static byte[] exact(byte[] value, int len, String what) {
        if (value.length != len) {
            throw new InvalidInputException(what + " must be " + len + " bytes, got " + value.length);
        }
        return value;
    }

    private static long kindOf(byte[] value, String hrp) {
        exact(value, 4, hrp + " kind");
        return ((value[0] & 0xffL) << 24) | ((value[1] & 0xffL) << 16) | ((value[2] & 0xffL) << 8) | (value[3] & 0xffL);
    }

    private static String strictUtf8(byte[] value, String what) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedInputException(what + " is not valid UTF-8");
        }
    }

    /** Builds a TLV byte list and encodes it. */
    static final class TlvWriter {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        void add(int type, byte[] value) {
            if (value.length > 255) {
                throw new InvalidInputException("TLV value longer than 255 bytes");
            }
            out.write(type);
            out.write(value.length);
            out.write(value, 0, value.length);
        }

        void addRelays(List<String> relays) {
            for (String r : relays) {
                add(1, utf8(r));
            }
        }

        String encode(String hrp) {
            String s = encodeBytes(hrp, out.toByteArray());
            if (s.length() > Nip19.MAX_LENGTH) {
                throw new InvalidInputException(hrp + " would be longer than " + Nip19.MAX_LENGTH + " characters");
            }
            return s;
        }
    }
}
