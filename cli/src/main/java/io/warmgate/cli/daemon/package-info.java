/** {@code warmgate run}: the daemon's reconcile loop, its lifecycle-event HTTP listener and its JSON log. */
package io.warmgate.cli.daemon;
