package network.mostro.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import network.mostro.nostr.Tag;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Every example of the published-event files in examples/ (the protocol book's renderings). Each parses; where the
 * docs show the daemon's tag order the tags are rebuilt identically, and where the docs differ from the daemon
 * (SPEC §18 #9, #10, #25) the test pins the difference.
 */
class PublishedEventExamplesTest {

    static List<Tag> tagsOf(Map<String, Object> example) {
        return Fixtures.tags(Fixtures.exampleEvent(example).get("tags"));
    }

    static List<String> names(List<Tag> tags) {
        return tags.stream().map(Tag::name).toList();
    }

    @Test
    void orderEvents() {
        List<Map<String, Object>> examples = Fixtures.examples("order-event-38383.json");
        assertThat(examples).hasSize(15);
        int identical = 0;
        for (Map<String, Object> ex : examples) {
            Map<String, Object> ev = Fixtures.exampleEvent(ex);
            assertThat(ev.get("kind")).isEqualTo(38383L);
            List<Tag> tags = Fixtures.tags(ev.get("tags"));
            OrderEvent o = OrderEvent.fromTags(tags);
            assertThat(o.fiatCode()).isEqualTo("VES");
            assertThat(o.platform()).isNotNull();
            assertThat(o.z()).isEqualTo("order");
            if (o.status() == OrderEventStatus.PENDING) {
                assertThat(o.rating()).isNotNull();
                assertThat(o.amount()).isZero();
            }
            if (names(tags).contains("name")) {
                // order_event.md (NIP-69 generic example): name/g/bond are not daemon tags (SPEC §18 #9); they are
                // kept as unknown tags and re-emitted after z, and the rating is the docs' bare object.
                assertThat(names(o.unknownTags())).containsExactly("name", "g", "bond");
                assertThat(o.rating().totalReviews()).isEqualTo(1);
                assertThat(o.rating().totalRating()).isEqualTo(3.0);
                assertThat(o.rating().days()).isEqualTo(21);
                assertThat(o.expiresAt()).isEqualTo(1719391096L);
                assertThat(o.platform().name()).isEqualTo("lnp2pbot");
                assertThat(names(o.toTags())).containsExactly("d", "k", "f", "s", "amt", "fa", "pm", "premium",
                        "rating", "source", "network", "layer", "expires_at", "expiration", "y", "z", "name", "g",
                        "bond");
                assertThat(o.toTags()).containsExactlyInAnyOrderElementsOf(tags);
            } else {
                // The daemon's order; these docs examples omit expires_at and source (SPEC §18 #9) but keep the order.
                assertThat(o.toTags()).isEqualTo(tags);
                identical++;
            }
        }
        assertThat(identical).isEqualTo(14);
    }

    @Test
    void pendingDocsExampleValues() {
        Map<String, Object> ex = Fixtures.examples("order-event-38383.json").stream()
                .filter(e -> ((String) e.get("source")).contains("new_sell_range_order.md")).findFirst().orElseThrow();
        OrderEvent o = OrderEvent.fromTags(tagsOf(ex));
        assertThat(o.kind()).isEqualTo(OrderKind.SELL);
        assertThat(o.fiatAmount()).isEqualTo(FiatAmount.range(10, 20));
        assertThat(o.rating().days()).isEqualTo(10);
        assertThat(o.rating().totalRating()).isEqualTo(4.5);
        assertThat(o.rating().totalReviews()).isEqualTo(7);
        assertThat(o.networks()).containsExactly("mainnet");
        assertThat(o.expiration()).isEqualTo(1719391096L);
    }

    @Test
    void ratingEventDocsDifferFromTheDaemon() {
        List<Map<String, Object>> examples = Fixtures.examples("rating-event-38384.json");
        assertThat(examples).hasSize(1);
        List<Tag> tags = tagsOf(examples.get(0));
        RatingEvent r = RatingEvent.fromTags(tags);
        assertThat(r.totalReviews()).isEqualTo(1);
        assertThat(r.totalRating()).isEqualTo(2.0);
        assertThat(r.lastRating()).isEqualTo(1);
        assertThat(r.maxRate()).isEqualTo(5);
        assertThat(r.minRate()).isEqualTo(1);
        assertThat(r.days()).isEqualTo(21);
        assertThat(r.expiration()).isNull();
        // Docs: days, y, z. Daemon (SPEC §18 #10): z then days, and no y; a y is written last.
        assertThat(names(tags)).containsExactly("d", "total_reviews", "total_rating", "last_rating", "max_rate",
                "min_rate", "days", "y", "z");
        assertThat(names(r.toTags())).containsExactly("d", "total_reviews", "total_rating", "last_rating", "max_rate",
                "min_rate", "z", "days", "y");
        assertThat(r.toTags()).containsExactlyInAnyOrderElementsOf(tags);
    }

    @Test
    void infoEventDocsExample() {
        List<Map<String, Object>> examples = Fixtures.examples("info-event.json");
        assertThat(examples).hasSize(1);
        List<Tag> tags = tagsOf(examples.get(0));
        InfoEvent info = InfoEvent.fromTags(tags);
        assertThat(info.mostroVersion()).isEqualTo("0.12.8");
        assertThat(info.maxOrderAmount()).isEqualTo(1_000_000L);
        assertThat(info.minOrderAmount()).isEqualTo(100L);
        assertThat(info.expirationHours()).isEqualTo(1L);
        assertThat(info.expirationSeconds()).isEqualTo(900L);
        assertThat(info.fiatCurrenciesAccepted()).containsExactly("USD", "EUR", "ARS", "CUP", "VES");
        assertThat(info.acceptsCurrency("VES")).isTrue();
        assertThat(info.acceptsCurrency("JPY")).isFalse();
        assertThat(info.maxOrdersPerResponse()).isEqualTo(10L);
        assertThat(info.fee()).isEqualTo(0.006);
        assertThat(info.feeText()).isEqualTo("0.006");
        assertThat(info.pow()).isZero();
        assertThat(info.powFirstContact()).isZero();
        assertThat(info.protocolVersionOrDefault()).isEqualTo(1);
        assertThat(info.holdInvoiceExpirationWindow()).isEqualTo(120L);
        assertThat(info.holdInvoiceCltvDelta()).isEqualTo(144L);
        assertThat(info.invoiceExpirationWindow()).isEqualTo(120L);
        assertThat(info.lndVersion()).isEqualTo("0.18.4-beta commit=v0.18.4-beta");
        assertThat(info.lndUris()).containsExactly(
                "0220e4558a8d9af4988ef6c8def0e73b05403819e49b7fb2db79d322ac3be1547e@172.26.0.2:9735");
        assertThat(info.lndNetworks()).isEqualTo("regtest");
        assertThat(info.bondsEnabled()).isTrue();
        assertThat(info.bond()).isEqualTo(new BondSettings(0.01, 1000L, "take", false, 0.5, 15L));
        assertThat(info.bond().applyToKnown()).contains(BondSettings.ApplyTo.TAKE);
        assertThat(info.inMaintenance()).isFalse();
        assertThat(info.unknownTags()).isEmpty();
        // Docs put bond_* before y/z and in another order; the daemon writes them after z (SPEC §18 #25).
        assertThat(names(info.toTags())).containsExactly("d", "mostro_version", "mostro_commit_hash",
                "max_order_amount", "min_order_amount", "expiration_hours", "expiration_seconds",
                "fiat_currencies_accepted", "max_orders_per_response", "fee", "pow", "pow_first_contact",
                "protocol_version", "hold_invoice_expiration_window", "hold_invoice_cltv_delta",
                "invoice_expiration_window", "lnd_version", "lnd_node_pubkey", "lnd_commit_hash", "lnd_node_alias",
                "lnd_chains", "lnd_networks", "lnd_uris", "y", "z", "bond_enabled", "bond_amount_pct",
                "bond_base_amount_sats", "bond_apply_to", "bond_slash_on_waiting_timeout", "bond_slash_node_share_pct",
                "bond_payout_claim_window_days");
        assertThat(names(tags).indexOf("bond_enabled")).isLessThan(names(tags).indexOf("y"));
        assertThat(info.toTags()).containsExactlyInAnyOrderElementsOf(tags);
    }

    @Test
    void disputeEvents() {
        List<Map<String, Object>> examples = Fixtures.examples("dispute-event-38386.json");
        assertThat(examples).hasSize(5);
        for (Map<String, Object> ex : examples) {
            List<Tag> tags = tagsOf(ex);
            DisputeEvent d = DisputeEvent.fromTags(tags);
            assertThat(d.knownStatus()).isPresent();
            assertThat(d.z()).isEqualTo("dispute");
            // The docs omit expiration and created_at (SPEC §18 #11) but keep the daemon's relative order.
            assertThat(d.toTags()).isEqualTo(tags);
            if (names(tags).contains("initiator")) {
                assertThat(d.knownInitiator()).isPresent();
            }
        }
    }

    @Test
    void otherEvents() {
        List<Map<String, Object>> examples = Fixtures.examples("other-events.json");
        assertThat(examples).hasSize(6);
        int checked = 0;
        for (Map<String, Object> ex : examples) {
            if (!"nostr-event".equals(ex.get("kind"))) {
                continue;
            }
            Map<String, Object> ev = Fixtures.exampleEvent(ex);
            List<Tag> tags = Fixtures.tags(ev.get("tags"));
            long kind = (Long) ev.get("kind");
            if (kind == RelayListEvent.KIND) {
                RelayListEvent r = RelayListEvent.fromTags(tags);
                assertThat(r.urls()).containsExactly("wss://relay.mostro.network/", "wss://nos.lol/");
                assertThat(r.toTags()).isEqualTo(tags);
                checked++;
            } else if (kind == DevFeeAuditEvent.KIND) {
                DevFeeAuditEvent f = DevFeeAuditEvent.fromTags(tags);
                assertThat(f.amountSats()).isEqualTo(8);
                assertThat(f.destination()).isEqualTo("dev@mostro.network");
                assertThat(f.z()).isEqualTo(DevFeeAuditEvent.Z);
                assertThat(f.toTags()).isEqualTo(tags);
                checked++;
            } else if (kind == ExchangeRatesEvent.KIND) {
                String content = (String) ev.get("content");
                // The docs' content elides entries with "..." and is not JSON: a typed content error.
                assertThatThrownBy(() -> ExchangeRatesEvent.fromTagsAndContent(tags, content))
                        .isInstanceOfSatisfying(EventParseException.class, e -> assertThat(e.tag()).isEqualTo("content"));
                ExchangeRatesEvent x = ExchangeRatesEvent.fromTagsAndContent(tags, content.replace(", ...", ""));
                assertThat(x.d()).isEqualTo(ExchangeRatesEvent.D);
                assertThat(x.publishedAt()).isEqualTo(1732546800L);
                assertThat(x.source()).isEqualTo("yadio");
                assertThat(x.expiration()).isEqualTo(1732550400L);
                assertThat(x.btcPrice("USD")).contains(new BigDecimal("50000.0"));
                assertThat(x.btcPrice("VES")).contains(new BigDecimal("850000000.0"));
                assertThat(x.toTags()).isEqualTo(tags);
                assertThat(x.content()).isEqualTo(
                        "{\"BTC\":{\"USD\":50000.0,\"EUR\":45000.0,\"VES\":850000000.0,\"ARS\":105000000.0}}");
                checked++;
            } else {
                assertThat(kind).isZero(); // kind 0 metadata: not a Mostro-specific event type
            }
        }
        assertThat(checked).isEqualTo(3);
    }
}
