/** The decision function and the gate loop that runs decisions against the ports. */
package io.warmgate.core.gate;
