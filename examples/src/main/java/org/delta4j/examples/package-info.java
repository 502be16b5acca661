/** Runnable programs: the five-step walkthrough (the README's main job) and its helpers. */
package org.delta4j.examples;
