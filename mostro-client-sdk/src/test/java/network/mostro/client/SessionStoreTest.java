package network.mostro.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import network.mostro.client.internal.ContextCodec;
import network.mostro.protocol.DisputeStatus;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.SmallOrder;
import network.mostro.protocol.state.BondPolicy;
import network.mostro.protocol.state.HoldInvoiceState;
import network.mostro.protocol.state.Party;
import network.mostro.protocol.state.TradeContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
    @TempDir
    Path dir;

    @Test
    void fileStoreKeepsEverythingAcrossReopenAndIndexOnlyMovesForward() throws Exception {
        Path f = dir.resolve("s/session.json");
        UUID id = UUID.randomUUID();
        TradeContext ctx = TradeContext.builder().bondPolicy(BondPolicy.TAKE).takerAssigned(true)
                .holdInvoice(HoldInvoiceState.ACCEPTED).cooperativeCancelBy(Party.SELLER)
                .dispute(DisputeStatus.INITIATED).build();
        SmallOrder o = SmallOrder.builder().id(id).kind(OrderKind.SELL).status(OrderStatus.ACTIVE).amount(1000)
                .fiatCode("USD").fiatAmount(10).paymentMethod("SEPA").build();
        try (SessionStore s = SessionStore.file(f)) {
            assertThat(s.advanceTradeIndex(5)).isEqualTo(5);
            assertThat(s.advanceTradeIndex(3)).isEqualTo(5);
            s.saveTrade(new TradeRecord(id, "ab".repeat(32), 5, TradeRole.MAKER, OrderKind.SELL, OrderStatus.ACTIVE,
                    ContextCodec.encode(ctx), o, "cd".repeat(32), "lnbc1", null, null, 42, null, null));
            s.appendChat(new ChatEntry(id, ChatChannel.PEER, "cd".repeat(32), false, "hola \"amigo\"\n", 7, "e1"));
            assertThat(s.markProcessed("ev1")).isTrue();
            assertThat(s.markProcessed("ev1")).isFalse();
        }
        assertThat(Files.exists(f.resolveSibling("session.json.tmp"))).isFalse();
        try (SessionStore s = SessionStore.file(f)) {
            assertThat(s.lastTradeIndex()).isEqualTo(5);
            TradeRecord r = s.trades().get(0);
            assertThat(r.order()).isEqualTo(o);
            assertThat(ContextCodec.decode(r.context())).isEqualTo(ctx);
            assertThat(r.holdInvoice()).isEqualTo("lnbc1");
            assertThat(s.chatHistory(id)).extracting(ChatEntry::text).containsExactly("hola \"amigo\"\n");
            assertThat(s.isProcessed("ev1")).isTrue();
        }
    }

    @Test
    void corruptFileIsATypedError() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{not json");
        assertThatThrownBy(() -> SessionStore.file(f)).isInstanceOf(ClientStateException.class);
        Files.writeString(f, "{\"format\":99}");
        assertThatThrownBy(() -> SessionStore.file(f)).isInstanceOf(ClientStateException.class);
    }

    @Test
    void contextCodecFallsBackToDefaultsOnGarbage() {
        assertThat(ContextCodec.decode(Map.of("holdInvoice", "NOPE", "takerBonds", "x")))
                .isEqualTo(TradeContext.builder().build());
    }
}
