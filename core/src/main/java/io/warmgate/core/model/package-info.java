/** Immutable values of the lifecycle domain: actions, hooks, instance facts, probe results and decisions. */
package io.warmgate.core.model;
