package dev.topgun.branding.consumers;

import dev.topgun.branding.domain.BrandingService;
import dev.topgun.branding.domain.HostnameService;
import dev.topgun.branding.events.OrganizationMovedV1;
import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After {@code OrganizationMoved} (rule {@code branding-follows-moves}): the moved subtree's
 * hostnames carry their owners' new lineage, and its own brands are rebuilt over their new
 * ancestors — a moved reseller's customers see the brand of the tree they are in now.
 */
@Singleton
class OrganizationMoves implements EventConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationMoves.class);

  private final BrandingService brands;
  private final HostnameService hostnames;
  private final JsonMapper json;

  OrganizationMoves(BrandingService brands, HostnameService hostnames, JsonMapper json) {
    this.brands = brands;
    this.hostnames = hostnames;
    this.json = json;
  }

  @Override
  public String source() {
    return "topgun.organizations";
  }

  @Override
  public Set<String> detailTypes() {
    return Set.of(OrganizationMovedV1.TYPE);
  }

  @Override
  public void accept(ReceivedEvent event) {
    String moved = event.data(json, OrganizationMovedV1.class).id();
    int claims = hostnames.followMove(moved);
    int rebuilt = brands.rebuildSubtree(moved);
    LOG.info("{} moved: {} hostname(s) re-linked, {} brand(s) rebuilt", moved, claims, rebuilt);
  }
}
