/**
 * delta4j's tuning-spec annotations ({@code @Lora}, {@code @Adapter}, ..., {@code @Freeze},
 * {@code @Backbone}): no dependencies, class retention; the processor in {@code
 * org.delta4j.processor} reads them.
 */
module org.delta4j.annotations {
    exports org.delta4j.annotations;
}
