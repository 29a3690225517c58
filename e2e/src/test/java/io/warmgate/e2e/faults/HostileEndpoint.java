package io.warmgate.e2e.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A health endpoint that misbehaves in one way, bound on a simulated instance's loopback address. It
 * never closes a connection first (except {@link Mode#RESET}): it waits for the prober to close, so a
 * connection the prober leaves open is seen and counted as left open after {@link #LEFT_OPEN}.
 */
final class HostileEndpoint implements AutoCloseable {

  /** How long a connection may stay open before the prober counts as having left it open (real time). */
  static final long LEFT_OPEN = 10_000;
  private static final long STREAM_CAP = 1L << 30;

  enum Mode {
    FLAPPING(true), HANG_AFTER_HEADERS(true), TRICKLE(true), HUGE_BODY(true), REDIRECT_OFF_HOST(false), RESET(false),
    GARBAGE(false), INFORMATIONAL_FLOOD(false), HUGE_HEADERS(false), BAD_CERTIFICATE(false);

    /**
     * Whether some of its answers are passes under the default policy: a 200 status line and complete headers
     * pass without the body (no {@code bodyContains}), however slowly or endlessly the body follows.
     */
    final boolean mayPass;

    Mode(boolean mayPass) {
      this.mayPass = mayPass;
    }
  }

  final Mode mode;
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger leftOpen = new AtomicInteger();
  final AtomicLong maxBytesTaken = new AtomicLong();
  private final ServerSocket server;
  private final String redirectTo;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  HostileEndpoint(Mode mode, String ip, int port, SSLContext tls, String redirectTo) throws IOException {
    this.mode = mode;
    this.redirectTo = redirectTo;
    this.server = mode == Mode.BAD_CERTIFICATE ? tls.getServerSocketFactory().createServerSocket() : new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 64);
    acceptor = new Thread(this::acceptLoop, "hostile-" + mode);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        accepted.incrementAndGet();
        open.incrementAndGet();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "hostile-conn-" + mode);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        // closed, or a failed TLS accept: go on until closed
      }
    }
  }

  private void serve(Socket s) {
    long opened = System.currentTimeMillis();
    long taken = 0;
    boolean proberClosed = false;
    try (s) {
      s.setSoTimeout(200);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      if (mode == Mode.BAD_CERTIFICATE) {
        // The handshake fails on the prober's side; it must close.
        proberClosed = waitForClose(in, opened);
        return;
      }
      readRequest(in, opened);
      switch (mode) {
        case FLAPPING -> out.write(ascii(accepted.get() % 2 == 0
            ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" : "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\nno"));
        case HANG_AFTER_HEADERS -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"));
        case REDIRECT_OFF_HOST -> out.write(ascii("HTTP/1.1 302 Found\r\nLocation: " + redirectTo + "\r\nContent-Length: 0\r\n\r\n"));
        case GARBAGE -> out.write(new byte[] {0, (byte) 0xff, 'N', 'O', 'T', ' ', 'H', 'T', 'T', 'P', '\r', '\n', '\r', '\n'});
        case RESET -> {
          s.setSoLinger(true, 0);
          return;
        }
        case TRICKLE -> {
          out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"));
          while (!closed && System.currentTimeMillis() - opened < LEFT_OPEN) {
            out.write('a');
            out.flush();
            taken++;
            if (eof(in)) {
              proberClosed = true;
              return;
            }
          }
          return;
        }
        case HUGE_BODY, INFORMATIONAL_FLOOD, HUGE_HEADERS -> {
          byte[] head = ascii(mode == Mode.HUGE_BODY ? "HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n"
              : mode == Mode.HUGE_HEADERS ? "HTTP/1.1 200 OK\r\n" : "");
          out.write(head);
          byte[] chunk = chunk();
          while (!closed && taken < STREAM_CAP && System.currentTimeMillis() - opened < LEFT_OPEN) {
            out.write(chunk); // fails once the prober has closed
            taken += chunk.length;
          }
          return;
        }
        default -> throw new IllegalStateException(mode.toString());
      }
      out.flush();
      proberClosed = waitForClose(in, opened);
    } catch (IOException e) {
      proberClosed = true; // a write or read failed: the prober closed or reset the connection
    } finally {
      maxBytesTaken.accumulateAndGet(taken, Math::max);
      if (!proberClosed && !closed && System.currentTimeMillis() - opened >= LEFT_OPEN) {
        leftOpen.incrementAndGet();
      }
      open.decrementAndGet();
      sockets.remove(s);
    }
  }

  private byte[] chunk() {
    byte[] c = new byte[16 * 1024];
    byte[] unit = ascii(mode == Mode.INFORMATIONAL_FLOOD ? "HTTP/1.1 100 Continue\r\n\r\n"
        : mode == Mode.HUGE_HEADERS ? "X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n" : "0");
    for (int i = 0; i < c.length; i++) {
      c[i] = unit[i % unit.length];
    }
    return c;
  }

  /** Reads the request head (bounded); the prober's request is small. */
  private void readRequest(InputStream in, long opened) throws IOException {
    int matched = 0;
    int n = 0;
    while (n < 16_384 && System.currentTimeMillis() - opened < LEFT_OPEN) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        continue;
      }
      if (b < 0) {
        throw new IOException("closed before the request ended");
      }
      n++;
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
      if (matched == 4) {
        return;
      }
    }
  }

  /** True once the prober has closed its side (read returns -1), false after {@link #LEFT_OPEN} of waiting. */
  private boolean waitForClose(InputStream in, long opened) throws IOException {
    byte[] sink = new byte[4096];
    while (!closed && System.currentTimeMillis() - opened < LEFT_OPEN) {
      try {
        if (in.read(sink) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // keep waiting
      }
    }
    return false;
  }

  private static boolean eof(InputStream in) throws IOException {
    try {
      return in.available() == 0 && in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
