package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

  private static HttpResponseParser.State parse(String response, boolean readBody) {
    HttpResponseParser p = new HttpResponseParser(readBody, 1024);
    HttpResponseParser.State s = p.feed(ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1)));
    return s instanceof HttpResponseParser.NeedMore ? p.endOfStream() : s;
  }

  @Test
  void readsAChunkedBodyWithItsTrailers() {
    HttpResponseParser.State s = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "4\r\nrea\n\r\n3;ext=1\r\ndy!\r\n0\r\nX-Trailer: t\r\n\r\n", true);

    assertThat(s).isEqualTo(new HttpResponseParser.Done(200, java.util.Optional.empty(), "rea\ndy!", false));
  }

  @Test
  void skipsInterimAnswersButNotAFloodOfThem() {
    assertThat(parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", true))
        .isInstanceOfSatisfying(HttpResponseParser.Done.class, d -> assertThat(d.status()).isEqualTo(204));
    assertThat(parse("HTTP/1.1 102 Processing\r\n\r\n".repeat(HttpResponseParser.MAX_INTERIM + 1), false))
        .isInstanceOfSatisfying(HttpResponseParser.Failed.class, f -> assertThat(f.reason()).contains("interim"));
  }

  @Test
  void refusesOverlongChunkSizeLinesAndBadChunkSizes() {
    String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertThat(parse(head + "f".repeat(HttpResponseParser.MAX_LINE + 1) + "\r\n", true))
        .isInstanceOfSatisfying(HttpResponseParser.Failed.class, f -> assertThat(f.reason()).contains("chunk-size line longer"));
    assertThat(parse(head + "zz\r\n", true))
        .isInstanceOfSatisfying(HttpResponseParser.Failed.class, f -> assertThat(f.reason()).contains("bad chunk size"));
  }

  @Test
  void refusesGarbageStatusLinesAndHeadsPastTheCap() {
    assertThat(parse("HTTP/1.1 2x0 OK\r\n\r\n", false)).isInstanceOf(HttpResponseParser.Failed.class);
    assertThat(parse("SSH-2.0-OpenSSH\r\n", false)).isInstanceOf(HttpResponseParser.Failed.class);
    assertThat(parse("HTTP/1.1 200 OK\r\nX: " + "a".repeat(HttpResponseParser.MAX_HEAD) + "\r\n\r\n", false))
        .isInstanceOfSatisfying(HttpResponseParser.Failed.class, f -> assertThat(f.reason()).contains("larger than 16 KiB"));
  }

  @Test
  void readsUntilCloseWithoutLengthAndStopsAtTheCap() {
    assertThat(parse("HTTP/1.0 200 OK\r\n\r\nhello", true))
        .isEqualTo(new HttpResponseParser.Done(200, java.util.Optional.empty(), "hello", false));
    assertThat(parse("HTTP/1.1 200 OK\r\n\r\n" + "b".repeat(2000), true))
        .isInstanceOfSatisfying(HttpResponseParser.Done.class, d -> assertThat(d.truncated()).isTrue());
  }
}
