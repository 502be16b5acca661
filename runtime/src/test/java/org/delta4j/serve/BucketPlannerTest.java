package org.delta4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The planner alone: its limits, its coverage, its padding, and the inputs it refuses. */
class BucketPlannerTest {
    @Test
    void everyBucketKeepsTheLimitsAndEveryRequestIsPlannedOnce() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int[] lengths = random.ints(1 + random.nextInt(60), 1, 129).toArray();
            BucketLimits limits =
                    new BucketLimits(1 + random.nextInt(9), 128 + random.nextInt(900));
            List<Bucket> plan = BucketPlanner.plan(lengths, limits);
            int[] seen = new int[lengths.length];
            for (Bucket bucket : plan) {
                assertTrue(bucket.requests().length <= limits.maxRows(), "rows " + limits);
                assertTrue(bucket.paddedTokens() <= limits.maxPaddedTokens(), "tokens " + limits);
                int longest = 0;
                for (int r : bucket.requests()) {
                    seen[r]++;
                    longest = Math.max(longest, lengths[r]);
                }
                assertEquals(longest, bucket.longest());
            }
            int[] once = new int[lengths.length];
            Arrays.fill(once, 1);
            assertArrayEquals(once, seen);
        }
    }

    @Test
    void requestsOfSimilarLengthShareABucket() {
        int[] lengths = {100, 3, 98, 4, 99, 5, 97, 2};
        List<Bucket> plan = BucketPlanner.plan(lengths, new BucketLimits(4, 10_000));
        assertEquals(2, plan.size());
        assertArrayEquals(new int[] {7, 1, 3, 5}, plan.get(0).requests());
        assertEquals(5, plan.get(0).longest());
        assertArrayEquals(new int[] {6, 2, 4, 0}, plan.get(1).requests());
        // In arrival order, both batches of four would pad to 99 or 100: 796 tokens, not 420.
        assertEquals(420, plan.stream().mapToLong(Bucket::paddedTokens).sum());
    }

    @Test
    void theTokenLimitCutsABucketBeforeItsRowLimit() {
        List<Bucket> plan = BucketPlanner.plan(new int[] {10, 10, 10, 30}, new BucketLimits(8, 30));
        assertEquals(2, plan.size());
        assertArrayEquals(new int[] {0, 1, 2}, plan.get(0).requests());
        assertArrayEquals(new int[] {3}, plan.get(1).requests());
    }

    @Test
    void badInputsAreRefusedNamingWhatToFix() {
        BucketLimits limits = new BucketLimits(2, 16);
        assertMessage(() -> BucketPlanner.plan(new int[0], limits), "no requests");
        assertMessage(
                () -> BucketPlanner.plan(new int[] {3, 0}, limits), "request 1 has no tokens");
        assertMessage(
                () -> BucketPlanner.plan(new int[] {3, 17}, limits),
                "request 1 has 17 tokens, more than maxPaddedTokens = 16");
        assertMessage(() -> new BucketLimits(0, 16), "maxRows must be at least 1");
        assertMessage(() -> new BucketLimits(2, 0), "maxPaddedTokens must be at least 1");
    }

    private static void assertMessage(Runnable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
