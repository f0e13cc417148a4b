package dev.topgun.branding.domain;

/** A remark on a change: a contrast warning, or a piece of custom CSS that was dropped. */
public record Notice(String code, String message) {}
