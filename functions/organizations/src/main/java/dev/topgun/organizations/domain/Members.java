package dev.topgun.organizations.domain;

import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import java.util.List;
import java.util.Optional;

/**
 * Organizations' members (the store implements it). A write that makes or unmakes an owner counts
 * owners in the same atomic write, so the last owner stays even against concurrent requests.
 */
public interface Members {

  /** One page of the organization's members, in user id order. */
  Page<Member> list(String orgId, Paging paging);

  /** A member, read consistently. */
  Optional<Member> find(String orgId, String userId);

  /** The e-mail addresses of the organization's owners. */
  List<String> ownerEmails(String orgId);

  /**
   * Adds a membership.
   *
   * @throws TreeRuleException {@code already_member}
   */
  Member add(Member member, Change change);

  /**
   * Writes {@code next}, {@code current} with another role or grants.
   *
   * @throws TreeRuleException {@code last_owner} when it demotes the last owner
   */
  Member change(Member current, Member next, Change change);

  /**
   * Removes a membership.
   *
   * @throws TreeRuleException {@code last_owner} when it is the last owner's
   */
  void remove(Member current, Change change);
}
