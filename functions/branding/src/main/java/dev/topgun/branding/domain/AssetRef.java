package dev.topgun.branding.domain;

/**
 * One stored, immutable asset of a brand: where it is served ({@code url}, an absolute path under
 * {@code /v1/branding/assets/}), the SHA-256 of its bytes (hex) and its media type.
 */
public record AssetRef(String url, String sha256, String mediaType) {}
