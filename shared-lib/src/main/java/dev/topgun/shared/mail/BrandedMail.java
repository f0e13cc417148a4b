package dev.topgun.shared.mail;

import com.samskivert.mustache.Mustache;
import dev.topgun.shared.branding.BrandManifests;
import dev.topgun.shared.branding.BrandingItem;
import dev.topgun.shared.branding.BrandingKeys;
import dev.topgun.shared.branding.MailTemplateItem;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.TenancyDirectory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.mail.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The platform's mail, branded for the organization it is about: the effective brand of that
 * organization ({@link BrandManifests}), links on {@code https://} and the verified hostname of the
 * nearest organization of its lineage that has one (else the console's address, {@code
 * topgun.web.base-url}), and the nearest override of the template along its lineage, organization
 * first. Every function that mails calls {@link #send}; none builds a mail itself.
 *
 * <p>When the brand hides its origin, overrides are taken only from the organizations that show
 * that hiding brand: an ancestor above the one that hid the origin writes in another brand, and its
 * text must not reach the hiding brand's customers.
 */
@Singleton
@Requires(classes = {Session.class, Mustache.class})
public class BrandedMail {

  private final BrandManifests brands;
  private final SingleTableStore store;
  private final TenancyDirectory directory;
  private final Mailer mailer;
  private final MailRenderer renderer;
  private final String webBaseUrl;

  public BrandedMail(
      BrandManifests brands,
      SingleTableStore store,
      TenancyDirectory directory,
      Mailer mailer,
      MailRenderer renderer,
      @Value("${topgun.web.base-url:http://localhost:8080}") String webBaseUrl) {
    this.brands = brands;
    this.store = store;
    this.directory = directory;
    this.mailer = mailer;
    this.renderer = renderer;
    this.webBaseUrl = webBaseUrl;
  }

  /**
   * The mail {@code template} renders for {@code orgId} with {@code variables} (the template's own,
   * by full name; links as paths).
   */
  public RenderedMail compose(String orgId, MailTemplate template, Map<String, Object> variables) {
    BrandManifests.Branded branded = brands.of(orgId);
    String linkBase = branded.linkHost().map(host -> "https://" + host).orElse(webBaseUrl);
    MailTemplateItem override =
        nearestOverride(orgId, template, branded.brand().hideOriginBranding());
    return renderer.render(template, variables, branded.brand(), linkBase, override);
  }

  /**
   * The mail {@code template} would render for {@code orgId} with {@code candidate} as the
   * organization's override (null: the one it would use now) — what a preview shows.
   */
  public RenderedMail preview(
      String orgId,
      MailTemplate template,
      Map<String, Object> variables,
      @Nullable MailTemplateItem candidate) {
    if (candidate == null) {
      return compose(orgId, template, variables);
    }
    BrandManifests.Branded branded = brands.of(orgId);
    String linkBase = branded.linkHost().map(host -> "https://" + host).orElse(webBaseUrl);
    return renderer.render(template, variables, branded.brand(), linkBase, candidate);
  }

  /**
   * Renders and sends one mail to {@code to}.
   *
   * @throws Mailer.MailException when the address is unusable or the server does not take it
   */
  public void send(String to, String orgId, MailTemplate template, Map<String, Object> variables) {
    mailer.send(to, compose(orgId, template, variables));
  }

  /**
   * The override of the nearest organization of the lineage that has one, read with the lineage's
   * brands in one BatchGetItem (the brands say where a hiding brand begins).
   */
  private @Nullable MailTemplateItem nearestOverride(
      String orgId, MailTemplate template, boolean brandHidesOrigin) {
    List<String> lineage = new ArrayList<>();
    lineage.add(orgId);
    lineage.addAll(directory.ancestors(orgId));
    List<ItemKey> keys = new ArrayList<>();
    for (String id : lineage) {
      keys.add(BrandingKeys.mailTemplate(id, template.id()));
      keys.add(BrandingKeys.branding(id));
    }
    Map<ItemKey, Map<String, AttributeValue>> found = store.batchGet(keys);
    int reach = brandHidesOrigin ? hidingReach(lineage, found) : lineage.size() - 1;
    for (int i = 0; i <= reach; i++) {
      Map<String, AttributeValue> raw =
          found.get(BrandingKeys.mailTemplate(lineage.get(i), template.id()));
      if (raw != null) {
        return MailTemplateItem.SCHEMA.mapToItem(raw);
      }
    }
    return null;
  }

  /**
   * The index of the farthest organization of {@code lineage} whose effective brand hides its
   * origin (each shows its own manifest, else its nearest ancestor's): hiding is inherited, so
   * those organizations are the lineage's first ones.
   */
  private int hidingReach(List<String> lineage, Map<ItemKey, Map<String, AttributeValue>> found) {
    boolean[] hides = new boolean[lineage.size()];
    boolean inherited = false;
    for (int i = lineage.size() - 1; i >= 0; i--) {
      Map<String, AttributeValue> raw = found.get(BrandingKeys.branding(lineage.get(i)));
      String manifest = raw == null ? null : BrandingItem.SCHEMA.mapToItem(raw).getManifest();
      if (manifest != null && !manifest.isBlank()) {
        inherited = brands.decode(manifest).hideOriginBranding();
      }
      hides[i] = inherited;
    }
    int reach = -1;
    while (reach + 1 < hides.length && hides[reach + 1]) {
      reach++;
    }
    // The effective brand hides its origin, so the organization itself does; -1 only when its
    // brand changed between the two reads, and then its own override is still its own.
    return Math.max(reach, 0);
  }
}
