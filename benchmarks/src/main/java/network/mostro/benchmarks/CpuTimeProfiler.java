package network.mostro.benchmarks;

import java.lang.management.ManagementFactory;
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
 * A JMH profiler reporting operations per CPU-second of the benchmark JVM ({@code cpu.ops/s}): measured
 * operations divided by the process CPU time used during the iteration. On a machine shared with other
 * builds, wall-clock throughput mostly measures how often the scheduler ran the benchmark; CPU time is
 * far less sensitive to that (cache and SMT contention still show). It includes the JVM's GC and JIT
 * threads, so it slightly understates throughput. Use with {@code -prof
 * network.mostro.benchmarks.CpuTimeProfiler}. Not thread-safe (JMH calls it from one thread).
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private long cpuAtStart;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long used = processCpuNanos() - cpuAtStart;
        long ops = result.getMetadata().getMeasuredOps();
        double perCpuSecond = used > 0 ? ops / (used / 1e9) : Double.NaN;
        return List.of(new ScalarResult("cpu.ops/s", perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
    }
}
