/**
 * Inference as a server runs it: {@link org.delta4j.serve.Inference}, one forward pass with
 * gradient recording off in the calling thread and every array in the request's manager; {@link
 * org.delta4j.serve.BucketPlanner} and {@link org.delta4j.serve.BucketedInference}, many requests
 * of different lengths grouped into batches with little padding; and {@link
 * org.delta4j.serve.InferenceWorkers}, worker threads over one model with their intra-op threads
 * split between them.
 */
package org.delta4j.serve;
