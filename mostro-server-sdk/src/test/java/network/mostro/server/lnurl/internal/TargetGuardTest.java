package network.mostro.server.lnurl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF address policy, range by range (literals only: no DNS). */
class TargetGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254", "127.0.0.1",
        "127.255.0.9", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1", "192.168.0.1",
        "198.18.0.1", "198.19.255.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
        "255.255.255.255",
        "::", "::1", "::10.0.0.1", "::8.8.8.8", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.1.1",
        "64:ff9b::10.0.0.1", "64:ff9b::127.0.0.1", "64:ff9b:1::1", "100::1", "2001:db8::1", "2002:0a00:0001::1",
        "2002:7f00:0001::1", "2001:0:4136:e378:8000:63bf:f5ff:fffe", "fc00::1", "fd12:3456:789a::1", "fe80::1",
        "febf::1", "fec0::1", "ff02::1", "ff0e::1"
    })
    void nonPublicAddressesAreForbidden(String literal) throws UnknownHostException {
        assertThat(TargetGuard.forbiddenRange(InetAddress.getByName(literal))).as(literal).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1.1.1.1", "8.8.8.8", "93.184.215.14", "100.63.255.255", "100.128.0.1", "126.255.255.255", "128.0.0.1",
        "169.253.1.1", "172.15.255.255", "172.32.0.1", "192.0.1.1", "192.167.1.1", "192.169.1.1", "198.17.1.1",
        "198.20.0.1", "223.255.255.255",
        "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8",
        "2002:0808:0808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "fbff::1", "2620:0:1cfe::1"
    })
    void publicAddressesAreAllowed(String literal) throws UnknownHostException {
        assertThat(TargetGuard.forbiddenRange(InetAddress.getByName(literal))).as(literal).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:10.0.0.1", "::ffff:192.168.1.1", "::ffff:127.0.0.1"})
    void ipv4MappedAddressesBuiltAsIpv6AreCheckedByTheirIpv4Part(String literal) throws UnknownHostException {
        // InetAddress.getByName turns these into Inet4Address; an Inet6Address can still be built from raw bytes
        byte[] v4 = InetAddress.getByName(literal).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        InetAddress mapped = java.net.Inet6Address.getByAddress(null, v6, -1);
        assertThat(TargetGuard.forbiddenRange(mapped)).get().asString().startsWith("IPv4-mapped");
    }
}
