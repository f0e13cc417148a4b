package dev.topgun.branding.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST …/branding/hostnames}: the hostname to claim (an IDN is taken in punycode). */
@Serdeable
public record HostnameRequest(@Nullable String hostname) {}
