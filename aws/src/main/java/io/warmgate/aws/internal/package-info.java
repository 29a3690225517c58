/** Internal helpers of the AWS adapters; not an API, may change without notice. */
package io.warmgate.aws.internal;
