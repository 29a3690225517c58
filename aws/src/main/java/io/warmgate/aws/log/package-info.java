/**
 * One mapping from what the gate and the dispatcher report to structured log lines, under the documented
 * keys, shared by the runners' log listeners; it writes nothing itself (the core does not log).
 */
package io.warmgate.aws.log;
