package dev.topgun.branding;

import dev.topgun.branding.domain.BrandingService;
import dev.topgun.emulators.SharedEmulators;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.BrandManifests;
import dev.topgun.shared.branding.BrandingItem;
import dev.topgun.shared.branding.HostnameItem;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.testing.LambdaApi;
import dev.topgun.shared.testing.Latencies;
import dev.topgun.shared.testing.LocalTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which brand a host gets, as a benchmark (run by {@code local/bench/branding-resolve}; not a test,
 * nothing here asserts a time). A verified hostname of a sub_user without a brand of its own, under
 * a branded reseller, in the local DynamoDB emulator:
 *
 * <ul>
 *   <li>{@code BrandingService.resolve} in-process: the strongly consistent lookup item, then one
 *       BatchGetItem of the lineage's brands and the organization;
 *   <li>{@code GET /v1/branding/resolve?host=} through the branding function's Lambda handler;
 *   <li>an unknown host (one GetItem, then the default brand).
 * </ul>
 *
 * The budget: p99 <= 10 ms in-process.
 */
public final class ResolveBenchmark {

  public static void main(String[] args) throws Exception {
    int samples = Integer.getInteger("bench.samples", 5000);
    int warmup = Integer.getInteger("bench.warmup", 1000);
    LocalTable table = new LocalTable();
    Map<String, Object> properties = new HashMap<>(table.properties());
    properties.put("topgun.endpoints.s3", SharedEmulators.s3().toString());
    try (LambdaApi api = new LambdaApi(properties)) {
      SingleTableStore store = api.context.getBean(SingleTableStore.class);
      BrandManifests manifests = api.context.getBean(BrandManifests.class);
      BrandingService service = api.context.getBean(BrandingService.class);
      org(store, "root", "top_branch");
      org(store, "reseller", "master_branch", "root");
      org(store, "sub", "sub_user", "reseller", "root");
      BrandManifest defaults = BrandDefaults.manifest(BrandDefaults.THEME_CSS_URL);
      BrandingItem brand = BrandingItem.of("reseller");
      brand.setOwn("{\"platformName\":\"Bench Cloud\"}");
      brand.setManifest(
          manifests.encode(
              new BrandManifest(
                  "Bench Cloud",
                  "Bench",
                  defaults.colors(),
                  defaults.fontFamily(),
                  defaults.themeCssUrl(),
                  defaults.logoUrl(),
                  defaults.logoDarkUrl(),
                  defaults.favicons(),
                  defaults.faviconIcoUrl(),
                  defaults.manifestUrl(),
                  "help@bench.example",
                  null,
                  null,
                  null,
                  null,
                  "Bench",
                  null,
                  true,
                  null)));
      store.put(BrandingItem.SCHEMA, brand);
      HostnameItem lookup = HostnameItem.lookup("sub", "panel.bench.example");
      lookup.setStatus(HostnameItem.VERIFIED);
      lookup.setLineage(List.of("sub", "reseller", "root"));
      store.put(HostnameItem.SCHEMA, lookup);
      if (!service.resolve("panel.bench.example").platformName().equals("Bench Cloud")) {
        throw new IllegalStateException("the seeded hostname does not resolve to its brand");
      }

      List<Latencies.Result> results = new ArrayList<>();
      results.add(
          Latencies.measure(
              "BrandingService.resolve in-process (verified host, inherited brand)",
              samples,
              warmup,
              () -> service.resolve("panel.bench.example").organization() != null ? 1 : fail()));
      results.add(
          Latencies.measure(
              "BrandingService.resolve in-process (unknown host: the default brand)",
              samples,
              warmup,
              () -> service.resolve("nobody.bench.example").organization() == null ? 1 : fail()));
      results.add(
          Latencies.measure(
              "GET /v1/branding/resolve?host= through the Lambda handler",
              samples,
              warmup,
              () ->
                  api.call(null, "GET", "/v1/branding/resolve?host=panel.bench.example", null)
                              .status()
                          == 200
                      ? 1
                      : fail()));
      Latencies.printHeader();
      results.forEach(Latencies.Result::print);
    } finally {
      table.afterAll(null);
    }
  }

  private static void org(SingleTableStore store, String id, String type, String... ancestors) {
    store.put(
        OrganizationItem.SCHEMA,
        OrganizationItem.of(
            id, "Org " + id, "org-" + id, type, ancestors.length == 0 ? null : ancestors[0]));
    for (int depth = 1; depth <= ancestors.length; depth++) {
      if (ancestors[depth - 1] != null) {
        store.put(ClosureItem.SCHEMA, ClosureItem.of(ancestors[depth - 1], id, depth));
      }
    }
  }

  private static int fail() {
    throw new IllegalStateException("resolve answered something else");
  }
}
