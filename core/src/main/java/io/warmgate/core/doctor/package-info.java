/**
 * {@code warmgate doctor}'s analysis: a snapshot of one group's configuration and recent history,
 * and the rules that find warm-pool misconfigurations in it, each a pure function returning findings.
 */
package io.warmgate.core.doctor;
