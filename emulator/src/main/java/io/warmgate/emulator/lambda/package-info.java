/**
 * A local Lambda host: runs a function's deployment package in its own JVMs through Lambda's Runtime API
 * ({@code 2018-06-01}) and the Runtime Interface Client, with execution environments, timeouts and
 * asynchronous invocation as Lambda has them.
 */
package io.warmgate.emulator.lambda;
