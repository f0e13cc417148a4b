package dev.topgun.emulators.route53;

import java.util.List;

/**
 * A change batch Route 53 refuses whole, with one message for each problem. Route 53 answers it as
 * the error {@code InvalidChangeBatch} whose message is the list, {@code [first, second]}.
 */
public final class InvalidChangeBatchException extends RuntimeException {

  private final List<String> messages;

  public InvalidChangeBatchException(List<String> messages) {
    super(messages.toString());
    this.messages = List.copyOf(messages);
  }

  public List<String> messages() {
    return messages;
  }
}
