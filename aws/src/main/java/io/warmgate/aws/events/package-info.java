/** EventBridge adapters: the rules that route lifecycle events to a gate. */
package io.warmgate.aws.events;
