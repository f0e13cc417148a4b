package dev.topgun.emulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one plain-text message the way any SMTP client does (RFC 5321: EHLO, MAIL FROM, RCPT TO,
 * DATA, QUIT), with nothing between the test and the server that could hide a protocol problem.
 */
final class SmtpTestClient {

  private SmtpTestClient() {}

  static void send(String host, int port, String from, String to, String subject, String body)
      throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      expect(in, 220);
      command(out, in, "EHLO test.local", 250);
      command(out, in, "MAIL FROM:<" + from + ">", 250);
      command(out, in, "RCPT TO:<" + to + ">", 250);
      command(out, in, "DATA", 354);
      String message =
          "From: "
              + from
              + "\r\nTo: "
              + to
              + "\r\nSubject: "
              + subject
              + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
              + body.replace("\n", "\r\n")
              + "\r\n.";
      command(out, in, message, 250);
      command(out, in, "QUIT", 221);
    }
  }

  private static void command(OutputStream out, BufferedReader in, String line, int expected)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(in, expected);
  }

  /** Reads one reply, including the continuation lines of a multi-line one ({@code 250-...}). */
  private static void expect(BufferedReader in, int expected) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("the SMTP server closed the connection; expected " + expected);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(Integer.toString(expected))) {
      throw new IOException("expected SMTP reply " + expected + " but got: " + line);
    }
  }
}
