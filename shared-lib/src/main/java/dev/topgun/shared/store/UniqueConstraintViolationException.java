package dev.topgun.shared.store;

/** A value that must be unique (a slug, an email in an organization, a domain) is taken. */
public final class UniqueConstraintViolationException extends StoreException {

  private final String kind;
  private final String value;

  public UniqueConstraintViolationException(String kind, String value) {
    super("The " + kind + " '" + value + "' is already taken");
    this.kind = kind;
    this.value = value;
  }

  /** The constraint, as named in {@link Unique#kind()}, e.g. {@code org-slug}. */
  public String kind() {
    return kind;
  }

  public String value() {
    return value;
  }
}
