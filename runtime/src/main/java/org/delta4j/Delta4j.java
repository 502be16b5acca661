package org.delta4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Library-wide settings. Loading any delta4j model class turns off DJL's network use before DJL's
 * engine starts: the system properties {@code OPT_OUT_TRACKING=true} (no telemetry call home) and
 * {@code ai.djl.offline=true} (no downloads; the PyTorch natives come from the {@code
 * pytorch-native-cpu} jar) are set unless the user has already set them, as a system property or an
 * environment variable. A program that uses DJL before any delta4j class should call {@link
 * #offline()} first, or set those variables itself.
 */
public final class Delta4j {
    /** DJL's telemetry switch, read as an environment variable or a system property. */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    /**
     * DJL's offline switch as a system property ({@code DJL_OFFLINE} as an environment variable).
     */
    public static final String OFFLINE = "ai.djl.offline";

    /** This library's version, as written into delta checkpoints. */
    public static final String VERSION = readVersion();

    static {
        setUnlessSet(OPT_OUT_TRACKING, OPT_OUT_TRACKING);
        setUnlessSet(OFFLINE, "DJL_OFFLINE");
    }

    private Delta4j() {}

    /**
     * Makes sure DJL stays offline and silent. Idempotent; the work happens once, when this class
     * loads.
     *
     * @return whether DJL's telemetry is now off
     */
    public static boolean offline() {
        return Boolean.parseBoolean(
                System.getProperty(OPT_OUT_TRACKING, System.getenv(OPT_OUT_TRACKING)));
    }

    private static String readVersion() {
        try (InputStream in = Delta4j.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new ExceptionInInitializerError(
                    "delta4j's version.properties is missing from the jar: " + e);
        }
    }

    private static void setUnlessSet(String property, String environmentVariable) {
        if (System.getProperty(property) == null && System.getenv(environmentVariable) == null) {
            System.setProperty(property, "true");
        }
    }
}
