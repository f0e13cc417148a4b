package dev.topgun.local;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The user pool's password policy (12 characters or more, with upper and lower case letters, digits
 * and symbols), checked locally because cognito-local does not enforce it, and a generator of
 * passwords that meet it.
 */
final class OperatorPassword {

  static final int MINIMUM_LENGTH = 12;
  static final int GENERATED_LENGTH = 20;

  /** Cognito's accepted symbols. */
  static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";

  /** The symbols a generated password uses: ones that need no quoting in a shell, JSON or URL. */
  private static final String SAFE_SYMBOLS = "-_.@%+=";

  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
  private static final String DIGITS = "23456789";

  private OperatorPassword() {}

  static void check(String password) {
    List<String> missing = new ArrayList<>();
    if (password.length() < MINIMUM_LENGTH) {
      missing.add("at least " + MINIMUM_LENGTH + " characters");
    }
    if (password.chars().noneMatch(Character::isUpperCase)) {
      missing.add("an upper case letter");
    }
    if (password.chars().noneMatch(Character::isLowerCase)) {
      missing.add("a lower case letter");
    }
    if (password.chars().noneMatch(Character::isDigit)) {
      missing.add("a digit");
    }
    if (password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
      missing.add("a symbol of " + SYMBOLS);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the operator password does not meet the user pool's password policy: it needs "
              + String.join(", ", missing));
    }
  }

  static String generate(SecureRandom random) {
    List<Character> chars = new ArrayList<>();
    String all = UPPER + LOWER + DIGITS + SAFE_SYMBOLS;
    for (String required : List.of(UPPER, LOWER, DIGITS, SAFE_SYMBOLS)) {
      chars.add(required.charAt(random.nextInt(required.length())));
    }
    while (chars.size() < GENERATED_LENGTH) {
      chars.add(all.charAt(random.nextInt(all.length())));
    }
    Collections.shuffle(chars, random);
    StringBuilder password = new StringBuilder();
    chars.forEach(password::append);
    return password.toString();
  }
}
