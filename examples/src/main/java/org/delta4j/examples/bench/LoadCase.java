package org.delta4j.examples.bench;

import ai.djl.Model;

/**
 * Loading: {@code HfModels.load} of the whole folder (BF16 weights converted to float32 tensor by
 * tensor). Each run frees the model the previous run loaded first, so one model is alive at a time;
 * the last one stays loaded until the case closes, for the heap to be measured with it.
 */
final class LoadCase implements BenchCase {
    private final LlamaSetup setup;
    private Model model;

    LoadCase(LlamaSetup setup) {
        this.setup = setup;
    }

    @Override
    public void runOnce() {
        close();
        model = setup.load("bench-load");
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
