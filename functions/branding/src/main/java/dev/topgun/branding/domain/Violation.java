package dev.topgun.branding.domain;

/** One bad field of a request: its JSON path and what is wrong with it. */
public record Violation(String field, String message) {}
