/** Checks a spec type against every rule and collects all errors, each on the exact annotation value. */
package org.delta4j.processor.validate;
