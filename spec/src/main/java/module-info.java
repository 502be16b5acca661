/**
 * The rules both the annotation processor and the runtime apply: the method table, addressing,
 * argument ranges, every error message and tag, and the structure JSON.
 */
module org.delta4j.spec {
    requires com.google.gson;

    exports org.delta4j.spec;

    // The structure JSON is read into ModelStructure by reflection.
    opens org.delta4j.spec to
            com.google.gson;
}
