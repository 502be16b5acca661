/**
 * What a DJL training loop needs from delta4j: steps whose intermediate arrays are freed every
 * step.
 */
package org.delta4j.train;
