package network.mostro.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import network.mostro.examples.demo.TradeDemo;
import network.mostro.protocol.OrderStatus;
import org.junit.jupiter.api.Test;

/** Runs the README demo's logic in-process: the trade must succeed and the balances must add up. */
class TradeDemoTest {
    @Test
    void demoTradeSucceedsAndConservesMoney() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TradeDemo.Result r;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            r = new TradeDemo(out, Duration.ofSeconds(60), true).run();
        }
        String printed = buf.toString(StandardCharsets.UTF_8);

        assertThat(r.buyerStatus()).isEqualTo(OrderStatus.SUCCESS);
        // the seller is told about the settlement, not about the buyer's payout
        assertThat(r.sellerStatus()).isEqualTo(OrderStatus.SETTLED_HOLD_INVOICE);
        assertThat(r.escrowSettled()).isTrue();
        assertThat(r.amountSats()).isEqualTo(TradeDemo.ORDER_SATS);
        assertThat(r.feeSats()).isEqualTo(300); // 0.6 % / 2 of 100 000
        assertThat(r.sellerEnd()).isEqualTo(TradeDemo.SELLER_START_SATS - 100_300);
        assertThat(r.buyerEnd()).isEqualTo(TradeDemo.BUYER_START_SATS + 99_700);
        assertThat(r.nodeEnd() - r.nodeStart()).isEqualTo(600);
        assertThat(r.lockedSats()).isZero();
        assertThat(r.conserved()).isTrue();

        assertThat(r.steps()).hasSize(13);
        assertThat(printed).contains("seller published sell order", "buyer took the order",
                "hold invoice", "buyer paid: 99,700 sats", "ratings recorded", "money conserved");
        // verbose mode prints the node's transitions and each party's events as they happen
        assertThat(printed).contains("node: order", "fiat-sent -> settled-hold-invoice", "buyer <- purchase-completed",
                "seller <- hold-invoice-payment-settled");
    }

    @Test
    void aTimeoutTooShortFailsWithAClearMessage() {
        TradeDemo demo = new TradeDemo(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Duration.ofMillis(1), false);
        try {
            demo.run();
            throw new AssertionError("the demo cannot finish in 1 ms");
        } catch (TradeDemo.DemoFailure f) {
            assertThat(f.getMessage()).startsWith("timed out after").contains("waiting for");
        }
    }
}
