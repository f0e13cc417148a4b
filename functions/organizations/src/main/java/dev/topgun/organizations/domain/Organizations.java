package dev.topgun.organizations.domain;

import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import java.util.Map;
import java.util.Optional;

/**
 * The organization tree, as the domain reads and changes it (the store implements it). Every change
 * is one atomic write holding the change's audit entries and events ({@link Change}), and it
 * requires what it was decided on to be unchanged: otherwise it throws {@code
 * dev.topgun.shared.store.VersionConflictException} and writes nothing, and the service decides
 * again on what it reads then.
 */
public interface Organizations {

  Optional<Organization> find(String orgId);

  /** The organization and its ancestors, read consistently; empty when it does not exist. */
  Optional<Branch> branch(String orgId);

  /** Each descendant of {@code orgId} with its depth below it (1 = child), read consistently. */
  Map<String, Integer> subtree(String orgId);

  /** Whether a direct child of {@code orgId} is active, read consistently. */
  boolean hasActiveChild(String orgId);

  /**
   * Stores {@code child} (a {@link Organization#draft}) under {@code parent}; requires the parent
   * and its ancestors below the root unchanged.
   *
   * @throws SlugTakenException another organization holds the slug
   */
  Organization create(Branch parent, Organization child, Change change);

  /**
   * Writes {@code next}, a rename of {@code current} (its slug marker moved with it).
   *
   * @throws SlugTakenException the new slug is taken
   */
  Organization rename(Organization current, Organization next, Change change);

  /**
   * How many closure rows one move of {@code moved} under {@code newParent} may rewrite: what one
   * atomic write holds once the organizations it guards, its audit entries and its events are in.
   */
  int closureRowsPerMove(Branch moved, Branch newParent);

  /** Moves {@code moved} under {@code newParent}, rewriting the closure rows of {@code plan}. */
  Organization move(Branch moved, Branch newParent, MovePlan plan, Change change);

  /** Writes {@code next}, {@code current} deleted at {@code next.deletedAt()}. */
  Organization delete(Organization current, Organization next, boolean cascade, Change change);

  /** Writes {@code next}, {@code current} restored. */
  Organization restore(Organization current, Organization next, Change change);

  /** The direct children, in creation order. */
  Page<Organization> children(String orgId, Paging paging);

  /** Every descendant; one below a deleted organization is shown inactive. */
  Page<Organization> descendants(String orgId, Paging paging);

  /** The ancestors, nearest first. */
  Page<Organization> ancestors(String orgId, Paging paging);
}
