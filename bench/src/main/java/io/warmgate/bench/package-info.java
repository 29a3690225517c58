/** The fleet benchmark: one real gate over a thousand emulated warm-pool instances, measured. */
package io.warmgate.bench;
