/**
 * HF models on DJL: reading {@code config.json}, building the named model class, fresh HF-style initialisation,
 * strict loading of safetensors state dicts by key, and inputs and attention masks named and built as HF does.
 */
package org.delta4j.models;
