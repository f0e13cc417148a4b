package dev.topgun.shared.crypto;

/**
 * A sealed value did not open: it was altered, belongs to another encryption context, or its KMS
 * key refused (disabled, unknown, not allowed). The message never carries plaintext.
 */
public final class EnvelopeException extends RuntimeException {

  EnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }
}
