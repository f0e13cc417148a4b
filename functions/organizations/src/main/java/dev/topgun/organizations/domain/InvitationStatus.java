package dev.topgun.organizations.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An invitation waits for its invitee ({@code pending}) until it is used ({@code accepted}). */
public enum InvitationStatus {
  PENDING,
  ACCEPTED;

  private final String value = name().toLowerCase(Locale.ROOT);

  public String value() {
    return value;
  }

  public static Optional<InvitationStatus> from(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
