/** {@code warmgate doctor}'s output: findings for people (grouped, coloured on a terminal) and as JSON. */
package io.warmgate.cli.doctor;
