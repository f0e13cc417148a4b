package dev.topgun.shared.branding;

import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;

/**
 * The keys of the branding read model (listed in {@code functions/branding/README.md}):
 *
 * <pre>
 * branding          PK=ORG#&lt;orgId&gt;              SK=BRANDING
 * hostname (owner)  PK=ORG#&lt;orgId&gt;              SK=HOSTNAME#&lt;hostname&gt;
 * hostname lookup   PK=HOSTNAME#&lt;hostname&gt;      SK=HOSTNAME   (also the uniqueness marker)
 * mail template     PK=ORG#&lt;orgId&gt;              SK=MAILTEMPLATE#&lt;name&gt;
 * </pre>
 *
 * Hostnames are ASCII (IDNs in punycode), lower case, without a trailing dot, so a hostname never
 * holds {@code #}.
 */
public final class BrandingKeys {

  public static final String BRANDING = "BRANDING";
  public static final String HOSTNAME = "HOSTNAME";
  public static final String MAIL_TEMPLATE = "MAILTEMPLATE";

  private BrandingKeys() {}

  public static ItemKey branding(String orgId) {
    return new ItemKey(Keys.org(orgId), BRANDING);
  }

  public static ItemKey ownedHostname(String orgId, String hostname) {
    return new ItemKey(Keys.org(orgId), Keys.of(HOSTNAME, hostname));
  }

  /** The prefix of an organization's hostname items, for the Query that lists them. */
  public static String ownedHostnamePrefix() {
    return HOSTNAME + Keys.SEPARATOR;
  }

  public static ItemKey hostnameLookup(String hostname) {
    return new ItemKey(Keys.of(HOSTNAME, hostname), HOSTNAME);
  }

  public static ItemKey mailTemplate(String orgId, String name) {
    return new ItemKey(Keys.org(orgId), Keys.of(MAIL_TEMPLATE, name));
  }
}
