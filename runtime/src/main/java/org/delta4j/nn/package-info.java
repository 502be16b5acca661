/**
 * HuggingFace-named building blocks on DJL: a base class whose children and parameters carry HF's
 * names, and the leaf layers (linear, layer norm, embedding) that the backbones are made of.
 * Parameter shapes are fixed at construction, so a model can be built, described and loaded without
 * running a forward pass.
 */
package org.delta4j.nn;
