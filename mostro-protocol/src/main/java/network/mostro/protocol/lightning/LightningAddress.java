package network.mostro.protocol.lightning;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Lightning address ({@code user@domain}, LUD-16), recognised by syntax only; resolving it (LNURL-pay) is
 * done elsewhere.
 *
 * <p>Accepted: a user part of 1–64 characters from {@code a-z A-Z 0-9 - _ . +}, and a domain of DNS labels
 * (letters, digits, inner hyphens, 1–63 characters each, at most 253 in total) optionally followed by
 * {@code :port}. A single-label domain such as {@code localhost} is accepted, as mostrod does.
 * Immutable and thread-safe.
 *
 * @param user the user part, as given
 * @param domain the domain part (with port, if any), lowercase
 */
public record LightningAddress(String user, String domain) {
    /** Checks the syntax. */
    public LightningAddress {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(domain, "domain");
        if (!validUser(user) || !validDomain(domain)) {
            throw Bolt11Error.INVALID_PARAMETER.exception("not a lightning address");
        }
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code user@domain}, or empty when the syntax does not match. */
    public static Optional<LightningAddress> parse(String s) {
        if (s == null || s.length() > 64 + 1 + 253 + 6) {
            return Optional.empty();
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@')) {
            return Optional.empty();
        }
        String user = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (!validUser(user) || !validDomain(domain)) {
            return Optional.empty();
        }
        return Optional.of(new LightningAddress(user, domain));
    }

    /** The LUD-16 LNURL-pay endpoint, {@code https://<domain>/.well-known/lnurlp/<user>}. */
    public String lnurlpEndpoint() {
        return "https://" + domain + "/.well-known/lnurlp/" + user;
    }

    @Override
    public String toString() {
        return user + "@" + domain;
    }

    private static boolean validUser(String u) {
        if (u.isEmpty() || u.length() > 64) {
            return false;
        }
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '+';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean validDomain(String d) {
        String host = d;
        int colon = d.indexOf(':');
        if (colon >= 0) {
            host = d.substring(0, colon);
            String port = d.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5) {
                return false;
            }
            for (int i = 0; i < port.length(); i++) {
                if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(port) > 65535) {
                return false;
            }
        }
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
