package dev.topgun.organizations.domain;

import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import java.util.Optional;

/** Users' profiles and the organizations they belong to (the store implements it). */
public interface Profiles {

  Optional<Profile> find(String userId);

  /** The user's profile, created on the first call (concurrent first calls create one). */
  Profile ensure(String userId, String email, boolean emailVerified);

  /** One page of the user's memberships, across organizations. */
  Page<Member> memberships(String userId, Paging paging);
}
