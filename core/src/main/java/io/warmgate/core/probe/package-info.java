/** Readiness probes (HTTP, TCP, EC2 status checks), all asynchronous so one process can watch thousands. */
package io.warmgate.core.probe;
