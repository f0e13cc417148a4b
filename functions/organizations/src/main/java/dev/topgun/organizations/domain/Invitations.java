package dev.topgun.organizations.domain;

import java.util.Optional;

/** Invitations, found by the hash of their token (the store implements it). */
public interface Invitations {

  Optional<Invitation> find(String tokenHash);

  Invitation create(Invitation invitation, Change change);

  /**
   * Writes {@code accepted} and adds {@code member}, together: the invitation is used exactly when
   * the membership exists.
   *
   * @throws TreeRuleException {@code already_member}
   */
  Member accept(Invitation accepted, Member member, Change change);
}
