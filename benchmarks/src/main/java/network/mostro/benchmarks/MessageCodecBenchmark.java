package network.mostro.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import network.mostro.protocol.Message;
import network.mostro.protocol.codec.MessageCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MessageCodec} throughput in messages per second over the {@link ProtocolMessages} mix, walked in order
 * (each operation takes the next message). {@code decodeEncode} is what a node does with every inbound message
 * (parse, then re-serialize canonically to check signatures, SPEC §3.3); {@code decode} and {@code encode} split it.
 * There is no rust-nostr counterpart (rust-nostr has no Mostro codec).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MessageCodecBenchmark {
    MessageCodec codec;
    String[] json;
    Message[] messages;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        codec = MessageCodec.standard();
        List<String> all = ProtocolMessages.all();
        json = all.toArray(String[]::new);
        messages = new Message[json.length];
        for (int i = 0; i < json.length; i++) {
            messages[i] = codec.decode(json[i]);
            if (!codec.decode(codec.encode(messages[i])).equals(messages[i])) {
                throw new IllegalStateException("message " + i + " does not round-trip");
            }
        }
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == json.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public String decodeEncode() {
        return codec.encode(codec.decode(json[nextIndex()]));
    }

    @Benchmark
    public Message decode() {
        return codec.decode(json[nextIndex()]);
    }

    @Benchmark
    public String encode() {
        return codec.encode(messages[nextIndex()]);
    }
}
