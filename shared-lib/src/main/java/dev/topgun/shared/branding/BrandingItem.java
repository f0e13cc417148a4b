package dev.topgun.shared.branding;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An organization's brand ({@code PK=ORG#<orgId>, SK=BRANDING}): its own fields as the branding
 * function keeps them ({@code own}, JSON the branding function alone reads) and the effective brand
 * built from them and its ancestors' ({@code manifest}, a {@link BrandManifest} as JSON, without
 * {@code organization}). Only organizations with a brand of their own have one; the others show
 * their nearest ancestor's manifest ({@link BrandManifests}).
 */
public final class BrandingItem extends BaseItem {

  public static final String TYPE = "BRANDING";

  public static final StaticTableSchema<BrandingItem> SCHEMA =
      BaseItem.schema(BrandingItem.class, BrandingItem::new)
          .addAttribute(
              String.class,
              a -> a.name("orgId").getter(BrandingItem::getOrgId).setter(BrandingItem::setOrgId))
          .addAttribute(
              String.class,
              a -> a.name("own").getter(BrandingItem::getOwn).setter(BrandingItem::setOwn))
          .addAttribute(
              String.class,
              a ->
                  a.name("manifest")
                      .getter(BrandingItem::getManifest)
                      .setter(BrandingItem::setManifest))
          .build();

  private String orgId;
  private String own;
  private String manifest;

  public BrandingItem() {
    setType(TYPE);
  }

  public static BrandingItem of(String orgId) {
    BrandingItem item = new BrandingItem();
    ItemKey key = BrandingKeys.branding(orgId);
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setOrgId(orgId);
    return item;
  }

  public String getOrgId() {
    return orgId;
  }

  public void setOrgId(String orgId) {
    this.orgId = orgId;
  }

  public String getOwn() {
    return own;
  }

  public void setOwn(String own) {
    this.own = own;
  }

  public String getManifest() {
    return manifest;
  }

  public void setManifest(String manifest) {
    this.manifest = manifest;
  }
}
