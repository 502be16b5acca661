package org.delta4j.models.llama;

import java.util.List;
import java.util.Map;

/**
 * A config's {@code rope_scaling}: how the rotary frequencies stretch to longer contexts. Computes
 * the inverse frequencies in float32, in HF's order of operations.
 *
 * <ul>
 *   <li>none ({@code null} or type {@code default}): {@code theta^(-2i/d)};
 *   <li>{@code linear}: positions divided by {@code factor};
 *   <li>{@code dynamic} (NTK-aware): past {@code max_position_embeddings} the base grows to {@code
 *       theta * (factor * len / max - (factor - 1))^(d / (d - 2))}, for {@code len} the largest
 *       position plus one;
 *   <li>{@code llama3}: low frequencies (wavelengths above {@code original_max_position_embeddings
 *       / low_freq_factor}) divided by {@code factor}, high ones (below {@code .../
 *       high_freq_factor}) kept, those between interpolated smoothly.
 * </ul>
 */
public final class RopeScaling {
    /** The supported {@code rope_scaling} types. */
    public static final List<String> TYPES = List.of("linear", "dynamic", "llama3");

    private static final RopeScaling NONE = new RopeScaling("default", 1, 1, 4, 8192);

    private final String type;
    private final float factor;
    private final float lowFreqFactor;
    private final float highFreqFactor;
    private final float originalMaxPositions;

    private RopeScaling(
            String type,
            float factor,
            float lowFreqFactor,
            float highFreqFactor,
            float originalMaxPositions) {
        this.type = type;
        this.factor = factor;
        this.lowFreqFactor = lowFreqFactor;
        this.highFreqFactor = highFreqFactor;
        this.originalMaxPositions = originalMaxPositions;
    }

    /**
     * @param fields the {@code rope_scaling} object of a config, or null
     * @return the scaling it describes
     * @throws IllegalArgumentException for an unknown type (naming the supported ones) or a missing
     *     or invalid factor
     */
    static RopeScaling parse(Map<String, Object> fields) {
        if (fields == null) {
            return NONE;
        }
        Object kind =
                fields.containsKey("rope_type") ? fields.get("rope_type") : fields.get("type");
        if (kind == null || "default".equals(kind)) {
            return NONE;
        }
        if (!TYPES.contains(kind)) {
            throw new IllegalArgumentException(
                    "rope_scaling type \""
                            + kind
                            + "\" is not supported; supported: "
                            + String.join(", ", TYPES)
                            + " (or rope_scaling null)");
        }
        float factor = number(fields, "factor", null);
        if (!(factor >= 1) || Float.isInfinite(factor)) {
            throw new IllegalArgumentException(
                    "rope_scaling factor = " + factor + " is not a finite number of at least 1");
        }
        if (!"llama3".equals(kind)) {
            return new RopeScaling((String) kind, factor, 1, 4, 8192);
        }
        float low = number(fields, "low_freq_factor", 1f);
        float high = number(fields, "high_freq_factor", 4f);
        float original = number(fields, "original_max_position_embeddings", 8192f);
        if (!(low > 0 && high > low && original > 0)) {
            throw new IllegalArgumentException(
                    "rope_scaling llama3 needs 0 < low_freq_factor < high_freq_factor and a"
                            + " positive original_max_position_embeddings; got "
                            + fields);
        }
        return new RopeScaling("llama3", factor, low, high, original);
    }

    private static float number(Map<String, Object> fields, String name, Float absent) {
        Object value = fields.get(name);
        if (value == null && absent != null) {
            return absent;
        }
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException(
                    "rope_scaling "
                            + fields.get("type")
                            + " needs a number \""
                            + name
                            + "\", got "
                            + value);
        }
        return ((Number) value).floatValue();
    }

    /**
     * @return the type: {@code default}, {@code linear}, {@code dynamic} or {@code llama3}
     */
    public String type() {
        return type;
    }

    /**
     * @return {@code factor} (1 without scaling)
     */
    public float factor() {
        return factor;
    }

    /**
     * @return whether the scaling stretches {@code max_position_embeddings} by {@code factor}
     *     (linear and dynamic; llama3 configs give the stretched length themselves)
     */
    boolean stretchesPositions() {
        return "linear".equals(type) || "dynamic".equals(type);
    }

    /**
     * @return what positions are divided by before the rotation: {@code factor} for linear scaling,
     *     else 1
     */
    float positionDivisor() {
        return "linear".equals(type) ? factor : 1f;
    }

    /**
     * @return whether the frequencies depend on the sequence length (dynamic scaling)
     */
    boolean dependsOnLength() {
        return "dynamic".equals(type);
    }

    /**
     * @param theta {@code rope_theta}
     * @param dim the head dimension
     * @param length the largest position plus one (read by dynamic scaling only)
     * @param maxPositions {@code max_position_embeddings}
     * @return the {@code dim / 2} inverse frequencies
     */
    float[] inverseFrequencies(float theta, int dim, long length, int maxPositions) {
        float base = theta;
        if (dependsOnLength() && length > maxPositions) {
            float grown = factor * length / maxPositions - (factor - 1);
            base = theta * (float) Math.pow(grown, (float) dim / (dim - 2));
        }
        float[] inv = new float[dim / 2];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1f / (float) Math.pow(base, (float) (2 * i) / dim);
        }
        return "llama3".equals(type) ? llama3(inv) : inv;
    }

    /** Meta's Llama 3.1 frequency scaling, as HF's {@code _compute_llama3_parameters}. */
    private float[] llama3(float[] inv) {
        float lowFreqWavelen = originalMaxPositions / lowFreqFactor;
        float highFreqWavelen = originalMaxPositions / highFreqFactor;
        float[] out = new float[inv.length];
        for (int i = 0; i < inv.length; i++) {
            float wavelen = (float) (2 * Math.PI) / inv[i];
            if (wavelen > lowFreqWavelen) {
                out[i] = inv[i] / factor;
            } else if (wavelen < highFreqWavelen) {
                out[i] = inv[i];
            } else {
                float smooth =
                        (originalMaxPositions / wavelen - lowFreqFactor)
                                / (highFreqFactor - lowFreqFactor);
                out[i] = (1 - smooth) * inv[i] / factor + smooth * inv[i];
            }
        }
        return out;
    }
}
