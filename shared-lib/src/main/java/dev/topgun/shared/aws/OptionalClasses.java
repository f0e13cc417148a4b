package dev.topgun.shared.aws;

/** Classes of dependencies shared-lib declares optional, present in some functions only. */
public final class OptionalClasses {

  private OptionalClasses() {}

  /** The class, or {@code null} when this function does not carry it. */
  public static Class<?> load(String name) {
    try {
      return Class.forName(name, false, OptionalClasses.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  public static boolean present(String name) {
    return load(name) != null;
  }
}
