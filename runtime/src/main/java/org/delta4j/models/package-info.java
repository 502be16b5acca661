/**
 * What every HF model on DJL shares: reading {@code config.json} ({@link
 * org.delta4j.models.HfConfig}), the limits a config may ask for, and inputs and attention masks
 * named, checked and built as HF does. The architectures live in the sub-packages; {@code
 * models.hf} builds and loads them from a folder.
 */
package org.delta4j.models;
