/** JMH micro-benchmarks of the gate's pure parts: the Decider and the PolicyResolver. */
package io.warmgate.bench.micro;
