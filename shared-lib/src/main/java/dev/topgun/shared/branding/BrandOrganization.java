package dev.topgun.shared.branding;

import io.micronaut.serde.annotation.Serdeable;

/** The organization a resolved brand belongs to: its id and name, nothing more. */
@Serdeable
public record BrandOrganization(String id, String name) {}
