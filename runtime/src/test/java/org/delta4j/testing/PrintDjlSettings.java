package org.delta4j.testing;

import org.delta4j.nn.LayerNorm;

/**
 * Builds a delta4j block in a fresh JVM and prints DJL's network switches, for {@code
 * Delta4jOfflineTest}.
 */
public final class PrintDjlSettings {
    private PrintDjlSettings() {}

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        new LayerNorm(4, 1e-5f);
        System.out.println(
                System.getProperty("OPT_OUT_TRACKING")
                        + " "
                        + System.getProperty("ai.djl.offline"));
    }
}
