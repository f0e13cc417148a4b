package dev.topgun.branding.domain;

/** Looks for a claim's proof where its owner published it. */
public interface Proofs {

  /** Whether a TXT record of {@code name} holds {@code value} (through the configured resolver). */
  boolean txtHolds(String name, String value);

  /** Whether {@code url} answers 200 with {@code body} (whitespace around it ignored). */
  boolean httpServes(String url, String body);
}
