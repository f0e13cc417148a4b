package dev.topgun.branding.domain;

/** An asset's bytes as stored, and its media type. */
public record StoredAsset(byte[] bytes, String mediaType) {}
