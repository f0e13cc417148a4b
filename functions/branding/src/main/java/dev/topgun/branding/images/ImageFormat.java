package dev.topgun.branding.images;

/** The image types a brand's logos and favicon source may have, as told by their content. */
public enum ImageFormat {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpg"),
  WEBP("image/webp", "webp"),
  SVG("image/svg+xml", "svg");

  private final String mediaType;
  private final String extension;

  ImageFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The {@code Content-Type} the image is served with. */
  public String mediaType() {
    return mediaType;
  }

  /** The file name extension, without the dot. */
  public String extension() {
    return extension;
  }
}
