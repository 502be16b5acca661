package org.delta4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.testing.PrintDjlSettings;
import org.junit.jupiter.api.Test;

/**
 * Loading delta4j's blocks turns DJL's telemetry and downloads off, unless the user decided
 * otherwise.
 */
class Delta4jOfflineTest {
    @Test
    void modelClassesTurnTelemetryAndDownloadsOff() throws Exception {
        assertEquals("true true", runFreshJvm());
    }

    @Test
    void aUsersOwnSettingIsKept() throws Exception {
        assertEquals("false true", runFreshJvm("-DOPT_OUT_TRACKING=false"));
    }

    private static String runFreshJvm(String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        PrintDjlSettings.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // Whatever the build set, the child starts with neither variable, as a user's program
        // would.
        pb.environment().remove("OPT_OUT_TRACKING");
        pb.environment().remove("DJL_OFFLINE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }
}
