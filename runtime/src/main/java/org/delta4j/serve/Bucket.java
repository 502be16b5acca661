package org.delta4j.serve;

/**
 * One planned batch: which requests it holds and the length they are padded to.
 *
 * @param requests the requests' indices in the caller's list, shortest first
 * @param longest the longest of their lengths: every row is padded to it
 */
public record Bucket(int[] requests, int longest) {
    /**
     * @return rows × longest: the tokens the batch computes, padding included
     */
    public long paddedTokens() {
        return (long) requests.length * longest;
    }
}
