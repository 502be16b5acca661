package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelPairsTest {
    private final ModelStructure s = Structures.tiny();

    @Test
    void patternsPairUpAndAnOddLastSpansItself() {
        assertEquals(
                List.of(List.of("a", "b"), List.of("c", "c")),
                ParallelPairs.patternPairs(List.of("a", "b", "c")));
    }

    @Test
    void resolvesPairsInTreeOrder() {
        assertEquals(
                List.of("encoder.layers.0.fc1", "encoder.layers.0.fc2"),
                ParallelPairs.resolve(
                        "@ParallelAdapter",
                        "ff.w1",
                        "ff.w2",
                        List.of(),
                        s.paths(),
                        s.aliases(),
                        s.name()));
    }

    @Test
    void unequalCountsAndBackwardPairsAreUnpaired() {
        SpecException counts =
                assertThrows(
                        SpecException.class,
                        () ->
                                ParallelPairs.resolve(
                                        "@ParallelAdapter",
                                        "fc1",
                                        "[r].*_proj",
                                        List.of(),
                                        s.paths(),
                                        s.aliases(),
                                        s.name()));
        assertEquals(Problem.UNPAIRED, counts.problem());
        SpecException order =
                assertThrows(
                        SpecException.class,
                        () ->
                                ParallelPairs.resolve(
                                        "@ParallelAdapter",
                                        "fc2",
                                        "fc1",
                                        List.of(),
                                        s.paths(),
                                        s.aliases(),
                                        s.name()));
        assertEquals(
                "[delta4j:unpaired] @ParallelAdapter pairs \"encoder.layers.0.fc2\" with "
                        + "\"encoder.layers.0.fc1\", which comes before it; give the patterns in the order the model runs "
                        + "them.",
                order.getMessage());
    }
}
