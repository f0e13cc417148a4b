package dev.topgun.agent.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.1 GET over a unix-domain socket (the Docker Engine API): one request per
 * connection, the body framed by Content-Length, chunked encoding or the end of the stream.
 */
public final class UnixHttp {

  /** A status and a body. */
  public record Response(int status, String body) {}

  private static final int MAX_BODY = 16 * 1024 * 1024;
  private static final ScheduledExecutorService TIMEOUTS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "unix-http-timeouts");
            t.setDaemon(true);
            return t;
          });

  private final Path socket;
  private final Duration timeout;

  public UnixHttp(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  public Path socket() {
    return socket;
  }

  public Response get(String pathAndQuery) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      // A blocking channel has no read timeout; closing it from another thread ends a stuck read.
      ScheduledFuture<?> closer =
          TIMEOUTS.schedule(
              () -> {
                try {
                  channel.close();
                } catch (IOException e) {
                  // already closed
                }
              },
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        String request =
            "GET " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
          channel.write(out);
        }
        return read(Channels.newInputStream(channel));
      } finally {
        closer.cancel(false);
      }
    }
  }

  static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response");
    }
    int status = Integer.parseInt(parts[1]);
    long length = -1;
    boolean chunked = false;
    String header;
    while (!(header = line(in)).isEmpty()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equals("transfer-encoding")
          && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      while (true) {
        String sizeLine = line(in);
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        if (size == 0) {
          break;
        }
        copy(in, body, size);
        line(in);
      }
    } else if (length >= 0) {
      if (length > MAX_BODY) {
        throw new IOException("response too large");
      }
      copy(in, body, (int) length);
    } else {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        body.write(buf, 0, n);
        if (body.size() > MAX_BODY) {
          throw new IOException("response too large");
        }
      }
    }
    return new Response(status, body.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out, int n) throws IOException {
    if (out.size() + n > MAX_BODY) {
      throw new IOException("response too large");
    }
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("response ended early");
    }
    out.write(bytes);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == '\r') {
          sb.setLength(end - 1);
        }
        return sb.toString();
      }
      sb.append((char) c);
      if (sb.length() > 65536) {
        throw new IOException("line too long");
      }
    }
    throw new IOException("response ended early");
  }
}
