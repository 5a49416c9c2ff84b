package network.mostro.protocol.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentRequestsTest {
    @Test
    void lightningAddresses() {
        assertThat(PaymentRequests.classify("pivotaldeborah52@walletofsatoshi.com")).isEqualTo(PaymentRequestKind.LIGHTNING_ADDRESS);
        assertThat(PaymentRequests.classify("MostroP2P@localhost")).isEqualTo(PaymentRequestKind.LIGHTNING_ADDRESS);
        assertThat(PaymentRequests.classify("a.b-c_d+e@sub.example.org:8443")).isEqualTo(PaymentRequestKind.LIGHTNING_ADDRESS);
        assertThat(LightningAddress.parse("Satoshi@Example.COM")).get()
                .satisfies(a -> {
                    assertThat(a.user()).isEqualTo("Satoshi");
                    assertThat(a.domain()).isEqualTo("example.com");
                    assertThat(a.lnurlpEndpoint()).isEqualTo("https://example.com/.well-known/lnurlp/Satoshi");
                });
        for (String bad : new String[] {"@example.com", "user@", "a@b@c.com", "us er@example.com", "user@exa mple.com",
                "user@-bad.com", "user@bad-.com", "user@a..com", "user@example.com:99999", "user@example.com:",
                "user@example.com/path", "ü@example.com", "x".repeat(65) + "@example.com", ""}) {
            assertThat(LightningAddress.parse(bad)).as(bad).isEmpty();
            assertThat(PaymentRequests.classify(bad)).as(bad).isNotEqualTo(PaymentRequestKind.LIGHTNING_ADDRESS);
        }
        assertThat(PaymentRequests.classify(null)).isEqualTo(PaymentRequestKind.UNRECOGNIZED);
    }

    @Test
    void lnurls() {
        // LUD-01 example
        String lud01 = "LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS";
        assertThat(PaymentRequests.classify(lud01)).isEqualTo(PaymentRequestKind.LNURL);
        assertThat(PaymentRequests.lnurlToUrl(lud01)).hasValue(
                "https://service.com/api?q=3fc3645b439ce8e7f2553a69e5267081d96dcd340693afabe04be7b0ccd178df");
        String round = PaymentRequests.urlToLnurl("https://example.com/.well-known/lnurlp/alice");
        assertThat(round).startsWith("LNURL1");
        assertThat(PaymentRequests.lnurlToUrl(round)).hasValue("https://example.com/.well-known/lnurlp/alice");
        assertThat(PaymentRequests.lnurlToUrl(round.toLowerCase())).hasValue("https://example.com/.well-known/lnurlp/alice");
        // bad checksum, wrong HRP, not a URL
        assertThat(PaymentRequests.lnurlToUrl(lud01.substring(0, lud01.length() - 1) + "Q")).isEmpty();
        assertThat(PaymentRequests.classify(lud01.substring(0, lud01.length() - 1) + "Q")).isEqualTo(PaymentRequestKind.UNRECOGNIZED);
        String notUrl = network.mostro.nostr.internal.Bech32.encode("lnurl",
                network.mostro.nostr.internal.Bech32.toWords("ftp://x".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(PaymentRequests.lnurlToUrl(notUrl)).isEmpty();
    }

    @Test
    void bolt11() {
        for (Bolt11Vectors.Vector v : Bolt11Vectors.valid()) {
            assertThat(PaymentRequests.classify(v.get("invoice"))).isEqualTo(PaymentRequestKind.BOLT11);
        }
        assertThat(PaymentRequests.classify("lightning:lnbc1xyz")).isEqualTo(PaymentRequestKind.UNRECOGNIZED);
        assertThat(PaymentRequests.classify("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")).isEqualTo(PaymentRequestKind.UNRECOGNIZED);
    }
}
