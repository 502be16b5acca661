package org.delta4j.serve;

/**
 * How large one padded batch may be: a bound on its rows, and on its padded tokens (rows × the
 * longest row), which bounds a batch's activation memory whatever the mix of lengths.
 *
 * @param maxRows the most requests in one batch, at least 1
 * @param maxPaddedTokens the most of rows × longest row in one batch, at least 1; a request longer
 *     than this cannot run
 */
public record BucketLimits(int maxRows, long maxPaddedTokens) {
    /**
     * @throws IllegalArgumentException when a limit is below 1, naming it
     */
    public BucketLimits {
        if (maxRows < 1) {
            throw new IllegalArgumentException(
                    "maxRows must be at least 1 (one request per batch), got " + maxRows);
        }
        if (maxPaddedTokens < 1) {
            throw new IllegalArgumentException(
                    "maxPaddedTokens must be at least 1 (rows × longest row of a batch), got "
                            + maxPaddedTokens
                            + "; set it to at least the longest request's length");
        }
    }
}
