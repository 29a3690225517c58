package io.warmgate.emulator.internal.instance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The loopback block {@code 127.B.0.0/16} an emulator's instances live in. Two emulators on one block
 * would answer each other's probes (one instance's health port taken by the other's, a probe landing on
 * the wrong fleet), so an emulator that picks its own block claims it machine-wide: it binds a marker
 * socket on {@code 127.B.255.254}, which any other emulator's claim of the same block, in this JVM or
 * another, fails on. A block given explicitly is the caller's choice and is not claimed.
 */
public final class AddressBlock implements AutoCloseable {
  /** Blocks an emulator may pick on its own; 1..15 and 250..254 are left to callers that choose one. */
  public static final int FIRST_PICKED = 16;
  public static final int LAST_PICKED = 249;
  static final int MARKER_PORT = 40_409;

  private final int secondOctet;
  private final ServerSocket marker;

  private AddressBlock(int secondOctet, ServerSocket marker) {
    this.secondOctet = secondOctet;
    this.marker = marker;
  }

  /** A block chosen by the caller: not claimed, nothing to release. */
  public static AddressBlock given(int secondOctet) {
    return new AddressBlock(secondOctet, null);
  }

  /**
   * Claims the first free block at or after {@code start} (wrapping within the picked range).
   *
   * @throws IllegalStateException if every block in the picked range is claimed
   */
  public static AddressBlock claimFrom(int start) {
    int span = LAST_PICKED - FIRST_PICKED + 1;
    for (int i = 0; i < span; i++) {
      int block = FIRST_PICKED + Math.floorMod(start - FIRST_PICKED + i, span);
      ServerSocket marker = null;
      try {
        marker = new ServerSocket();
        marker.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, (byte) block, (byte) 255, (byte) 254}),
            MARKER_PORT), 1);
        return new AddressBlock(block, marker);
      } catch (IOException taken) {
        closeQuietly(marker);
      }
    }
    throw new IllegalStateException("every loopback block 127." + FIRST_PICKED + ".0.0 to 127." + LAST_PICKED
        + ".0.0 is claimed by another emulator on this machine (" + span + " blocks); close some, or set ipBlock(B)");
  }

  /** The second octet B of the block's addresses 127.B.x.y. */
  public int secondOctet() {
    return secondOctet;
  }

  /** Whether this block is held by a marker socket (false for a block given explicitly). */
  public boolean claimed() {
    return marker != null;
  }

  /** Releases the claim. */
  @Override
  public void close() {
    closeQuietly(marker);
  }

  private static void closeQuietly(ServerSocket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing a listening socket that never accepted has nothing to report.
    }
  }
}
