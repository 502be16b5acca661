package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.bert.TinyBertFamily;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ModuleList;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleHost;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models reach their children through their child lists, never through fields: surgery replaces
 * nothing but a list entry, and the block it puts there is the one that runs.
 */
class ChildListSurgeryTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.delta4j.models.TinyModels#architectures")
    void everyModuleReplacedInItsParentsListRuns(String name, ModelConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(config, manager, 1);
            NDList before = forward(model, manager);
            Map<String, Counting> counters = new LinkedHashMap<>();
            List<Module> deepestFirst = new ArrayList<>(ModuleTree.of(model).modules());
            Collections.reverse(deepestFirst);
            for (Module m : deepestFirst) {
                if (runsInForward(m)) {
                    Counting counting = new Counting(m.block());
                    Surgery.replace(model, m.path(), counting);
                    counters.put(m.path(), counting);
                }
            }
            assertTrue(counters.size() > 20, "replaced only " + counters.size() + " modules");
            NDList after = forward(model, manager);
            List<String> notRun = new ArrayList<>();
            counters.forEach(
                    (path, c) -> {
                        if (c.calls.get() == 0) {
                            notRun.add(path);
                        }
                    });
            assertEquals(
                    List.of(),
                    notRun,
                    "replaced in their parents' lists, these modules did not run");
            for (int i = 0; i < before.size(); i++) {
                assertEquals(
                        before.get(i),
                        after.get(i),
                        "pass-through replacements changed output " + i);
            }
        }
    }

    @Test
    void attachingLoraAndAdaptersToBertWritesNoField() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyBertFamily.config("BertModel"), manager, 1);
            TuningSpec.builder()
                    .add(LoraSpec.builder().build())
                    .add(AdapterSpec.builder().build())
                    .build()
                    .attach(model);
            int hosts = 0;
            for (Module m : ModuleTree.of(model).modules()) {
                if (m.block() instanceof ModuleHost) {
                    assertEquals(
                            List.of(),
                            StructureAssertions.fieldsHolding(
                                    m.parent().shown(), List.of(m.block())),
                            m + ": fields that surgery wrote");
                    hosts++;
                }
            }
            // LoRA on query and value, adapters after both output projections, in each of the 2
            // layers.
            assertEquals(8, hosts);
        }
    }

    /**
     * The root has no parent to replace it in; a module list has no forward pass (its owner runs
     * its items); and a {@code shared} token table is only a parameter holder whose weight the
     * embedding tables that run are tied to.
     */
    private static boolean runsInForward(Module m) {
        return m.parent() != null
                && !(m.block() instanceof ModuleList)
                && !m.name().equals("shared");
    }

    private static NDList forward(Block model, NDManager manager) {
        return model.forward(
                new ParameterStore(manager, false), TinyModels.inputs(model, manager), false);
    }

    /** A pass-through that counts its calls. */
    private static final class Counting extends AbstractBlock {
        private final Block inner;
        private final AtomicInteger calls = new AtomicInteger();

        Counting(Block inner) {
            this.inner = inner;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            calls.incrementAndGet();
            return inner.forward(ps, inputs, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }
    }
}
