package dev.topgun.agent;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * java.util.logging to stdout, one line per record: {@code <UTC time> <LEVEL> <name>: <message>}.
 * No class names or stack traces, so the lines carry only the name the agent runs under.
 */
public final class Log {

  private Log() {}

  public static void toStdout(String name) {
    install(System.out, name);
  }

  static Handler install(PrintStream out, String name) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Handler handler =
        new StreamHandler(out, formatter(name)) {
          @Override
          public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    handler.setLevel(Level.INFO);
    root.addHandler(handler);
    root.setLevel(Level.INFO);
    return handler;
  }

  static Formatter formatter(String name) {
    return new Formatter() {
      @Override
      public String format(LogRecord r) {
        StringBuilder line =
            new StringBuilder()
                .append(Instant.ofEpochMilli(r.getMillis()).truncatedTo(ChronoUnit.SECONDS))
                .append(' ')
                .append(r.getLevel().getName())
                .append(' ')
                .append(name)
                .append(": ")
                .append(formatMessage(r));
        if (r.getThrown() != null) {
          line.append(" (").append(r.getThrown().getClass().getSimpleName()).append(')');
        }
        return line.append(System.lineSeparator()).toString();
      }
    };
  }
}
