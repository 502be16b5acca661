package org.delta4j.models.t5;

/**
 * T5's relative position buckets (HF's {@code _relative_position_bucket}): small distances get a
 * bucket each, larger ones share logarithmically wider buckets up to {@code max_distance}.
 * Bidirectional (encoder) buckets keep the sign in their upper half; unidirectional (decoder) ones
 * count only keys before the query. The logarithm is taken in float32, as HF takes it, so buckets
 * at a boundary match.
 */
final class T5RelativePositions {
    private T5RelativePositions() {}

    /**
     * @param queryOffset the position of the first query ({@code p} when {@code p} prefix keys come
     *     first)
     * @param queries the number of queries
     * @param keys the number of keys, at positions {@code 0 .. keys - 1}
     * @param bidirectional whether keys after the query get their own buckets (the encoder)
     * @param numBuckets {@code relative_attention_num_buckets}
     * @param maxDistance {@code relative_attention_max_distance}
     * @return {@code queries x keys} bucket ids, row-major (row {@code i}: query {@code i})
     */
    static long[] buckets(
            long queryOffset,
            int queries,
            int keys,
            boolean bidirectional,
            int numBuckets,
            int maxDistance) {
        // A bucket depends only on key minus query position: one logarithm per distinct distance
        // (queries + keys - 1 of them) instead of one per pair.
        long lowest = -(queryOffset + queries - 1);
        long[] byDistance = new long[queries + keys - 1];
        for (int d = 0; d < byDistance.length; d++) {
            byDistance[d] = bucket(lowest + d, bidirectional, numBuckets, maxDistance);
        }
        long[] out = new long[Math.multiplyExact(queries, keys)];
        for (int i = 0; i < queries; i++) {
            // Query i, key j: distance j - (queryOffset + i), at index j + queries - 1 - i.
            System.arraycopy(byDistance, queries - 1 - i, out, i * keys, keys);
        }
        return out;
    }

    /**
     * @param relative the key position minus the query position
     * @return its bucket id
     */
    static long bucket(long relative, boolean bidirectional, int numBuckets, int maxDistance) {
        int buckets = numBuckets;
        long base = 0;
        long distance;
        if (bidirectional) {
            buckets /= 2;
            base = relative > 0 ? buckets : 0;
            distance = Math.abs(relative);
        } else {
            distance = -Math.min(relative, 0);
        }
        int maxExact = buckets / 2;
        if (distance < maxExact) {
            return base + distance;
        }
        // float32 steps in HF's order: log(d / max_exact) / log(max_distance / max_exact) *
        // (buckets - max_exact).
        float log = (float) Math.log((float) distance / maxExact);
        float scaled =
                log / (float) Math.log((double) maxDistance / maxExact) * (buckets - maxExact);
        return base + Math.min(maxExact + (long) scaled, buckets - 1);
    }
}
