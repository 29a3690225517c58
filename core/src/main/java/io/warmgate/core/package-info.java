/** The warmgate core: lifecycle model, readiness policy, probes and decisions; depends on the JDK only. */
package io.warmgate.core;
