package network.mostro.server.lnurl.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The SSRF address policy: which IP addresses an LNURL fetch must never connect to. Covers IPv4 "this network",
 * private (RFC 1918), shared/CGNAT (100.64/10), loopback, link-local, IETF protocol assignments, documentation and
 * benchmarking ranges, multicast, reserved and broadcast; IPv6 unspecified, loopback, IPv4-compatible, link-local,
 * site-local, unique-local (fc00::/7), discard, documentation, multicast, and the IPv4 address inside IPv4-mapped,
 * NAT64 (64:ff9b::/96), 6to4 (2002::/16) and Teredo (2001::/32) addresses. Stateless and thread-safe.
 */
public final class TargetGuard {
    private TargetGuard() {}

    /** Why {@code a} must not be contacted, or empty if it is a public unicast address. */
    public static Optional<String> forbiddenRange(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address || b.length == 4) {
            return v4(b, 0);
        }
        if (a instanceof Inet6Address || b.length == 16) {
            return v6(b);
        }
        return Optional.of("unknown address family");
    }

    private static Optional<String> v4(byte[] b, int o) {
        int b0 = b[o] & 0xff;
        int b1 = b[o + 1] & 0xff;
        int b2 = b[o + 2] & 0xff;
        if (b0 == 0) {
            return Optional.of("0.0.0.0/8 (this network / any-local)");
        }
        if (b0 == 10) {
            return Optional.of("10.0.0.0/8 (private)");
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return Optional.of("100.64.0.0/10 (shared address space, CGNAT)");
        }
        if (b0 == 127) {
            return Optional.of("127.0.0.0/8 (loopback)");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("169.254.0.0/16 (link-local)");
        }
        if (b0 == 172 && (b1 & 0xf0) == 16) {
            return Optional.of("172.16.0.0/12 (private)");
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return Optional.of("192.0.0.0/24 (IETF protocol assignments)");
        }
        if (b0 == 192 && b1 == 0 && b2 == 2) {
            return Optional.of("192.0.2.0/24 (documentation)");
        }
        if (b0 == 192 && b1 == 168) {
            return Optional.of("192.168.0.0/16 (private)");
        }
        if (b0 == 198 && (b1 & 0xfe) == 18) {
            return Optional.of("198.18.0.0/15 (benchmarking)");
        }
        if (b0 == 198 && b1 == 51 && b2 == 100) {
            return Optional.of("198.51.100.0/24 (documentation)");
        }
        if (b0 == 203 && b1 == 0 && b2 == 113) {
            return Optional.of("203.0.113.0/24 (documentation)");
        }
        if (b0 >= 224 && b0 <= 239) {
            return Optional.of("224.0.0.0/4 (multicast)");
        }
        if (b0 >= 240) {
            return Optional.of("240.0.0.0/4 (reserved, broadcast)");
        }
        return Optional.empty();
    }

    private static Optional<String> v6(byte[] b) {
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (allZero(b, 0, 10)) {
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return v4(b, 12).map(r -> "IPv4-mapped " + r);
            }
            if (allZero(b, 10, 12)) {
                if (allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
                    return Optional.of(b[15] == 0 ? "::/128 (unspecified)" : "::1/128 (loopback)");
                }
                return Optional.of("::/96 (IPv4-compatible, deprecated)");
            }
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (allZero(b, 4, 12)) {
                return v4(b, 12).map(r -> "NAT64 64:ff9b::/96 of " + r);
            }
            if ((((b[4] & 0xff) << 8) | (b[5] & 0xff)) == 0x0001) {
                return Optional.of("64:ff9b:1::/48 (local-use NAT64)");
            }
        }
        if (w0 == 0x0100 && allZero(b, 2, 8)) {
            return Optional.of("100::/64 (discard)");
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return Optional.of("2001:db8::/32 (documentation)");
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            return v4(client, 0).map(r -> "Teredo 2001::/32 of " + r);
        }
        if (w0 == 0x2002) {
            return v4(b, 2).map(r -> "6to4 2002::/16 of " + r);
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return Optional.of("fc00::/7 (unique-local)");
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return Optional.of("fe80::/10 (link-local)");
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return Optional.of("fec0::/10 (site-local, deprecated)");
        }
        if ((w0 & 0xff00) == 0xff00) {
            return Optional.of("ff00::/8 (multicast)");
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
