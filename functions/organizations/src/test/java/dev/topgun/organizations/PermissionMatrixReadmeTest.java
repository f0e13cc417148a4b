package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The matrix this module's README shows is the one the code enforces, row for row. */
class PermissionMatrixReadmeTest {

  private static final Pattern ROW =
      Pattern.compile(
          "^\\| `([a-z:-]+)` \\| (yes|–) \\| (yes|–) \\| (yes|–) \\| (yes|–) \\|$",
          Pattern.MULTILINE);
  private static final List<Role> COLUMNS =
      List.of(Role.OWNER, Role.ADMIN, Role.MEMBER, Role.VIEWER);

  @Test
  void theReadmeMatrix_isPermissionsRoles() throws IOException {
    // given
    String readme = Files.readString(Path.of("README.md"));

    // when
    Map<String, Set<Role>> documented = new LinkedHashMap<>();
    Matcher row = ROW.matcher(readme);
    while (row.find()) {
      EnumSet<Role> roles = EnumSet.noneOf(Role.class);
      for (int i = 0; i < COLUMNS.size(); i++) {
        if (row.group(i + 2).equals("yes")) {
          roles.add(COLUMNS.get(i));
        }
      }
      documented.put(row.group(1), roles);
    }

    // then
    Map<String, Set<Role>> enforced = new LinkedHashMap<>();
    for (Permission permission : Permission.values()) {
      enforced.put(permission.value(), permission.roles());
    }
    assertThat(documented).containsExactlyEntriesOf(enforced);
  }
}
