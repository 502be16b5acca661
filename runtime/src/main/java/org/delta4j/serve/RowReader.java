package org.delta4j.serve;

/**
 * Turns one request's row of a batch's outputs into the request's result, as Java values: the
 * arrays are freed once the batch is read.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface RowReader<T> {
    /**
     * @param row the request's row
     * @return its result, holding no array
     */
    T read(BatchRow row);
}
