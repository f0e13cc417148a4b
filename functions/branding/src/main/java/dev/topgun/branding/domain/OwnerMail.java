package dev.topgun.branding.domain;

/** Tells an organization's owners, by branded mail. */
public interface OwnerMail {

  /** The proof of {@code hostname} disappeared: it no longer resolves to the brand. */
  void hostnameSuspended(String orgId, String hostname);
}
