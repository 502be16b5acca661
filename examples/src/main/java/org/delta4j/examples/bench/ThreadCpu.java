package org.delta4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of each of the process's threads (Linux: {@code /proc/self/task}), to see how many
 * threads a case keeps busy: the workers and their intra-op helpers, native OpenMP threads
 * included, which Java's own thread list does not show.
 */
final class ThreadCpu {
    private ThreadCpu() {}

    /**
     * @return CPU clock ticks (user + system) by thread id; empty where {@code /proc} is absent
     */
    static Map<String, Long> ticks() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> ticks.put(task.getFileName().toString(), ticksOf(task)));
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /**
     * @param before ticks at the start
     * @param after ticks at the end
     * @return how many threads used at least a fifth of the busiest thread's CPU time in between
     */
    static int busyThreads(Map<String, Long> before, Map<String, Long> after) {
        long busiest = 0;
        Map<String, Long> used = new HashMap<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long u = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            used.put(e.getKey(), u);
            busiest = Math.max(busiest, u);
        }
        long floor = busiest / 5;
        return (int) used.values().stream().filter(u -> u > 0 && u >= floor).count();
    }

    private static long ticksOf(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended meanwhile
        }
    }
}
