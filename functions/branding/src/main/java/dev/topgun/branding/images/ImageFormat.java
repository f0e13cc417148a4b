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

  /** The format of that media type ({@link #mediaType()}), if it is one of these. */
  public static java.util.Optional<ImageFormat> ofMediaType(String mediaType) {
    for (ImageFormat format : values()) {
      if (format.mediaType.equals(mediaType)) {
        return java.util.Optional.of(format);
      }
    }
    return java.util.Optional.empty();
  }

  /** The file name extension, without the dot. */
  public String extension() {
    return extension;
  }
}
