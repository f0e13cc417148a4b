package dev.topgun.agent.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A unix-socket HTTP server answering canned raw responses by request path. */
final class StubUnixServer implements AutoCloseable {

  final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> responses = new ConcurrentHashMap<>();
  private final ServerSocketChannel server;
  private final Thread thread;

  StubUnixServer(Path socket) throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    thread = new Thread(this::serve, "stub-docker");
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers {@code pathAndQuery} with a JSON body framed by Content-Length. */
  void json(String pathAndQuery, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    responses.put(
        pathAndQuery,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length
            + "\r\n\r\n"
            + body);
  }

  /** Answers {@code pathAndQuery} with a JSON body in chunks of {@code size} characters. */
  void chunked(String pathAndQuery, String body, int size) {
    StringBuilder r =
        new StringBuilder(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < body.length(); i += size) {
      String chunk = body.substring(i, Math.min(body.length(), i + size));
      r.append(Integer.toHexString(chunk.getBytes(StandardCharsets.UTF_8).length))
          .append(";ext=1\r\n")
          .append(chunk)
          .append("\r\n");
    }
    responses.put(pathAndQuery, r.append("0\r\n\r\n").toString());
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        InputStream in = Channels.newInputStream(client);
        String head = readHead(in);
        String requestLine = head.substring(0, head.indexOf("\r\n"));
        requests.add(head);
        String path = requestLine.split(" ")[1];
        String response =
            responses.getOrDefault(path, "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}");
        OutputStream out = Channels.newOutputStream(client);
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      head.write(c);
      String s = head.toString(StandardCharsets.US_ASCII);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    throw new IOException("request ended early");
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
