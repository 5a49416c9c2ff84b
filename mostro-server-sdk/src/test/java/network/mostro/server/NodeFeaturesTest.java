package network.mostro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import network.mostro.nostr.Event;
import network.mostro.protocol.Action;
import network.mostro.protocol.event.ExchangeRatesEvent;
import network.mostro.protocol.event.InfoEvent;
import network.mostro.protocol.event.OrderEvent;
import network.mostro.protocol.event.RelayListEvent;
import network.mostro.server.NodeHarness.Key;
import network.mostro.server.NodeHarness.Trader;
import org.junit.jupiter.api.Test;

/** Info, relay-list, metadata and rates events; the v1 transport; outbox retries; health; settings validation. */
class NodeFeaturesTest {

    @Test
    void publishesInfoRelayListMetadataAndRates() throws Exception {
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings().toBuilder().about("hi")
                .powFirstContact(3).build()).startNode()) {
            NodeHarness.await("info", () -> !h.relayEvents(InfoEvent.KIND).isEmpty()
                    && !h.relayEvents(0).isEmpty());
            Event e = h.relayEvents(InfoEvent.KIND).get(0);
            InfoEvent info = InfoEvent.parse(e, h.nodePub());
            assertThat(info.protocolVersion()).isEqualTo(2);
            assertThat(info.pow()).isEqualTo(0);
            assertThat(info.powFirstContact()).isEqualTo(3);
            assertThat(info.fee()).isEqualTo(0.006);
            assertThat(info.maxOrderAmount()).isEqualTo(1_000_000L);
            assertThat(info.minOrderAmount()).isEqualTo(100L);
            assertThat(info.fiatCurrenciesAccepted()).containsExactly("USD", "EUR", "ARS", "CUP");
            assertThat(info.holdInvoiceCltvDelta()).isEqualTo(144L);
            assertThat(info.lndNetworks()).isEqualTo("regtest");
            assertThat(info.bondEnabled()).isFalse();
            assertThat(e.tags().get(0).values().get(0)).isEqualTo("d");
            assertThat(h.relayEvents(0).get(0).content()).contains("\"name\":\"test mostro\"").contains("\"about\":\"hi\"");
            h.clock.advance(Duration.ofSeconds(301));
            h.node.tick();
            NodeHarness.await("relay list and rates", () -> !h.relayEvents(RelayListEvent.KIND).isEmpty()
                    && !h.relayEvents(ExchangeRatesEvent.KIND).isEmpty());
            assertThat(RelayListEvent.parse(h.relayEvents(RelayListEvent.KIND).get(0)).urls())
                    .containsExactly(h.relay.uri().toString());
            ExchangeRatesEvent rates = ExchangeRatesEvent.parse(h.relayEvents(ExchangeRatesEvent.KIND).get(0));
            assertThat(rates.btcPrice("USD").orElseThrow()).isEqualByComparingTo("50000");
            NodeHealth health = h.node.health();
            assertThat(health.running()).isTrue();
            assertThat(health.lightningReachable()).isTrue();
        }
    }

    @Test
    void v1TransportTrade() throws Exception {
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings().toBuilder()
                .transport(TransportVersion.V1).build()).startNode()) {
            NodeHarness.await("info", () -> !h.relayEvents(InfoEvent.KIND).isEmpty());
            assertThat(InfoEvent.parse(h.relayEvents(InfoEvent.KIND).get(0)).protocolVersion()).isEqualTo(1);
            Trader seller = h.trader("seller", 1_000_000, false);
            Trader buyer = h.trader("buyer", 1_000_000, false);
            Key s = seller.newKey();
            Key b = buyer.newKey();
            UUID id = Steps.activeSell(s, b);
            assertThat(s.all.get(0).version()).isEqualTo(1);
            Steps.fiatSent(b, s, id);
            s.send(Action.RELEASE, id, null);
            b.expect(Action.RELEASED);
            b.expect(Action.PURCHASE_COMPLETED);
            assertThat(buyer.wallet.balance()).isEqualTo(1_000_000 + 99_700);
        }
    }

    @Test
    void failedPublishesStayInTheOutboxAndAreRetried() throws Exception {
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode()) {
            Trader seller = h.trader("seller", 1_000_000, false);
            Key s = seller.newKey();
            NodeHarness.await("startup events flushed", () -> h.node.counters().outboxSize() == 0);
            h.relay.faults().rejectWrites("blocked: maintenance");
            // the user's request reaches the relay directly; the node's publishes are rejected
            assertThat(h.relay.publish(s.wrap(network.mostro.protocol.Message.builder(Action.NEW_ORDER).requestId(1L)
                    .tradeIndex(s.index).payload(new network.mostro.protocol.Payload.Order(
                            NodeHarness.sell(100_000, 50).build())).build()))).isTrue();
            NodeHarness.await("publish failure", () -> h.node.counters().publishFailures() > 0);
            assertThat(h.node.counters().outboxSize()).isEqualTo(2);
            s.expectSilence(Duration.ofMillis(200));
            h.relay.faults().reset();
            h.clock.advance(Duration.ofSeconds(3));
            h.node.tick();
            s.expect(Action.NEW_ORDER);
            NodeHarness.await("outbox drained", () -> h.node.counters().outboxSize() == 0);
            assertThat(h.relayEvents(OrderEvent.KIND)).hasSize(1);
        }
    }

    @Test
    void drainOutboxWaitsForRelaysToAcceptPendingEvents() throws Exception {
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode()) {
            Trader seller = h.trader("seller", 1_000_000, false);
            Key s = seller.newKey();
            assertThat(h.node.drainOutbox(Duration.ofSeconds(15))).isTrue(); // the start-up events
            h.relay.faults().rejectWrites("blocked: maintenance");
            assertThat(h.relay.publish(s.wrap(network.mostro.protocol.Message.builder(Action.NEW_ORDER).requestId(1L)
                    .tradeIndex(s.index).payload(new network.mostro.protocol.Payload.Order(
                            NodeHarness.sell(100_000, 50).build())).build()))).isTrue();
            NodeHarness.await("publish failure", () -> h.node.counters().publishFailures() > 0);
            assertThat(h.node.drainOutbox(Duration.ofMillis(300))).isFalse(); // nothing is accepted
            long pending = h.node.counters().outboxSize();
            assertThat(pending).isPositive();
            h.relay.faults().reset();
            h.clock.advance(Duration.ofSeconds(301)); // past the retry back-off
            assertThat(h.node.drainOutbox(Duration.ofSeconds(15))).isTrue();
            assertThat(h.node.counters().outboxSize()).isZero();
            assertThat(s.expect(Action.NEW_ORDER)).isNotNull();
        }
    }

    @Test
    void outboxEntriesAreNeverDroppedDuringALongRelayOutage() throws Exception {
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings()).startNode()) {
            Trader seller = h.trader("seller", 1_000_000, false);
            Key s = seller.newKey();
            NodeHarness.await("startup events flushed", () -> h.node.counters().outboxSize() == 0);
            h.relay.faults().rejectWrites("blocked: maintenance");
            assertThat(h.relay.publish(s.wrap(network.mostro.protocol.Message.builder(Action.NEW_ORDER).requestId(1L)
                    .tradeIndex(s.index).payload(new network.mostro.protocol.Payload.Order(
                            NodeHarness.sell(100_000, 50).build())).build()))).isTrue();
            NodeHarness.await("publish failure", () -> h.node.counters().publishFailures() > 0);
            // a long outage: more failed attempts than the old limit of 10, 5 minutes apart at most (the back-off cap)
            java.util.function.Supplier<network.mostro.server.store.OutboxEntry> dmEntry = () -> h.store
                    .outboxDue(Long.MAX_VALUE, 1_000).stream().filter(e -> e.purpose().startsWith("dm:")).findFirst()
                    .orElseThrow();
            for (int i = 0; i < 40 && dmEntry.get().attempts() <= 10; i++) {
                long failures = h.node.counters().publishFailures();
                h.clock.advance(Duration.ofSeconds(301));
                h.node.tick();
                NodeHarness.await("retry " + i, () -> h.node.counters().publishFailures() > failures);
                Thread.sleep(50); // let the flush commit its reschedules
            }
            var dm = dmEntry.get();
            assertThat(dm.attempts()).isGreaterThan(10); // the old code dropped it after 10 attempts
            assertThat(h.node.counters().outboxRetrying()).isGreaterThanOrEqualTo(1);
            String dmId = network.mostro.nostr.Event.fromJson(dm.eventJson()).id();
            h.relay.faults().reset();
            for (int i = 0; i < 3; i++) {
                h.clock.advance(Duration.ofSeconds(301));
                h.node.tick();
                long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (h.node.counters().outboxSize() > 0 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
            }
            assertThat(h.relay.storedEvents()).anyMatch(e -> e.id().equals(dmId));
            assertThat(h.node.counters().outboxSize()).isZero();
            assertThat(h.node.counters().outboxRetrying()).isZero();
        }
    }

    @Test
    void closeLeavesNoNodeThreads() throws Exception {
        NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings());
        h.settings = h.settings;
        try (h) {
            h.startNode();
            h.node.close();
            h.node.close(); // idempotent
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("mostro-node-")
                    && t.isAlive());
        }
    }

    @Test
    void autoTickDrivesTheSchedulerOnItsOwnThread() throws Exception {
        try (NodeHarness h = NodeHarness.inMemory(NodeHarness.defaultSettings())) {
            h.node = MostroNode.builder().nodeKey(h.nodeKey).relays(List.of(h.relay.uri())).settings(h.settings)
                    .lightning(h.ln.node("mostro")).store(h.store).priceSource(h.prices).clock(h.clock)
                    .autoTick(true).build();
            h.node.start().toCompletableFuture().join();
            NodeHarness.await("a tick", () -> h.node.health().lastTickEpochSecond() > 0);
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("mostro-node-tick"));
            h.node.close();
            NodeHarness.await("tick thread gone", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("mostro-node-tick") && t.isAlive()));
        }
    }

    @Test
    void settingsAreValidatedWithTheDaemonsNames() {
        assertThat(NodeSettings.defaults().devFeePercentage()).isEqualByComparingTo("0.30");
        assertThat(NodeSettings.defaults().expirationSeconds()).isEqualTo(900);
        assertThat(NodeSettings.defaults().transport()).isEqualTo(TransportVersion.V2);
        assertThat(NodeSettings.defaults().effectivePowFirstContact()).isZero();
        assertSetting(NodeSettings.builder().devFeePercentage(new BigDecimal("0.05")), "dev_fee_percentage");
        assertSetting(NodeSettings.builder().devFeePercentage(new BigDecimal("1.01")), "dev_fee_percentage");
        assertSetting(NodeSettings.builder().fee(BigDecimal.ONE), "fee");
        assertSetting(NodeSettings.builder().fee(new BigDecimal("-0.1")), "fee");
        assertSetting(NodeSettings.builder().expirationSeconds(0), "expiration_seconds");
        assertSetting(NodeSettings.builder().paymentRetriesInterval(-1), "payment_retries_interval");
        assertSetting(NodeSettings.builder().pow(300), "pow");
        assertSetting(NodeSettings.builder().escrowDeadlineMarginBlocks(144), "escrow_deadline_margin_blocks");
        assertSetting(NodeSettings.builder().priceUpdateIntervalSeconds(30), "update_interval_seconds");
        assertSetting(NodeSettings.builder().minPaymentAmount(2_000_000), "max_order_amount");
        assertSetting(NodeSettings.builder().paymentAttempts(0), "payment_attempts");
        assertThat(NodeSettings.builder().devFeePercentage(new BigDecimal("0.10")).build().devFeePercentage())
                .isEqualByComparingTo("0.10");
        assertThat(NodeSettings.builder().pow(4).powFirstContact(10).build().effectivePowFirstContact()).isEqualTo(10);
        assertThat(NodeSettings.builder().pow(4).powFirstContact(1).build().effectivePowFirstContact()).isEqualTo(4);
    }

    @Test
    void everyBadSettingIsReportedAtOnce() {
        NodeSettings.Builder b = NodeSettings.builder().fee(BigDecimal.ONE).pow(-1).expirationSeconds(0)
                .devFeePercentage(new BigDecimal("2")).holdInvoiceCltvDelta(0).escrowDeadlineMarginBlocks(-1)
                .dmDays(0);
        assertThatThrownBy(b::build).isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
            assertThat(e.problems()).extracting(InvalidSettingsException.Problem::setting).containsExactly("fee",
                    "dev_fee_percentage", "expiration_seconds", "pow", "hold_invoice_cltv_delta",
                    "escrow_deadline_margin_blocks", "dm_days");
            assertThat(e.setting()).isEqualTo("fee");
            assertThat(e.getMessage()).startsWith("fee: must be within [0, 1), got 1; dev_fee_percentage: ")
                    .contains("dm_days: must be positive, got 0");
        });
        assertThatThrownBy(() -> new InvalidSettingsException(java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSetting(NodeSettings.Builder b, String name) {
        assertThatThrownBy(b::build).isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).setting()).isEqualTo(name))
                .satisfies(e -> assertThat(((InvalidSettingsException) e).problems()).hasSize(1))
                .satisfies(e -> assertThat(((InvalidSettingsException) e).kind())
                        .isEqualTo(network.mostro.nostr.NostrException.Kind.INVALID));
    }

    @Test
    void builderRequiresItsParts() {
        assertThatThrownBy(() -> MostroNode.builder().build())
                .isInstanceOf(network.mostro.nostr.InvalidInputException.class);
    }
}
