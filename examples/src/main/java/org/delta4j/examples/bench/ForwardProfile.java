package org.delta4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.delta4j.Delta4j;

/**
 * Where one eval-mode forward pass of the bench encoder spends its time: the pass's wall time
 * (median over {@code --iters}), the arrays it leaves in its manager at its end, and a trace of the
 * same pass from libtorch's own profiler (Chrome trace format, every native operation with its
 * start, duration and input shapes), which {@code bench/profile.py} summarises as native calls and
 * time in GEMMs, in other operations, and outside libtorch (JNI and Java). Run by {@code
 * bench/run.sh} with {@code PROFILE=1}; arguments as {@link EncoderBench}'s plus {@code --trace
 * FILE}, and warmed up as its cases are (at least {@code --warmup} passes and {@code
 * --warmup-seconds}).
 */
public final class ForwardProfile {
    private ForwardProfile() {}

    /**
     * @param args {@code --config FILE --batch N --seq N --warmup N --warmup-seconds S --iters N
     *     --trace FILE}
     * @throws IOException when the config cannot be read
     */
    public static void main(String[] args) throws IOException {
        Delta4j.offline();
        String trace = null;
        int keep = 0;
        String[] rest = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--trace") && i + 1 < args.length) {
                trace = args[++i];
            } else {
                rest[keep++] = args[i];
            }
        }
        if (trace == null) {
            System.err.println("ForwardProfile: --trace FILE is required (where the trace goes)");
            System.exit(2);
            return;
        }
        BenchOptions options = BenchOptions.parse(Arrays.copyOf(rest, keep));
        EncoderSetup setup =
                EncoderSetup.read(
                        options.config(), options.batch(), options.length(), options.seed());
        try (ForwardCase pass = ForwardCase.encoder(setup)) {
            Timings t =
                    Timings.measure(
                            pass, options.warmup(), options.warmupSeconds(), options.iters());
            int arrays = pass.runAndCountArrays();
            long profiled = 0;
            // The first profiled pass pays the profiler's own start-up; the second one is kept.
            for (int i = 0; i < 2; i++) {
                JniUtils.startProfile(false, true, false);
                long start = System.nanoTime();
                pass.runOnce();
                profiled = System.nanoTime() - start;
                JniUtils.stopProfile(trace);
            }
            System.out.printf(
                    Locale.ROOT,
                    "PROFILE djl forward_ms %.3f profiled_ms %.3f arrays %d peak_rss_kb %d gemm_gflops %.1f"
                            + " trace %s%n",
                    t.medianMs(),
                    profiled / 1e6,
                    arrays,
                    ProcessMemory.peakRssKb(),
                    gemmGflops(),
                    trace);
        }
    }

    /**
     * What this libtorch reaches on one large square matrix product (1024 x 1024 x 1024), the limit
     * the forward's GEMMs are measured against; GFLOP/s, median of 5.
     */
    private static double gemmGflops() {
        int n = 1024;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            long[] nanos = new long[7];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                a.matMul(b).close();
                nanos[i] = System.nanoTime() - start;
            }
            long[] timed = Arrays.copyOfRange(nanos, 2, nanos.length);
            Arrays.sort(timed);
            return 2.0 * n * n * n / timed[timed.length / 2];
        }
    }
}
