/** EC2 (protocol 2016-11-15) implementations of the core's ports. */
package io.warmgate.aws.ec2;
