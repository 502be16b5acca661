package org.delta4j.generate.logits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each processor and warper against values worked out by hand, with transformers' rules. */
class LogitsProcessorsTest {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeScoresOfEachIdOnce() {
        float[] scores = {2f, -1f, 0.5f, 3f, 1f};
        // id 0 is padding on a left-padded row: transformers penalises it too; id 1 repeats
        new RepetitionPenaltyProcessor(2.0).process(new long[] {0, 0, 1, 1, 3}, scores);
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 1.5f, 1f}, scores);
    }

    @Test
    void repetitionPenaltyIsFloat32() {
        float[] scores = {1f};
        new RepetitionPenaltyProcessor(1.3).process(new long[] {0}, scores);
        assertEquals(1f / 1.3f, scores[0]);
    }

    @Test
    void noRepeatNGramBansWhatWouldRepeatAnNGramPaddingIncluded() {
        float[] scores = new float[6];
        // bigrams of the row: (5,5) from the padding, (5,1), (1,2), (2,5); the last id is 5, so 5
        // (from (5,5)) and 1 (from (5,1)) would repeat a bigram
        new NoRepeatNGramProcessor(2).process(new long[] {5, 5, 1, 2, 5}, scores);
        assertArrayEquals(new float[] {0, NEG_INF, 0, 0, 0, NEG_INF}, scores);
    }

    @Test
    void noRepeatNGramWaitsForNMinusOneIds() {
        float[] scores = new float[4];
        new NoRepeatNGramProcessor(3).process(new long[] {1}, scores);
        assertArrayEquals(new float[4], scores);
        new NoRepeatNGramProcessor(3).process(new long[] {1, 2, 1, 2}, scores);
        // trigram (1,2,1) follows the prefix (1,2)
        assertArrayEquals(new float[] {0, NEG_INF, 0, 0}, scores);
    }

    @Test
    void minNewTokensSuppressesEveryEosCountingFromThePaddedPromptWidth() {
        MinLengthProcessor p = new MinLengthProcessor(3, 2, new long[] {1, 3});
        float[] early = {1, 1, 1, 1};
        p.process(new long[] {9, 9, 4, 5}, early); // one new token after a 3-wide prompt
        assertArrayEquals(new float[] {1, NEG_INF, 1, NEG_INF}, early);
        float[] late = {1, 1, 1, 1};
        p.process(new long[] {9, 9, 4, 5, 6}, late);
        assertArrayEquals(new float[] {1, 1, 1, 1}, late);
    }

    @Test
    void forcedEosLeavesOnlyEosAtTheLastStep() {
        ForcedTokenProcessor p = ForcedTokenProcessor.eos(4, new long[] {2});
        float[] before = {1, 2, 3};
        p.process(new long[] {0, 1}, before);
        assertArrayEquals(new float[] {1, 2, 3}, before);
        float[] last = {1, 2, 3};
        p.process(new long[] {0, 1, 1}, last);
        assertArrayEquals(new float[] {NEG_INF, NEG_INF, 0}, last);
    }

    @Test
    void forcedBosForcesTheFirstNewToken() {
        float[] scores = {1, 2, 3};
        ForcedTokenProcessor.bos(0).process(new long[] {2}, scores);
        assertArrayEquals(new float[] {0, NEG_INF, NEG_INF}, scores);
    }

    @Test
    void warpersRunInOrder() {
        float[] scores = {4f, 1f, 2f, 2f};
        LogitsProcessors.apply(
                List.of(new TemperatureWarper(2.0), new TopKWarper(2)), new long[0], scores);
        // halved, then the two best kept, ties with the second best included
        assertArrayEquals(new float[] {2f, NEG_INF, 1f, 1f}, scores);
    }

    @Test
    void topPKeepsTheSmallestSetAboveTheMass() {
        // probabilities 0.5, 0.3, 0.2 (ln of them)
        float[] scores = {(float) Math.log(.5), (float) Math.log(.3), (float) Math.log(.2)};
        new TopPWarper(0.7).process(new long[0], scores);
        // ascending cumulative: 0.2, 0.5, 1.0; removed where <= 0.3: only the 0.2 id
        assertEquals(NEG_INF, scores[2]);
        assertEquals((float) Math.log(.3), scores[1]);
        float[] tiny = {(float) Math.log(.5), (float) Math.log(.3), (float) Math.log(.2)};
        new TopPWarper(1e-6).process(new long[0], tiny);
        assertArrayEquals(new float[] {(float) Math.log(.5), NEG_INF, NEG_INF}, tiny);
    }

    @Test
    void logSoftmaxAndSoftmaxMatchTheirDefinitions() {
        float[] logits = {1f, 2f, 3f, NEG_INF};
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        float[] log = Softmax.log(logits);
        float[] p = Softmax.of(logits);
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1 - Math.log(sum), log[i], 1e-6);
            assertEquals(Math.exp(i + 1) / sum, p[i], 1e-7);
        }
        assertEquals(NEG_INF, log[3]);
        assertEquals(0f, p[3]);
    }

    @Test
    void invalidParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TemperatureWarper(0));
        assertThrows(IllegalArgumentException.class, () -> new TopPWarper(1.5));
        assertThrows(IllegalArgumentException.class, () -> new TopKWarper(0));
        assertThrows(IllegalArgumentException.class, () -> new NoRepeatNGramProcessor(0));
    }
}
