package dev.topgun.local.lambda;

import java.nio.charset.StandardCharsets;

/**
 * What a function returned: its serialized output, or (when {@code failed}) the Lambda error
 * document {@code {errorMessage, errorType, stackTrace}} of the exception its handler threw.
 */
public record Invocation(byte[] payload, boolean failed) {

  public static Invocation ok(byte[] payload) {
    return new Invocation(payload, false);
  }

  public static Invocation failed(byte[] errorDocument) {
    return new Invocation(errorDocument, true);
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
