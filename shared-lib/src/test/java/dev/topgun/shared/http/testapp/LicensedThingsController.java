package dev.topgun.shared.http.testapp;

import dev.topgun.shared.entitlements.FeatureGate;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.Caller;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.TenancyDirectory;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import java.util.Set;

/**
 * Test-only endpoints of a licensed feature ({@code white_label}). Authorization is not what is
 * tested here, so the organization's lineage is read directly where a real endpoint would call
 * {@code Authorizer.authorize}.
 */
@Controller("/test/orgs/{orgId}/themes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LicensedThingsController {

  static final String FEATURE = "white_label";

  private final TenancyDirectory directory;
  private final FeatureGate gate;

  public LicensedThingsController(TenancyDirectory directory, FeatureGate gate) {
    this.directory = directory;
    this.gate = gate;
  }

  @Get
  public Map<String, Object> read(@PathVariable String orgId) {
    gate.require(granted(orgId), FEATURE, FeatureGate.Access.READ);
    return Map.of("themes", 1);
  }

  @Post
  public Map<String, Object> write(@PathVariable String orgId) {
    gate.require(granted(orgId), FEATURE, FeatureGate.Access.WRITE);
    return Map.of("saved", true);
  }

  private Authorized granted(String orgId) {
    return new Authorized(
        new Caller.User("tester"),
        directory.lineage(orgId, null).orElseThrow(NotFoundException::new),
        Set.of());
  }
}
