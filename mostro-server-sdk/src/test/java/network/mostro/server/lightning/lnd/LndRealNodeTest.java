package network.mostro.server.lightning.lnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import network.mostro.protocol.lightning.Bolt11;
import network.mostro.protocol.lightning.Bolt11Invoice;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceState;
import network.mostro.server.lightning.LightningException.Reason;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.PaymentStatus;
import org.junit.jupiter.api.Test;

/**
 * Opt-in check against a real LND (see docs/lightning.md, "LND backend"). Runs only when
 * {@code MOSTRO_LND_REST_URL}, {@code MOSTRO_LND_MACAROON} (hex, or a path to the macaroon file) and
 * {@code MOSTRO_LND_TLS_CERT} (path to tls.cert) are set; optional {@code MOSTRO_LND_VERIFY_HOSTNAME=false}.
 * Creates one hold invoice and cancels it; moves no funds.
 */
class LndRealNodeTest {

    private static Optional<String> env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static LndBackend connect() {
        Optional<String> url = env("MOSTRO_LND_REST_URL");
        Optional<String> mac = env("MOSTRO_LND_MACAROON");
        Optional<String> cert = env("MOSTRO_LND_TLS_CERT");
        assumeTrue(url.isPresent() && mac.isPresent() && cert.isPresent(),
                "real-LND test skipped: set MOSTRO_LND_REST_URL, MOSTRO_LND_MACAROON (hex or file) and "
                        + "MOSTRO_LND_TLS_CERT (tls.cert path) to run it against a regtest LND");
        LndBackend.Builder b = LndBackend.builder().restUrl(url.get()).tlsCertificate(Path.of(cert.get()))
                .verifyHostname(!"false".equalsIgnoreCase(env("MOSTRO_LND_VERIFY_HOSTNAME").orElse("true")));
        Path macPath = Path.of(mac.get());
        if (Files.isRegularFile(macPath)) {
            b.macaroonFile(macPath);
        } else {
            b.macaroonHex(mac.get());
        }
        return b.build();
    }

    @Test
    void getInfoAddLookupAndCancelAHoldInvoice() {
        try (LndBackend lnd = connect()) {
            NodeInfo info = LndBackendTest.join(lnd.getInfo());
            assertThat(info.pubkey()).hasSize(66);
            assertThat(info.blockHeight()).isPositive();

            String[] ph = FakeLnd.newPreimage();
            HoldInvoice inv = LndBackendTest.join(lnd.addHoldInvoice(
                    new HoldInvoiceRequest(ph[1], 1234, "mostro-java-sdk opt-in test", 144, 600)));
            Bolt11Invoice decoded = Bolt11.decode(inv.bolt11());
            assertThat(decoded.paymentHash()).isEqualTo(ph[1]);
            assertThat(decoded.network()).isEqualTo(info.network());
            assertThat(decoded.amountMsat().getAsLong()).isEqualTo(1_234_000L);
            assertThat(decoded.payeeNodeId()).isEqualTo(info.pubkey());

            assertThat(LndBackendTest.join(lnd.lookupInvoice(ph[1])).state()).isEqualTo(InvoiceState.OPEN);
            assertThat(LndBackendTest.failure(lnd.addHoldInvoice(
                    new HoldInvoiceRequest(ph[1], 1234, "dup", 144, 600))).reason()).isEqualTo(Reason.ALREADY_EXISTS);
            assertThat(LndBackendTest.failure(lnd.settleHoldInvoice(ph[0])).reason())
                    .isEqualTo(Reason.INVALID_STATE);

            LndBackendTest.join(lnd.cancelHoldInvoice(ph[1]));
            LndBackendTest.join(lnd.cancelHoldInvoice(ph[1]));
            assertThat(LndBackendTest.join(lnd.lookupInvoice(ph[1])).state()).isEqualTo(InvoiceState.CANCELED);

            String[] unknown = FakeLnd.newPreimage();
            assertThat(LndBackendTest.failure(lnd.lookupInvoice(unknown[1])).reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(LndBackendTest.join(lnd.trackPayment(unknown[1])).status()).isEqualTo(PaymentStatus.UNKNOWN);
        }
    }
}
