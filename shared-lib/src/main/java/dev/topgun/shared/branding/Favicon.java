package dev.topgun.shared.branding;

import io.micronaut.serde.annotation.Serdeable;

/** One PNG of a brand's favicon set: its edge in pixels and where it is served. */
@Serdeable
public record Favicon(int size, String url) {}
