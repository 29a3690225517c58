package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** Sends raw form-encoded requests to an emulator and checks that each answer is well-formed XML. */
final class RawApi {
  /** One answer: the HTTP status and the body. */
  record Answer(int status, String body) {
    /** Parses the body, failing the test if it is not a well-formed XML document. */
    Document xml() {
      try {
        return PARSER.get().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      } catch (SAXException | IOException e) {
        throw new AssertionError("not well-formed XML (" + e.getMessage() + "): " + body, e);
      }
    }

    /** Returns the AWS error code, checking the answer is a 4xx in one of the two error shapes. */
    String errorCode() {
      assertThat(status).as("status of %s", body).isBetween(400, 499);
      Document d = xml();
      String root = d.getDocumentElement().getTagName();
      assertThat(root).as("error shape").isIn("ErrorResponse", "Response");
      String code = d.getElementsByTagName("Code").item(0).getTextContent();
      assertThat(code).isNotBlank();
      return code;
    }

    /** Returns the error message text. */
    String message() {
      return xml().getElementsByTagName("Message").item(0).getTextContent();
    }
  }

  /** A parser per thread (a DocumentBuilder is not thread-safe); no DOCTYPE, so no entities. */
  private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(() -> {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  });

  private final URI endpoint;

  RawApi(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** POSTs an already encoded form body and returns the answer. */
  Answer post(String formBody) {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(5_000);
      c.setReadTimeout(20_000);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
      byte[] bytes = formBody.getBytes(StandardCharsets.UTF_8);
      c.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(bytes);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (in != null) {
        in.close();
      }
      return new Answer(status, body);
    } catch (IOException e) {
      throw new AssertionError("request failed: " + formBody.substring(0, Math.min(200, formBody.length())), e);
    }
  }

  /** Percent-encodes a value for a form body (every byte outside A-Z a-z 0-9 encoded). */
  static String enc(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      }
    }
    return sb.toString();
  }

  /**
   * One keep-alive connection that sends requests in batches without waiting for each answer
   * (HTTP/1.1 pipelining) and reads the answers back in order: many requests per second with
   * little client cost.
   */
  static final class Pipeline implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Pipeline(URI endpoint) throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      out = new BufferedOutputStream(socket.getOutputStream());
      in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends every form body, then reads one answer per body, in order. */
    List<Answer> send(List<String> formBodies) throws IOException {
      for (String body : formBodies) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
      }
      out.flush();
      List<Answer> answers = new ArrayList<>(formBodies.size());
      for (int k = 0; k < formBodies.size(); k++) {
        answers.add(read());
      }
      return answers;
    }

    private Answer read() throws IOException {
      String statusLine = line();
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      int length = -1;
      for (String header = line(); !header.isEmpty(); header = line()) {
        if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
          length = Integer.parseInt(header.substring(15).trim());
        }
      }
      if (length < 0) {
        throw new IOException("answer without Content-Length: " + statusLine);
      }
      return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed after " + sb);
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      return sb.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
