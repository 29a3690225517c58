/** Test fixtures: an embedded emulator with real SDK clients. */
package io.warmgate.aws.testing;
