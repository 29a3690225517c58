/** Internal: the Auto Scaling Query and EC2 protocol endpoint; not an API. */
package io.warmgate.emulator.internal.http;
