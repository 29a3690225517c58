/** Builds the SDK v2 clients with explicit region, credentials, endpoints, retries and timeouts. */
package io.warmgate.aws.config;
