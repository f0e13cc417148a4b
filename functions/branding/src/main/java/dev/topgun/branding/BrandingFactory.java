package dev.topgun.branding;

import io.micronaut.context.annotation.Factory;

/** Wires the plain-Java domain services to the adapters Micronaut provides. */
@Factory
public class BrandingFactory {}
