package dev.topgun.organizations.store;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A user's profile ({@code PK=USER#<sub>, SK=PROFILE}), created on the first {@code GET /v1/me}.
 */
public final class ProfileItem extends BaseItem {

  public static final String TYPE = "PROFILE";

  public static final StaticTableSchema<ProfileItem> SCHEMA =
      BaseItem.schema(ProfileItem.class, ProfileItem::new)
          .addAttribute(
              String.class,
              a -> a.name("userId").getter(ProfileItem::getUserId).setter(ProfileItem::setUserId))
          .addAttribute(
              String.class,
              a -> a.name("email").getter(ProfileItem::getEmail).setter(ProfileItem::setEmail))
          .addAttribute(
              Boolean.class,
              a ->
                  a.name("emailVerified")
                      .getter(ProfileItem::getEmailVerified)
                      .setter(ProfileItem::setEmailVerified))
          .build();

  private String userId;
  private String email;
  private Boolean emailVerified;

  public ProfileItem() {
    setType(TYPE);
  }

  public static ItemKey key(String userId) {
    return new ItemKey(Keys.of("USER", userId), "PROFILE");
  }

  public static ProfileItem of(String userId, String email, boolean emailVerified) {
    ProfileItem item = new ProfileItem();
    ItemKey key = key(userId);
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setUserId(userId);
    item.setEmail(email);
    item.setEmailVerified(emailVerified);
    return item;
  }

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public Boolean getEmailVerified() {
    return emailVerified;
  }

  public void setEmailVerified(Boolean emailVerified) {
    this.emailVerified = emailVerified;
  }
}
