package network.mostro.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports what {@link IdleConnectionHeapBenchmark} measured in each single shot as secondary results, averaged
 * over the measurement iterations: {@code heap.bytes/conn} (retained heap divided by the connection count),
 * {@code heap.bytes} (total), {@code direct.bytes} and {@code threads} (added by the client). A profiler rather
 * than {@code @AuxCounters} because JMH sums {@code EVENTS} counters over the iterations in its summary table.
 * Use with {@code -prof network.mostro.benchmarks.IdleHeapProfiler}; other benchmarks get no figures. Not
 * thread-safe (JMH calls it from one thread).
 */
public final class IdleHeapProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "retained heap of idle relay connections (IdleConnectionHeapBenchmark)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        IdleConnectionHeapBenchmark.last = null;
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        IdleConnectionHeapBenchmark.Figures f = IdleConnectionHeapBenchmark.last;
        if (f == null) {
            return List.of();
        }
        return List.of(
                new ScalarResult("heap.bytes/conn", (double) f.heapBytes() / f.connections(), "B",
                        AggregationPolicy.AVG),
                new ScalarResult("heap.bytes", f.heapBytes(), "B", AggregationPolicy.AVG),
                new ScalarResult("direct.bytes", f.directBytes(), "B", AggregationPolicy.AVG),
                new ScalarResult("threads", f.threads(), "#", AggregationPolicy.AVG));
    }
}
