/** {@code warmgate demo}: replays the warm-pool incident three ways on the embedded emulator and reports. */
package io.warmgate.cli.demo;
