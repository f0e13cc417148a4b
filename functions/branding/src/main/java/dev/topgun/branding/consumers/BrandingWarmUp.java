package dev.topgun.branding.consumers;

import dev.topgun.branding.domain.BrandingService;
import dev.topgun.branding.events.BrandingChangedV1;
import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After {@code BrandingChanged}: rebuilds the brands below the changed one that have their own —
 * their stylesheets and manifests embed what they inherit. (Descendants without a brand of their
 * own show the changed manifest directly.)
 */
@Singleton
class BrandingWarmUp implements EventConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(BrandingWarmUp.class);

  private final BrandingService brands;
  private final JsonMapper json;

  BrandingWarmUp(BrandingService brands, JsonMapper json) {
    this.brands = brands;
    this.json = json;
  }

  @Override
  public String source() {
    return "topgun.branding";
  }

  @Override
  public Set<String> detailTypes() {
    return Set.of(BrandingChangedV1.TYPE);
  }

  @Override
  public void accept(ReceivedEvent event) {
    String orgId = event.data(json, BrandingChangedV1.class).organizationId();
    int rebuilt = brands.rebuildDescendants(orgId);
    if (rebuilt > 0) {
      LOG.info("rebuilt {} descendant brand(s) of {}", rebuilt, orgId);
    }
  }
}
