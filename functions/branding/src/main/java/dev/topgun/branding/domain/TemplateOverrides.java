package dev.topgun.branding.domain;

import java.util.Map;
import java.util.Optional;

/** Organizations' overrides of mail templates (the table). */
public interface TemplateOverrides {

  Optional<TemplateOverride> find(String orgId, String name);

  /** The organization's overrides, by template name. */
  Map<String, TemplateOverride> of(String orgId);

  /** Stores (or, when empty, removes) the override, with the change's audit entry. */
  void save(String orgId, TemplateOverride override, BrandChange change);
}
