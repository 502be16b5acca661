package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The processor is found by javac's service loader and declared isolating to Gradle. */
class RegistrationTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = DeltaSpecProcessor.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void registeredAsAnAnnotationProcessor() throws IOException {
        assertThat(
                        resource("META-INF/services/javax.annotation.processing.Processor")
                                .lines()
                                .toList())
                .contains(DeltaSpecProcessor.class.getName());
    }

    @Test
    void declaredIsolatingToGradle() throws IOException {
        assertThat(resource("META-INF/gradle/incremental.annotation.processors"))
                .isEqualTo(DeltaSpecProcessor.class.getName() + ",isolating\n");
    }
}
