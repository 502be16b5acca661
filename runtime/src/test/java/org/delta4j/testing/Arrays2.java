package org.delta4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Snapshots of arrays as Java floats, for comparisons across changes to a model. */
public final class Arrays2 {
    private Arrays2() {}

    /**
     * @param params parameters by path
     * @return a copy of every parameter's values, by path
     */
    public static Map<String, float[]> snapshot(Map<String, Parameter> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    /**
     * Asserts two arrays agree element by element within a tolerance.
     *
     * @param want the expected values
     * @param got the values
     * @param tolerance the largest absolute difference allowed
     * @param what what is compared, for the message
     */
    public static void assertClose(float[] want, float[] got, float tolerance, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tolerance, what + " at " + i);
        }
    }
}
