/** Live progress on the terminal: in place with ANSI on a TTY, plain lines otherwise, or JSON lines. */
package io.warmgate.cli.progress;
