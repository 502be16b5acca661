package org.delta4j.testing;

import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Snapshots of arrays as Java floats, for bit-exact comparisons across changes to a model. */
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
}
