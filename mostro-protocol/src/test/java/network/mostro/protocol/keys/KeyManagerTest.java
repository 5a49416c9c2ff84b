package network.mostro.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.keys.Mnemonic;
import network.mostro.nostr.keys.MostroKeys;
import org.junit.jupiter.api.Test;

class KeyManagerTest {
    /** The mnemonic of the transport vectors (key_sources): identity and trade key 1 are given there. */
    static final MostroKeys KEYS = MostroKeys.fromMnemonic(
            Mnemonic.parse("leader monkey parrot ring guide accident before fence cannon height naive bean"));

    @Test
    void identityAndTradeKeysMatchTheVectors() {
        KeyManager km = KeyManager.of(KEYS, new InMemoryTradeIndexStore());
        assertThat(km.identityKey().toHex())
                .isEqualTo("df5ba9d72ec62e9d39a095f1b86936fe10abfc7d56700caa1652a463a40d19b1");
        assertThat(km.identityPublicKey().toHex())
                .isEqualTo("b4bf6548df043786641d4b63e748eda4b55fce21beae991512d23487c7bd8950");
        TradeKey first = km.nextTradeKey();
        assertThat(first.index()).isEqualTo(1);
        assertThat(first.privateKey().toHex())
                .isEqualTo("977b9da8056e6a83a991cb31ac507b0a618fbbee355e36e107e0e348686ab833");
        assertThat(first.publicKey().toHex())
                .isEqualTo("1c71f0a29c9d14198781f36897c6d6c08e2c4f905ba69fc5f8e67d375d705a8a");
        assertThat(first.toString()).doesNotContain(first.privateKey().toHex());
    }

    @Test
    void counterOnlyMovesForward() {
        InMemoryTradeIndexStore store = new InMemoryTradeIndexStore();
        KeyManager km = KeyManager.of(KEYS, store);
        assertThat(km.lastUsedIndex()).isZero();
        assertThat(km.peekNextIndex()).isEqualTo(1);
        assertThat(km.nextTradeKey().index()).isEqualTo(1);
        assertThat(km.nextTradeKey().index()).isEqualTo(2);
        assertThat(store.lastUsedIndex()).isEqualTo(2);
        // Re-deriving an old key does not move the counter.
        assertThat(km.tradeKey(1).privateKey()).isEqualTo(KEYS.tradeKey(1));
        assertThat(km.lastUsedIndex()).isEqualTo(2);
        // Range-order next_trade: the index given to the node counts as used.
        km.markUsed(5);
        assertThat(km.nextTradeKey().index()).isEqualTo(6);
        km.markUsed(3);
        assertThat(km.lastUsedIndex()).isEqualTo(6);
        assertThat(store.advanceTo(1)).isEqualTo(6);
        assertThatThrownBy(() -> km.markUsed(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> km.tradeKey(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new InMemoryTradeIndexStore(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aPersistedCounterSurvivesANewManager() {
        InMemoryTradeIndexStore store = new InMemoryTradeIndexStore(41);
        assertThat(KeyManager.of(KEYS, store).nextTradeKey().index()).isEqualTo(42);
        assertThat(KeyManager.of(KEYS, store).nextTradeKey().index()).isEqualTo(43);
    }

    @Test
    void restoreFromTheNode() {
        KeyManager km = KeyManager.of(KEYS, new InMemoryTradeIndexStore());
        assertThat(km.restoreLastTradeIndex(17)).isEqualTo(17);
        assertThat(km.nextTradeKey().index()).isEqualTo(18);
        // A device that is ahead of the node keeps its own counter.
        assertThat(km.restoreLastTradeIndex(3)).isEqualTo(18);
        List<TradeKey> restored = km.restoreTradeKeys(List.of(25L, 4L, 25L, 9L));
        assertThat(restored).extracting(TradeKey::index).containsExactly(4L, 9L, 25L);
        assertThat(restored.get(2).privateKey()).isEqualTo(KEYS.tradeKey(25));
        assertThat(km.nextTradeKey().index()).isEqualTo(26);
        assertThat(km.restoreTradeKeys(List.of())).isEmpty();
        assertThatThrownBy(() -> km.restoreTradeKeys(List.of(0L))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> km.restoreLastTradeIndex(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void concurrentCallersNeverShareAnIndex() throws Exception {
        KeyManager km = KeyManager.of(KEYS, new InMemoryTradeIndexStore());
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        assertThat(seen.add(km.nextTradeKey().index())).isTrue();
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(100);
        assertThat(km.lastUsedIndex()).isEqualTo(100);
    }
}
