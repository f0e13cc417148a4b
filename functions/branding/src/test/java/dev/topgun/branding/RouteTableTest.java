package dev.topgun.branding;

import dev.topgun.shared.testing.RouteTableContract;

class RouteTableTest extends RouteTableContract {
  @Override
  protected String function() {
    return "branding";
  }
}
