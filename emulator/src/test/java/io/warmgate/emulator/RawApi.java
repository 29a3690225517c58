package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      } catch (ParserConfigurationException | SAXException | IOException e) {
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
}
