package dev.topgun.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.routes.Route;
import dev.topgun.shared.routes.RouteTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps a function's controllers and the route table in step: every controller route of the
 * function is in the table under that function, and the table gives the function nothing it does
 * not serve. Each function module extends this with its own name.
 */
public abstract class RouteTableContract {

  private static final Pattern QUERY_PART = Pattern.compile("\\{[?&][^}]*}");

  protected abstract String function();

  @Test
  void controllersAndRouteTable_declareTheSameRoutes() {
    // given
    Set<String> declared = new TreeSet<>();
    for (Route route : RouteTable.load().routesOf(function())) {
      declared.add(route.method() + " " + route.path());
    }

    // when
    Set<String> served = new TreeSet<>();
    try (ApplicationContext context = ApplicationContext.run()) {
      context
          .getBean(Router.class)
          .uriRoutes()
          .map(UriRouteInfo.class::cast)
          .forEach(r -> served.add(r.getHttpMethodName() + " " + template(r)));
    }

    // Micronaut answers HEAD wherever it answers GET; API Gateway needs no route for that.
    served.removeIf(r -> r.startsWith("HEAD ") && served.contains("GET " + r.substring(5)));

    // then
    assertThat(served).as("controller routes of " + function()).isNotEmpty();
    assertThat(served)
        .as("controller routes of %s vs api-routes.json", function())
        .isEqualTo(declared);
  }

  private static String template(UriRouteInfo<?, ?> route) {
    String template = QUERY_PART.matcher(route.getUriMatchTemplate().toString()).replaceAll("");
    return template.length() > 1 && template.endsWith("/")
        ? template.substring(0, template.length() - 1)
        : template;
  }
}
