package org.delta4j.models.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** T5's buckets, checked against values worked out from HF's formula. */
class T5RelativePositionsTest {
    private static long encoder(long relative) {
        return T5RelativePositions.bucket(relative, true, 32, 128);
    }

    private static long decoder(long relative) {
        return T5RelativePositions.bucket(relative, false, 32, 128);
    }

    @Test
    void bidirectionalBucketsKeepTheSign() {
        assertEquals(0, encoder(0));
        assertEquals(1, encoder(-1));
        assertEquals(17, encoder(1));
        assertEquals(7, encoder(-7));
        assertEquals(8, encoder(-8));
        assertEquals(10, encoder(-16));
        assertEquals(12, encoder(-32));
        assertEquals(15, encoder(-128));
        assertEquals(31, encoder(1000));
    }

    @Test
    void unidirectionalBucketsIgnoreLaterKeys() {
        assertEquals(0, decoder(5));
        assertEquals(5, decoder(-5));
        assertEquals(16, decoder(-16));
        assertEquals(21, decoder(-32));
        assertEquals(31, decoder(-1000));
    }

    @Test
    void queriesAfterAPrefixAreOffset() {
        long[] b = T5RelativePositions.buckets(2, 2, 4, false, 32, 128);
        assertArrayEquals(new long[] {2, 1, 0, 0, 3, 2, 1, 0}, b);
    }

    @Test
    void everyPairGetsTheBucketOfItsOwnDistance() {
        int queries = 5;
        int keys = 9;
        for (boolean bidirectional : new boolean[] {true, false}) {
            long[] b = T5RelativePositions.buckets(3, queries, keys, bidirectional, 32, 16);
            for (int i = 0; i < queries; i++) {
                for (int j = 0; j < keys; j++) {
                    assertEquals(
                            T5RelativePositions.bucket(j - (3 + i), bidirectional, 32, 16),
                            b[i * keys + j],
                            "query " + i + ", key " + j);
                }
            }
        }
    }
}
