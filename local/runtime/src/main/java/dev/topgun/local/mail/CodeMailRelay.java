package dev.topgun.local.mail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Cognito does in AWS, on this machine: e-mails each confirmation code (sign-up, resend,
 * forgotten password) to its destination. cognito-local only logs the code, so this follows its log
 * file and sends every {@link CodeDeliveries delivery} over SMTP to the local mail catcher, where a
 * person (or a browser test, through maildev's REST API) reads it. Only output written after {@link
 * #start} is relayed: a restart does not mail old codes again.
 */
public final class CodeMailRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CodeMailRelay.class);

  /** A neutral sender, naming no product (as the platform's own mail does for hidden brands). */
  static final String FROM = "no-reply@mail.localhost";

  static final String DEFAULT_SUBJECT = "Your verification code";

  /**
   * Marks the messages the relay sends (as the user pool's own, not the platform's), so tests that
   * count a function's mail can tell them apart.
   */
  public static final String HEADER = "X-Local-User-Pool";

  private static final Duration POLL = Duration.ofMillis(100);
  private static final int TIMEOUT_MILLIS = 10_000;

  private final Path log;
  private final PoolStoreCodes store;
  private final Consumer<CodeDeliveries.Delivery> sink;

  /** What was handed on (destination and code), so a code seen in both places goes out once. */
  private final Map<String, Boolean> handed =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 1000;
        }
      };

  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread follower;
  private long position;

  private CodeMailRelay(
      Path log, PoolStoreCodes store, Consumer<CodeDeliveries.Delivery> sink, long position) {
    this.log = log;
    this.store = store;
    this.sink = sink;
    this.position = position;
    this.follower = new Thread(this::follow, "cognito-code-mail");
    this.follower.setDaemon(true);
  }

  /**
   * Follows cognito-local in {@code cognitoDir} (its {@code cognito.log} from the current end, and
   * its user pool files) and mails each new code to the SMTP server.
   */
  public static CodeMailRelay start(Path cognitoDir, String smtpHost, int smtpPort) {
    return follow(cognitoDir, delivery -> mail(smtpHost, smtpPort, delivery));
  }

  /** As {@link #start}, handing each new delivery to {@code sink}. */
  static CodeMailRelay follow(Path cognitoDir, Consumer<CodeDeliveries.Delivery> sink) {
    Path log = cognitoDir.resolve("cognito.log");
    long end;
    try {
      end = Files.exists(log) ? Files.size(log) : 0L;
    } catch (IOException e) {
      end = 0L;
    }
    PoolStoreCodes store = new PoolStoreCodes(cognitoDir.resolve(".cognito").resolve("db"));
    CodeMailRelay relay = new CodeMailRelay(log, store, sink, end);
    relay.follower.start();
    return relay;
  }

  private void follow() {
    CodeDeliveries parser = new CodeDeliveries();
    StringBuilder partial = new StringBuilder();
    byte[] buffer = new byte[8192];
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    while (!closed.get()) {
      try {
        if (Files.exists(log)) {
          try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() < position) {
              position = 0; // truncated: start again
            }
            file.seek(position);
            for (int read = file.read(buffer); read > 0; read = file.read(buffer)) {
              position += read;
              pending.write(buffer, 0, read);
            }
          }
          // Only whole lines are parsed; a multi-byte character split between reads stays pending.
          byte[] bytes = pending.toByteArray();
          int lastNewline = lastIndexOf(bytes, (byte) '\n');
          if (lastNewline >= 0) {
            partial.append(new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8));
            pending.reset();
            pending.write(bytes, lastNewline + 1, bytes.length - lastNewline - 1);
            partial.toString().lines().forEach(line -> parser.accept(line).ifPresent(this::handOn));
            partial.setLength(0);
          }
        }
        store.scan().forEach(this::handOn);
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot follow {} for confirmation codes: {}", log, e.toString());
        try {
          Thread.sleep(POLL.toMillis() * 10);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void handOn(CodeDeliveries.Delivery delivery) {
    String key = delivery.destination().toLowerCase(java.util.Locale.ROOT) + "|" + delivery.code();
    if (handed.put(key, Boolean.TRUE) == null) {
      sink.accept(delivery);
    }
  }

  private static int lastIndexOf(byte[] bytes, byte value) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static void mail(String smtpHost, int smtpPort, CodeDeliveries.Delivery delivery) {
    if (!delivery.destination().contains("@")) {
      return; // an SMS code: no phone on this machine
    }
    try {
      send(smtpHost, smtpPort, delivery.destination(), subjectOf(delivery), bodyOf(delivery));
      LOG.info("mailed a Cognito confirmation code to the local mail inbox");
    } catch (IOException e) {
      LOG.warn("cannot mail a Cognito confirmation code: {}", e.toString());
    }
  }

  static String subjectOf(CodeDeliveries.Delivery delivery) {
    return delivery.subject().filter(s -> !s.isBlank()).orElse(DEFAULT_SUBJECT);
  }

  /** The pool's message when it has one (its {####} already replaced), else a neutral one. */
  static String bodyOf(CodeDeliveries.Delivery delivery) {
    return delivery
        .message()
        .filter(m -> !m.isBlank())
        .orElse("Your verification code is " + delivery.code() + ".");
  }

  /** One plain-text message over SMTP (RFC 5321): EHLO, MAIL FROM, RCPT TO, DATA, QUIT. */
  static void send(String host, int port, String to, String subject, String body)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      reply(in, 220);
      command(out, in, "EHLO mail.localhost", 250);
      command(out, in, "MAIL FROM:<" + FROM + ">", 250);
      command(out, in, "RCPT TO:<" + to + ">", 250);
      command(out, in, "DATA", 354);
      String text =
          body.lines()
              .map(line -> line.startsWith(".") ? "." + line : line)
              .reduce((a, b) -> a + "\r\n" + b)
              .orElse("");
      String message =
          "From: "
              + FROM
              + "\r\nTo: "
              + to
              + "\r\nSubject: "
              + subject
              + "\r\nDate: "
              + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())
              + "\r\nMessage-ID: <"
              + UUID.randomUUID()
              + "@mail.localhost>"
              + "\r\n"
              + HEADER
              + ": code"
              + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8"
              + "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
              + text
              + "\r\n.";
      command(out, in, message, 250);
      command(out, in, "QUIT", 221);
    }
  }

  private static void command(OutputStream out, BufferedReader in, String line, int expected)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    reply(in, expected);
  }

  private static void reply(BufferedReader in, int expected) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("the SMTP server closed the connection; expected " + expected);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(Integer.toString(expected))) {
      throw new IOException("SMTP answered '" + line + "'; expected " + expected);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      follower.interrupt();
      try {
        follower.join(POLL.toMillis() * 20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
