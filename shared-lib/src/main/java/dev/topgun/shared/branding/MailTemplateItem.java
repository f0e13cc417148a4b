package dev.topgun.shared.branding;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An organization's override of one mail template ({@code PK=ORG#<orgId>, SK=MAILTEMPLATE#<name>}):
 * its subject, HTML body and plain-text body, each a Mustache template (any may be null: that part
 * stays the default). It applies to the mails about the organization and about its descendants that
 * have none of their own.
 */
public final class MailTemplateItem extends BaseItem {

  public static final String TYPE = "MAILTEMPLATE";

  public static final StaticTableSchema<MailTemplateItem> SCHEMA =
      BaseItem.schema(MailTemplateItem.class, MailTemplateItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("name")
                      .getter(MailTemplateItem::getName)
                      .setter(MailTemplateItem::setName))
          .addAttribute(
              String.class,
              a ->
                  a.name("subject")
                      .getter(MailTemplateItem::getSubject)
                      .setter(MailTemplateItem::setSubject))
          .addAttribute(
              String.class,
              a ->
                  a.name("html")
                      .getter(MailTemplateItem::getHtml)
                      .setter(MailTemplateItem::setHtml))
          .addAttribute(
              String.class,
              a ->
                  a.name("text")
                      .getter(MailTemplateItem::getText)
                      .setter(MailTemplateItem::setText))
          .build();

  private String name;
  private String subject;
  private String html;
  private String text;

  public MailTemplateItem() {
    setType(TYPE);
  }

  public static MailTemplateItem of(String orgId, String name) {
    MailTemplateItem item = new MailTemplateItem();
    ItemKey key = BrandingKeys.mailTemplate(orgId, name);
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setName(name);
    return item;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getHtml() {
    return html;
  }

  public void setHtml(String html) {
    this.html = html;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }
}
