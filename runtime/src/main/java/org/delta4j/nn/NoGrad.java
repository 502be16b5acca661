package org.delta4j.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs work with PyTorch's gradient recording off in the calling thread, and restores the thread's
 * setting after. Grad mode is per thread in PyTorch, and DJL turns it off only in the thread that
 * started the engine: in any other thread, arithmetic on trainable parameters records a graph, and
 * writing such a result into a weight makes the weight a non-leaf that can no longer be frozen or
 * trained. Every in-place write to weights goes through here.
 */
public final class NoGrad {
    private NoGrad() {}

    /**
     * @param work what to run
     * @param <T> its result type
     * @return its result
     */
    public static <T> T run(Supplier<T> work) {
        if (!PtEngine.ENGINE_NAME.equals(Engine.getInstance().getEngineName())) {
            return work.get();
        }
        boolean recording = JniUtils.isGradMode();
        if (recording) {
            JniUtils.setGradMode(false);
        }
        try {
            return work.get();
        } finally {
            if (recording) {
                JniUtils.setGradMode(true);
            }
        }
    }

    /**
     * @param work what to run
     */
    public static void run(Runnable work) {
        run(
                () -> {
                    work.run();
                    return null;
                });
    }
}
