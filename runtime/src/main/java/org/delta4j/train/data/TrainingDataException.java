package org.delta4j.train.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A training or evaluation file that cannot be used, with where (the file, the line, the field),
 * what was expected and how to fix it.
 */
public final class TrainingDataException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The {@link #line()} of a problem with the whole file, such as having no rows. */
    public static final int WHOLE_FILE = 0;

    private final transient Path file;
    private final int line;
    private final String field;

    /**
     * @param file the data file
     * @param line the 1-based line, or {@link #WHOLE_FILE}
     * @param field the JSON field at fault, or null
     * @param problem what is wrong and what was expected
     * @param fix how to fix it
     */
    public TrainingDataException(Path file, int line, String field, String problem, String fix) {
        super(message(file, line, field, problem, fix));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /**
     * @return the data file
     */
    public Path file() {
        return file;
    }

    /**
     * @return the 1-based line, or {@link #WHOLE_FILE}
     */
    public int line() {
        return line;
    }

    /**
     * @return the JSON field at fault, or null
     */
    public String field() {
        return field;
    }

    private static String message(Path file, int line, String field, String problem, String fix) {
        StringBuilder text = new StringBuilder().append(file);
        if (line != WHOLE_FILE) {
            text.append(" line ").append(line);
        }
        if (field != null) {
            text.append(", \"").append(field).append('"');
        }
        return text.append(": ").append(problem).append("; ").append(fix).toString();
    }
}
