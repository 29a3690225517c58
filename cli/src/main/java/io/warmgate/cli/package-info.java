/** The {@code warmgate} command line: entry point, subcommands and their wiring. */
package io.warmgate.cli;
