package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.delta4j.io.UserFiles;

/** Builds model inputs named as HF's arguments ({@code input_ids}, {@code attention_mask}, ...). */
public final class ModelInputs {
    private ModelInputs() {}

    /**
     * @param manager the manager that will own the arrays
     * @param inputs {@code [batch][length]} integer inputs by HF argument name
     * @return INT64 arrays named after their keys, in the map's order
     * @throws IllegalArgumentException when a batch is null, empty or ragged
     */
    public static NDList of(NDManager manager, Map<String, long[][]> inputs) {
        NDList out = new NDList(inputs.size());
        for (Map.Entry<String, long[][]> e : inputs.entrySet()) {
            long[][] rows = e.getValue();
            if (rows == null || rows.length == 0 || rows[0] == null || rows[0].length == 0) {
                throw new IllegalArgumentException("input " + e.getKey() + " is empty");
            }
            for (long[] row : rows) {
                if (row == null || row.length != rows[0].length) {
                    throw new IllegalArgumentException(
                            "input " + e.getKey() + " has rows of different lengths");
                }
            }
            NDArray array = manager.create(rows);
            array.setName(e.getKey());
            out.add(array);
        }
        return out;
    }

    /**
     * Reads inputs saved as a JSON object of integer matrices by argument name (the fixtures'
     * {@code inputs.json}), as strict JSON in UTF-8 (see {@link InputsJson}).
     *
     * @param manager the manager that will own the arrays
     * @param file the JSON file, a regular file
     * @return INT64 arrays named after their keys, in file order
     * @throws IOException when the file cannot be read or is not such an object, or a matrix is
     *     empty or ragged, in one line that starts with the file's path
     */
    public static NDList fromJson(NDManager manager, Path file) throws IOException {
        Map<String, long[][]> matrices = readJson(file);
        try {
            return of(manager, matrices);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads inputs saved as a JSON object of integer matrices by argument name, as strict JSON in
     * UTF-8 (see {@link InputsJson}), without making arrays.
     *
     * @param file the JSON file, a regular file
     * @return the matrices by name, in file order
     * @throws IOException when the file cannot be read or is not such an object, in one line that
     *     starts with the file's path
     */
    public static Map<String, long[][]> readJson(Path file) throws IOException {
        String text = UserFiles.readUtf8(file);
        try {
            return InputsJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
