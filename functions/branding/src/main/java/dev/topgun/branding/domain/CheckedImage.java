package dev.topgun.branding.domain;

/**
 * An uploaded image that passed every check: its bytes (for SVG, the sanitized document), its media
 * type, the file extension it is stored with, and its size in pixels.
 */
public record CheckedImage(
    byte[] bytes, String mediaType, String extension, int width, int height) {}
