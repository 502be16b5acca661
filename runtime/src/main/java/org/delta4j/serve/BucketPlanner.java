package org.delta4j.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups requests of similar length into batches so that little of each batch is padding: the
 * requests are sorted by length and cut greedily, a batch growing while it stays within the {@link
 * BucketLimits}. Since a batch's rows are sorted, its last row is its longest, and adding a row
 * costs exactly the tokens it pads to.
 */
public final class BucketPlanner {
    private BucketPlanner() {}

    /**
     * @param lengths each request's length in tokens, in the caller's order
     * @param limits the bounds of one batch
     * @return the batches, shortest requests first; together they hold every request once
     * @throws IllegalArgumentException when there are no requests, a request is empty, or a request
     *     alone exceeds {@code maxPaddedTokens}, naming the request
     */
    public static List<Bucket> plan(int[] lengths, BucketLimits limits) {
        if (lengths.length == 0) {
            throw new IllegalArgumentException("no requests to plan; give at least one request");
        }
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 1) {
                throw new IllegalArgumentException(
                        "request " + i + " has no tokens; every request needs at least one");
            }
            if (lengths[i] > limits.maxPaddedTokens()) {
                throw new IllegalArgumentException(
                        "request "
                                + i
                                + " has "
                                + lengths[i]
                                + " tokens, more than maxPaddedTokens = "
                                + limits.maxPaddedTokens()
                                + " allows in one batch; raise maxPaddedTokens to at least "
                                + lengths[i]
                                + " or shorten the request");
            }
        }
        int[] order =
                IntStream.range(0, lengths.length)
                        .boxed()
                        .sorted(Comparator.comparingInt(i -> lengths[i]))
                        .mapToInt(Integer::intValue)
                        .toArray();
        List<Bucket> buckets = new ArrayList<>();
        int start = 0;
        for (int end = 1; end <= order.length; end++) {
            boolean last = end == order.length;
            if (last
                    || end - start + 1 > limits.maxRows()
                    || (long) (end - start + 1) * lengths[order[end]] > limits.maxPaddedTokens()) {
                int[] rows = Arrays.copyOfRange(order, start, end);
                buckets.add(new Bucket(rows, lengths[order[end - 1]]));
                start = end;
            }
        }
        return buckets;
    }
}
