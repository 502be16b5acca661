/**
 * The wrappers that run deltas around a backbone module. Surgery puts a host where the module was;
 * the module tree shows the host as the module itself with the deltas as extra children, so
 * backbone paths never change.
 */
package org.delta4j.delta.host;
