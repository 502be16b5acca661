package org.delta4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The memory figures the benchmarks print: the process's peak RSS and the Java heap in use. */
final class ProcessMemory {
    private ProcessMemory() {}

    /**
     * @return the process's peak resident set size (VmHWM of /proc/self/status), in kB; -1 if
     *     unknown
     */
    static long peakRssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * @return the Java heap in use after a garbage collection (total minus free), in MiB: what the
     *     live Java objects hold, as opposed to the engine's native memory
     */
    static double heapUsedMib() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
    }
}
