package dev.topgun.platform.domain;

import java.util.List;

/**
 * Who may read an organization's events: the one check point of every request ({@code
 * organizations:read} on it), asked again for every subscription and every message pushed.
 */
public interface ReadAccess {

  enum Verdict {
    ALLOWED,
    /** No relationship to the organization, or it does not exist: nothing is revealed. */
    NOT_FOUND,
    /** Visible, but not readable by this user. */
    FORBIDDEN
  }

  Verdict mayRead(String userId, String organizationId);

  /** An organization's ancestors, nearest first (empty for the root or an unknown one). */
  List<String> ancestors(String organizationId);
}
