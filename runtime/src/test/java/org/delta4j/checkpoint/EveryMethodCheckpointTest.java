package org.delta4j.checkpoint;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.testing.CheckpointRoundTrip;
import org.delta4j.testing.EveryMethod;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method's delta saves, rebuilds from its config on a fresh BART, and gives the same outputs.
 */
class EveryMethodCheckpointTest {
    @TempDir Path tmp;

    static Stream<DeltaSpec> specs() {
        return EveryMethod.onBart();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void roundTripsExactly(DeltaSpec spec) throws Exception {
        CheckpointRoundTrip.assertChangesTheLogitsAndRoundTrips(
                Fixtures.model("bart_for_conditional_generation"), spec, tmp);
    }
}
