/** Readiness policy per phase, probe specifications, and the layered configuration that builds them. */
package io.warmgate.core.policy;
