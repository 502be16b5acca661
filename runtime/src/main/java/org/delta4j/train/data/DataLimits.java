package org.delta4j.train.data;

/**
 * The most a data file may ask delta4j to hold, so that a file from a stranger fails with a clear
 * message instead of exhausting memory. Rows are kept as {@code int}s: at the limits below a file
 * holds at most about 1.6 GB of token values (ids, mask, token types and labels).
 */
public final class DataLimits {
    /** The longest line, in bytes: a row of {@link #MAX_ROW_TOKENS} ids is far shorter. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /**
     * The most tokens in one row (and one target): 64 times the position table of BERT or GPT-2,
     * whatever a model's config allows.
     */
    public static final int MAX_ROW_TOKENS = 65_536;

    /** The most rows in one file. */
    public static final int MAX_ROWS = 10_000_000;

    /** The most tokens in all rows of one file, targets included. */
    public static final long MAX_TOTAL_TOKENS = 100_000_000L;

    private DataLimits() {}
}
