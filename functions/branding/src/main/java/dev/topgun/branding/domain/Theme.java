package dev.topgun.branding.domain;

import java.util.List;

/** A built stylesheet: its text, its content hash, and what building it noticed. */
public record Theme(String css, String hash, List<Notice> warnings, List<Notice> removed) {

  public Theme {
    warnings = List.copyOf(warnings);
    removed = List.copyOf(removed);
  }

  /** Where it is served. */
  public String url() {
    return "/v1/branding/css/" + hash + ".css";
  }
}
