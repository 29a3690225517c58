/** Internal: the lifecycle engine (groups, warm pools, hooks, actions, EC2 states); not an API. */
package io.warmgate.emulator.internal.engine;
