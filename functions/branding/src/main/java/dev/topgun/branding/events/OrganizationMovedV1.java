package dev.topgun.branding.events;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What branding reads of organizations' {@code OrganizationMoved} (version 1): the organization
 * {@code id} and its subtree moved under {@code toParentId}. The contract's fixture is
 * organizations'; a copy in this module's test resources is read back by {@code
 * EventContractsTest}.
 */
@Serdeable
public record OrganizationMovedV1(String id, String fromParentId, String toParentId, String actor) {

  public static final String TYPE = "OrganizationMoved";
}
