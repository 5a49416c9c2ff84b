package network.mostro.protocol.transport;

import static network.mostro.protocol.fixtures.Fixtures.array;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import network.mostro.nostr.Event;
import network.mostro.nostr.Nip44;
import network.mostro.nostr.Nip59;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.Tag;
import network.mostro.protocol.Action;
import network.mostro.protocol.Message;
import network.mostro.protocol.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The docs' envelope illustrations (examples/transport-envelopes.json) against what the transports produce. The docs
 * use placeholders and, for v1, pseudo-JSON with comments, so the checks compare structure: kinds, tag names and order,
 * tuple arity, and which key authors each layer.
 */
class TransportEnvelopeExamplesTest {
    static final Random RANDOM = new Random(11);
    static final PrivateKey NODE = PrivateKey.generate(RANDOM);
    static final PrivateKey TRADE = PrivateKey.generate(RANDOM);
    static final PrivateKey IDENTITY = PrivateKey.generate(RANDOM);

    @Test
    void everyExampleMatchesTheTransportShape() {
        List<Map<String, Object>> examples = Fixtures.examples("transport-envelopes.json");
        assertThat(examples).hasSize(12);
        int v2Envelopes = 0;
        int tuples = 0;
        int v1Wraps = 0;
        for (Map<String, Object> ex : examples) {
            String raw = (String) ex.get("raw");
            Object json = ex.get("json");
            if (json instanceof Map<?, ?> m && Long.valueOf(14).equals(m.get("kind"))) {
                // v2: kind 14, p then expiration, author = trade key.
                List<String> names = Fixtures.tags(m.get("tags")).stream().map(Tag::name).toList();
                Event built = Transport.v2().wrapRequest(Message.builder(Action.NEW_ORDER).build(),
                        SenderKeys.reputation(TRADE, IDENTITY), NODE.publicKey());
                assertThat(built.tags().stream().map(Tag::name).toList()).isEqualTo(names);
                assertThat((String) m.get("pubkey")).contains("trade");
                v2Envelopes++;
            } else if (json instanceof List<?> l) {
                // The content arrays of overview.md: v1 has 2 elements, v2 has 3.
                Map<?, ?> msg = (Map<?, ?>) ((Map<?, ?>) l.get(0)).get("order");
                long version = (Long) msg.get("version");
                assertThat(l).hasSize(version == 2 ? 3 : 2);
                Message m = Message.builder(Action.FIAT_SENT).build();
                Transport t = Transport.forProtocolVersion((int) version);
                Event built = t.wrapRequest(m, SenderKeys.reputation(TRADE, IDENTITY), NODE.publicKey());
                String tuple = version == 2
                        ? Nip44.decrypt(built.content(), Nip44.conversationKey(NODE, TRADE.publicKey()))
                        : Nip59.unwrap(built, NODE).rumor().content();
                assertThat(array(Fixtures.parse(tuple))).hasSize(l.size());
                tuples++;
            } else {
                // v1 pseudo-JSON: wrap 1059 by an ephemeral key, seal 13 by the identity key (reputation) or the
                // trade key (full privacy), rumor kind 1 by the trade key.
                assertThat(ex.get("raw_is_valid_json")).isEqualTo(false);
                assertThat(raw).contains("\"kind\": 1059").contains("\"kind\": 13").contains("\"kind\": 1,");
                boolean fullPrivacy = raw.contains("\"pubkey\": \"<index N pubkey (trade key)>\",\n    \"content\"");
                boolean reputation = raw.contains("<index 0 pubkey (identity key)>");
                assertThat(fullPrivacy ^ reputation).isTrue();
                SenderKeys keys = reputation ? SenderKeys.reputation(TRADE, IDENTITY) : SenderKeys.fullPrivacy(TRADE);
                Event built = Transport.v1().wrapRequest(Message.builder(Action.TAKE_SELL).build(), keys,
                        NODE.publicKey());
                Nip59.Unwrapped u = Nip59.unwrap(built, NODE);
                assertThat(built.kind()).isEqualTo(1059);
                assertThat(built.pubkey()).isNotIn(TRADE.publicKey(), IDENTITY.publicKey());
                assertThat(u.seal().kind()).isEqualTo(13);
                assertThat(u.sealSigner()).isEqualTo(reputation ? IDENTITY.publicKey() : TRADE.publicKey());
                assertThat(u.rumor().kind()).isEqualTo(1);
                assertThat(u.rumorAuthor()).isEqualTo(TRADE.publicKey());
                List<Object> tuple = array(Fixtures.parse(u.rumor().content()));
                assertThat(tuple).hasSize(2);
                assertThat(tuple.get(1) == null).isEqualTo(!reputation);
                assertThat(raw.contains("null // Signature is not needed")).isEqualTo(!reputation);
                v1Wraps++;
            }
        }
        assertThat(v2Envelopes).isEqualTo(7);
        assertThat(tuples).isEqualTo(2);
        assertThat(v1Wraps).isEqualTo(3);
    }
}
