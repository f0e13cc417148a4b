package dev.topgun.branding.store;

import dev.topgun.branding.domain.BrandChange;
import dev.topgun.branding.domain.TemplateOverride;
import dev.topgun.branding.domain.TemplateOverrides;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.branding.BrandingKeys;
import dev.topgun.shared.branding.MailTemplateItem;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Overrides as {@link MailTemplateItem}s ({@code PK=ORG#<orgId>, SK=MAILTEMPLATE#<name>}). */
@Singleton
public class DynamoTemplateOverrides implements TemplateOverrides {

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;

  public DynamoTemplateOverrides(
      SingleTableStore store, TransactionalWriter writer, AuditTrail audit) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
  }

  @Override
  public Optional<TemplateOverride> find(String orgId, String name) {
    return store
        .get(MailTemplateItem.SCHEMA, BrandingKeys.mailTemplate(orgId, name))
        .map(DynamoTemplateOverrides::override);
  }

  @Override
  public Map<String, TemplateOverride> of(String orgId) {
    Map<String, TemplateOverride> found = new HashMap<>();
    store.forEach(
        MailTemplateItem.SCHEMA,
        Query.partition(Keys.org(orgId)).skBeginsWith(Keys.prefix(BrandingKeys.MAIL_TEMPLATE)),
        item -> found.put(item.getName(), override(item)));
    return found;
  }

  @Override
  public void save(String orgId, TemplateOverride override, BrandChange change) {
    Transaction tx = writer.begin();
    if (override.isEmpty()) {
      tx.delete(BrandingKeys.mailTemplate(orgId, override.name()));
    } else {
      MailTemplateItem item = MailTemplateItem.of(orgId, override.name());
      item.setSubject(override.subject());
      item.setHtml(override.html());
      item.setText(override.text());
      tx.put(MailTemplateItem.SCHEMA, item);
    }
    audit.record(
        tx,
        change.audit(),
        orgId,
        change.action(),
        "mail-template:" + override.name(),
        change.details());
    tx.commit();
  }

  private static TemplateOverride override(MailTemplateItem item) {
    return new TemplateOverride(item.getName(), item.getSubject(), item.getHtml(), item.getText());
  }
}
