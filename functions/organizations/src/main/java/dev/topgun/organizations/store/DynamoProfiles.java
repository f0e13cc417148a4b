package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.Member;
import dev.topgun.organizations.domain.Profile;
import dev.topgun.organizations.domain.Profiles;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.store.SingleTableStore;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Profile items ({@code USER#<sub>}, {@code PROFILE}) and a user's memberships (GSI1). */
@Singleton
public class DynamoProfiles implements Profiles {

  private final SingleTableStore store;
  private final DynamoMembers members;

  public DynamoProfiles(SingleTableStore store, DynamoMembers members) {
    this.store = store;
    this.members = members;
  }

  @Override
  public Optional<Profile> find(String userId) {
    return store.get(ProfileItem.SCHEMA, ProfileItem.key(userId)).map(OrganizationMapper::profile);
  }

  @Override
  public Profile ensure(String userId, String email, boolean emailVerified) {
    ItemKey key = ProfileItem.key(userId);
    Optional<ProfileItem> existing = store.get(ProfileItem.SCHEMA, key);
    if (existing.isPresent()) {
      return OrganizationMapper.profile(existing.get());
    }
    try {
      return OrganizationMapper.profile(
          store.create(ProfileItem.SCHEMA, ProfileItem.of(userId, email, emailVerified)));
    } catch (ItemAlreadyExistsException raced) {
      return OrganizationMapper.profile(store.get(ProfileItem.SCHEMA, key).orElseThrow());
    }
  }

  @Override
  public Page<Member> memberships(String userId, Paging paging) {
    return members.memberships(userId, paging);
  }
}
