package org.delta4j.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.delta4j.tree.ModuleTree;

/**
 * A backbone's state dict: every parameter and buffer array by HF path, tied weights under each of
 * their paths, as PyTorch's {@code state_dict()}. After a freeze with {@code setStateDict}, only
 * the parameters that were left trainable, as OpenDelta's {@code set_state_dict=True}.
 */
public final class StateDict {
    private StateDict() {}

    /**
     * @param backbone the model's root block
     * @return its arrays by path, in tree order (the arrays themselves, not copies)
     */
    public static Map<String, NDArray> of(Block backbone) {
        ModuleTree tree = ModuleTree.of(backbone);
        Set<String> kept = DeltaRegistry.of(backbone).stateDictKeys();
        Map<String, NDArray> out = new LinkedHashMap<>();
        tree.parameters()
                .forEach(
                        (path, p) -> {
                            if (kept == null || kept.contains(path)) {
                                out.put(path, p.getArray());
                            }
                        });
        if (kept == null) {
            tree.buffers().forEach((path, p) -> out.put(path, p.getArray()));
        }
        return out;
    }
}
