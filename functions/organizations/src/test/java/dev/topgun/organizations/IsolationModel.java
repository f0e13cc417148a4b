package dev.topgun.organizations;

import dev.topgun.shared.tenancy.Decision;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link IsolationIT} built, kept beside the table, and the test's own oracle over it: who may
 * do what where, and which identifiers a caller may ever be shown. It restates the rules of issue 3
 * independently of {@code Authorization} (only the role × permission cells are read from {@link
 * Permission}, which is the matrix itself):
 *
 * <ul>
 *   <li>a membership gives its role's permissions plus its grants on its own organization;
 *   <li>an owner or admin membership gives its role's permissions on every descendant;
 *   <li>nothing else: no relationship is 404, a relationship without the permission 403;
 *   <li>an organization that is deactivated, itself or through an ancestor, is 404 for everyone
 *       (except where an endpoint acts on inactive organizations, i.e. restore).
 * </ul>
 */
final class IsolationModel {

  /** An organization as built; {@code tree} is {@code alpha}, {@code bravo} or {@code root}. */
  record Org(String id, String slug, String name, String type, String parentId, String tree) {}

  final Map<String, Org> orgs = new LinkedHashMap<>();
  final Set<String> inactive = new HashSet<>();
  final Map<String, Api.User> users = new LinkedHashMap<>();

  /** orgId → userId → role. */
  final Map<String, Map<String, Role>> members = new HashMap<>();

  /** orgId → userId → explicit grants. */
  final Map<String, Map<String, Set<Permission>>> grants = new HashMap<>();

  /**
   * orgId → every user who ever was a member (the organization's audit names them, and an auditor
   * of the organization may read that history).
   */
  final Map<String, Set<String>> everMembers = new HashMap<>();

  String operator;

  void org(Org org) {
    orgs.put(org.id(), org);
  }

  void user(Api.User user) {
    users.put(user.sub(), user);
  }

  void member(String orgId, String userId, Role role) {
    members.computeIfAbsent(orgId, k -> new LinkedHashMap<>()).put(userId, role);
    everMembers.computeIfAbsent(orgId, k -> new HashSet<>()).add(userId);
  }

  void removeMember(String orgId, String userId) {
    members.getOrDefault(orgId, Map.of()).remove(userId);
    grants.getOrDefault(orgId, Map.of()).remove(userId);
  }

  void grant(String orgId, String userId, Set<Permission> permissions) {
    grants.computeIfAbsent(orgId, k -> new HashMap<>()).put(userId, Set.copyOf(permissions));
  }

  Optional<Role> role(String orgId, String userId) {
    return Optional.ofNullable(members.getOrDefault(orgId, Map.of()).get(userId));
  }

  long owners(String orgId) {
    return members.getOrDefault(orgId, Map.of()).values().stream()
        .filter(r -> r == Role.OWNER)
        .count();
  }

  boolean exists(String orgId) {
    return orgId != null && orgs.containsKey(orgId);
  }

  /** The ancestors, nearest first, without the organization itself. */
  List<String> ancestors(String orgId) {
    List<String> chain = new ArrayList<>();
    String parent = orgs.get(orgId).parentId();
    while (parent != null) {
      chain.add(parent);
      parent = orgs.get(parent).parentId();
    }
    return chain;
  }

  List<String> children(String orgId) {
    return orgs.values().stream().filter(o -> orgId.equals(o.parentId())).map(Org::id).toList();
  }

  Set<String> descendants(String orgId) {
    Set<String> all = new HashSet<>();
    for (String child : children(orgId)) {
      all.add(child);
      all.addAll(descendants(child));
    }
    return all;
  }

  boolean effectivelyActive(String orgId) {
    if (inactive.contains(orgId)) {
      return false;
    }
    return ancestors(orgId).stream().noneMatch(inactive::contains);
  }

  boolean hasActiveChild(String orgId) {
    return children(orgId).stream().anyMatch(c -> !inactive.contains(c));
  }

  /**
   * The caller's permissions on the organization, structurally (its status aside); empty when the
   * caller has no relationship to it.
   */
  Optional<Set<Permission>> held(String userId, String orgId) {
    if (!exists(orgId)) {
      return Optional.empty();
    }
    EnumSet<Permission> held = EnumSet.noneOf(Permission.class);
    boolean related = false;
    Optional<Role> own = role(orgId, userId);
    if (own.isPresent()) {
      related = true;
      held.addAll(permissionsOf(own.get()));
      held.addAll(grants.getOrDefault(orgId, Map.of()).getOrDefault(userId, Set.of()));
    }
    for (String ancestor : ancestors(orgId)) {
      Optional<Role> above = role(ancestor, userId);
      if (above.isPresent() && (above.get() == Role.OWNER || above.get() == Role.ADMIN)) {
        related = true;
        held.addAll(permissionsOf(above.get()));
      }
    }
    return related ? Optional.of(held) : Optional.empty();
  }

  /** The decision of an endpoint that acts on active organizations only. */
  Decision decide(String userId, String orgId, Permission permission) {
    if (!exists(orgId) || !effectivelyActive(orgId)) {
      return Decision.NOT_FOUND;
    }
    return decideIncludingInactive(userId, orgId, permission);
  }

  Decision decideIncludingInactive(String userId, String orgId, Permission permission) {
    return held(userId, orgId)
        .map(p -> p.contains(permission) ? Decision.ALLOW : Decision.FORBIDDEN)
        .orElse(Decision.NOT_FOUND);
  }

  boolean holds(String userId, String orgId, Permission permission) {
    return held(userId, orgId).map(p -> p.contains(permission)).orElse(false);
  }

  static Set<Permission> permissionsOf(Role role) {
    EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
    for (Permission p : Permission.values()) {
      if (p.roles().contains(role)) {
        permissions.add(p);
      }
    }
    return permissions;
  }

  /** The organizations the caller has a relationship to (whatever their status). */
  Set<String> related(String userId) {
    Set<String> related = new HashSet<>();
    for (String orgId : orgs.keySet()) {
      if (held(userId, orgId).isPresent()) {
        related.add(orgId);
      }
    }
    return related;
  }

  /**
   * The organizations whose id, slug and name the caller may be shown: those it is related to,
   * their ancestors ({@code GET …/ancestors}), and the descendants of those where it holds {@code
   * organizations:read-tree} ({@code GET …/children}, {@code …/descendants}) or {@code audit:read}
   * (an organization's audit records its children's creation, moves and deletion): a plain member
   * or viewer sees its own organization, not its customers.
   */
  Set<String> visibleOrgs(String userId) {
    Set<String> visible = new HashSet<>();
    for (String orgId : related(userId)) {
      visible.add(orgId);
      visible.addAll(ancestors(orgId));
      if (holds(userId, orgId, Permission.ORGANIZATIONS_READ_TREE)
          || holds(userId, orgId, Permission.AUDIT_READ)) {
        visible.addAll(descendants(orgId));
      }
    }
    return visible;
  }

  /**
   * The users whose id and e-mail the caller may be shown: itself, the members of the organizations
   * it is related to, and, where it may read an organization's audit, everyone who ever was a
   * member there or could act on it from above (owners and admins of it and of its ancestors).
   */
  Set<String> visibleUsers(String userId) {
    Set<String> visible = new HashSet<>();
    visible.add(userId);
    for (String orgId : related(userId)) {
      visible.addAll(members.getOrDefault(orgId, Map.of()).keySet());
      if (holds(userId, orgId, Permission.AUDIT_READ)) {
        visible.addAll(everMembers.getOrDefault(orgId, Set.of()));
        List<String> chain = new ArrayList<>(ancestors(orgId));
        chain.add(orgId);
        for (String above : chain) {
          members.getOrDefault(above, Map.of()).entrySet().stream()
              .filter(e -> e.getValue() == Role.OWNER || e.getValue() == Role.ADMIN)
              .forEach(e -> visible.add(e.getKey()));
        }
        visible.add(operator);
      }
    }
    return visible;
  }

  /**
   * Every identifier the fixture holds, grouped by the entity it names (an organization's id, slug
   * and name; a user's id and e-mail). The root's slug and name are left out: they are the
   * platform's brand, shown to everyone, and its slug ({@code operator}) is part of other words.
   */
  Map<String, List<String>> identifiers() {
    Map<String, List<String>> byEntity = new LinkedHashMap<>();
    for (Org org : orgs.values()) {
      byEntity.put(
          "org:" + org.id(),
          org.parentId() == null ? List.of(org.id()) : List.of(org.id(), org.slug(), org.name()));
    }
    for (Api.User user : users.values()) {
      byEntity.put("user:" + user.sub(), List.of(user.sub(), user.email()));
    }
    return byEntity;
  }

  /** The identifiers the caller may not be shown. */
  Map<String, String> forbiddenFor(String userId) {
    Set<String> orgsSeen = userId == null ? Set.of() : visibleOrgs(userId);
    Set<String> usersSeen = userId == null ? Set.of() : visibleUsers(userId);
    Map<String, String> forbidden = new LinkedHashMap<>();
    identifiers()
        .forEach(
            (entity, values) -> {
              String id = entity.substring(entity.indexOf(':') + 1);
              boolean seen =
                  entity.startsWith("org:") ? orgsSeen.contains(id) : usersSeen.contains(id);
              if (!seen) {
                values.forEach(v -> forbidden.put(v, entity));
              }
            });
    return forbidden;
  }

  /** Every identifier, for answers that should name nothing at all (refusals). */
  Map<String, String> all() {
    Map<String, String> all = new LinkedHashMap<>();
    identifiers().forEach((entity, values) -> values.forEach(v -> all.put(v, entity)));
    return all;
  }
}
