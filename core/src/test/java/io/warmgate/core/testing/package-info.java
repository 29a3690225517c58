/**
 * Hand-written fakes of the core's ports, shipped in the core test-jar for the adapter and runner modules'
 * tests: a virtual-time scheduler, in-memory instances, hooks and launch origins, recorded lifecycle actions, scripted
 * probes.
 */
package io.warmgate.core.testing;
