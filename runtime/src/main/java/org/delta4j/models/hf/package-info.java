/**
 * HuggingFace folders to models: {@link org.delta4j.models.hf.HfModels} reads {@code config.json},
 * builds the class it names (or its base model, or another class of its type), checks the sizes it
 * asks for against the weights, and loads the safetensors state dict by key. The one package that
 * knows every architecture.
 */
package org.delta4j.models.hf;
