package dev.topgun.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixHttpTest {

  private static UnixHttp.Response read(String raw) throws IOException {
    return UnixHttp.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void contentLength_readsExactlyThatManyBytes() throws IOException {
    UnixHttp.Response r = read("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n{\"a\"}trailing");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"a\"");
  }

  @Test
  void chunked_joinsChunksAndIgnoresExtensionsAndTrailers() throws IOException {
    UnixHttp.Response r =
        read(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n"
                + "A\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n");

    assertThat(r.body()).isEqualTo("abc0123456789");
  }

  @Test
  void neitherHeader_readsToTheEndOfTheStream() throws IOException {
    assertThat(read("HTTP/1.0 500 Oops\r\n\r\nbody").body()).isEqualTo("body");
  }

  @Test
  void aTruncatedBody_isAnError() {
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void anEngineThatNeverAnswers_failsAfterTheTimeout(@TempDir Path dir) throws IOException {
    // given a socket that accepts connections (backlog) but never answers
    Path socket = dir.resolve("silent.sock");
    try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      silent.bind(UnixDomainSocketAddress.of(socket));
      UnixHttp http = new UnixHttp(socket, Duration.ofMillis(200));

      // when / then
      long start = System.nanoTime();
      assertThatThrownBy(() -> http.get("/version")).isInstanceOf(IOException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
