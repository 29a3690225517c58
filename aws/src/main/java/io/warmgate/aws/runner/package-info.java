/**
 * The inbound port: what every runner (the Lambda handler, the daemon's listener, a queue reader) calls
 * with the lifecycle messages it received, and the outcome per message it gets back.
 */
package io.warmgate.aws.runner;
