package io.warmgate.e2e.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hands each row a loopback block {@code 127.B.0.0/16} for its emulator's instances that no other emulator
 * on the machine uses. An emulator picks a random block in 16..249 unless told one, so a row on a random
 * or fixed block could share its instances' addresses with another test's (in this build, or another
 * build on the same machine): a probe then reaches the other emulator's instance, and a health endpoint
 * that cannot bind leaves the address to it. The blocks below 16 and above 249 are never picked at random;
 * a row claims one by binding a marker socket on it, which another JVM's claim of the same block fails on.
 */
final class IpBlocks {

  private static final List<Integer> RESERVED =
      IntStream.concat(IntStream.rangeClosed(1, 15), IntStream.rangeClosed(250, 254)).boxed().toList();
  private static final int MARKER_PORT = 40_409;

  private IpBlocks() {}

  /** A claimed block, released on close. */
  record Claim(int block, ServerSocket marker) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      marker.close();
    }
  }

  /** Claims a free reserved block, waiting (bounded) while all are taken. */
  static Claim claim(Duration wait) throws IOException, InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    do {
      for (int block : RESERVED) {
        ServerSocket marker = new ServerSocket();
        try {
          marker.bind(new InetSocketAddress(InetAddress.getByName("127." + block + ".255.254"), MARKER_PORT), 1);
          return new Claim(block, marker);
        } catch (IOException taken) {
          marker.close();
        }
      }
      Thread.sleep(500);
    } while (System.nanoTime() < end);
    throw new IllegalStateException("no free loopback block for a fault row within " + wait.toSeconds() + " s: "
        + RESERVED.size() + " are reserved for them, all in use");
  }
}
