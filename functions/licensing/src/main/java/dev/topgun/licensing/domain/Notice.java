package dev.topgun.licensing.domain;

import java.util.Arrays;
import java.util.Optional;

/** The notices a license that runs out is announced with, each once per crossing. */
public enum Notice {
  /** It expired and is in its grace period ({@code LicenseGraceStarted}). */
  GRACE("grace"),
  /** Its grace period ended ({@code LicenseExpired}). */
  EXPIRED("expired");

  private final String value;

  Notice(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<Notice> from(String value) {
    return Arrays.stream(values()).filter(n -> n.value.equals(value)).findFirst();
  }
}
