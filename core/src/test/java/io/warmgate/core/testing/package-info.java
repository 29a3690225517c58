/**
 * Hand-written fakes of the core's ports, shipped in the core test-jar for the adapter and runner modules'
 * tests: a virtual-time scheduler, in-memory instances and hooks, recorded lifecycle actions, scripted
 * probes.
 */
package io.warmgate.core.testing;
