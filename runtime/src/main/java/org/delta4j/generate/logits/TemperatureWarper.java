package org.delta4j.generate.logits;

/** transformers' {@code TemperatureLogitsWarper}: every score divided by the temperature. */
public final class TemperatureWarper implements LogitsProcessor {
    private final float temperature;

    /**
     * @param temperature {@code temperature}, positive
     */
    public TemperatureWarper(double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.temperature = (float) temperature;
    }

    @Override
    public void process(long[] row, float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scores[i] / temperature;
        }
    }
}
