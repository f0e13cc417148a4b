package dev.topgun.organizations.domain;

/** Another organization holds the slug (slugs are unique platform-wide). */
public final class SlugTakenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The kind of the slug's uniqueness marker, which the answer names as its constraint. */
  public static final String CONSTRAINT = "org-slug";

  public SlugTakenException(String slug) {
    super("The slug '" + slug + "' is taken.", null, false, false);
  }
}
