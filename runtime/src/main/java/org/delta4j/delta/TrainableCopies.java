package org.delta4j.delta;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * PEFT's {@code modules_to_save} in delta4j: the selected backbone modules train beside the deltas
 * and their values are saved with them, while their original values and trainable flags wait on the
 * Java heap until {@link Tuning#detach()} puts them back. PEFT trains a copy of the module and
 * keeps the original aside; delta4j trains the module in place and keeps the original's values
 * aside, which gives the same outputs without a second module in the tree.
 */
final class TrainableCopies {
    /** No copies. */
    static final TrainableCopies NONE =
            new TrainableCopies(ModulesToSave.Selection.NONE, DetachedValues.capture(Map.of()));

    private final ModulesToSave.Selection selection;
    private final DetachedValues original;

    private TrainableCopies(ModulesToSave.Selection selection, DetachedValues original) {
        this.selection = selection;
        this.original = original;
    }

    /**
     * Keeps the selected parameters' present values and flags aside; nothing changes yet.
     *
     * @param selection what to copy
     * @return the copies
     */
    static TrainableCopies of(ModulesToSave.Selection selection) {
        return selection.parameters().isEmpty()
                ? NONE
                : new TrainableCopies(selection, DetachedValues.capture(selection.parameters()));
    }

    /**
     * @return the entries they were selected by
     */
    ModulesToSave.Selection selection() {
        return selection;
    }

    /** Makes every copied parameter trainable. */
    void train() {
        selection.parameters().values().forEach(p -> p.freeze(false));
    }

    /**
     * Puts the original values and trainable flags back.
     *
     * @param manager the manager that owns the parameters
     */
    void restore(NDManager manager) {
        Map<String, Parameter> parameters = selection.parameters();
        if (!parameters.isEmpty()) {
            original.restoreValues(parameters, manager);
            original.restoreFlags(parameters);
        }
    }
}
