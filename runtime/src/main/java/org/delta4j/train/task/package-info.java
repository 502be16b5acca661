/** Training tasks: which rows a model reads and the loss its head is trained on, as HF's heads. */
package org.delta4j.train.task;
