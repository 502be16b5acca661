package org.delta4j.generate.search;

/**
 * When rows and decoding stop: any of the eos ids ends a row (or closes a beam hypothesis),
 * finished rows continue with the pad id, and decoding ends when the sequences reach the maximum
 * length.
 *
 * @param eosTokenIds every eos id, possibly none
 * @param padTokenId the id finished rows continue with
 * @param maxLength transformers' {@code max_length}: the longest sequence, start included
 */
public record Stopping(long[] eosTokenIds, long padTokenId, int maxLength) {
    /**
     * @param token a token id
     * @return whether it is one of the eos ids
     */
    public boolean isEos(long token) {
        for (long eos : eosTokenIds) {
            if (eos == token) {
                return true;
            }
        }
        return false;
    }
}
