package dev.topgun.licensing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.domain.SigningKeys.KeyStatus;
import dev.topgun.licensing.domain.SigningKeys.PublishedKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signing keys over the ports in memory ({@link SigningKeyService}). */
class SigningKeyServiceTest {

  private final World world = new World();

  private License signed() {
    return world.issue(world.reseller, World.year(Map.of()));
  }

  private boolean verifies(License license) {
    return CompactJws.verify(
            license.document(),
            kid ->
                world.signing.published().stream()
                    .filter(k -> k.kid().equals(kid))
                    .findFirst()
                    .map(k -> CompactJws.publicKey(k.publicKey()))
                    .orElse(null))
        .map(payload -> new String(payload, StandardCharsets.UTF_8).contains(license.id()))
        .orElse(false);
  }

  @Test
  void theFirstSignature_makesTheFirstKey_andOpensItOnce() {
    // when
    License first = signed();
    world.service.update(
        world.access, first.id(), World.change(LicenseTerms.Tier.BASIC, null, null), World.AUDIT);

    // then
    assertThat(world.keys.pairs).hasSize(1);
    assertThat(world.keys.opens).isEqualTo(1);
    assertThat(verifies(first)).isTrue();
  }

  @Test
  void aRotation_signsWithTheNewKey_andTheOldOneStillVerifies() {
    // given
    License before = signed();

    // when
    String kid = world.signing.rotate();
    License after =
        world.service.update(
            world.access,
            before.id(),
            World.change(LicenseTerms.Tier.BASIC, null, null),
            World.AUDIT);

    // then
    assertThat(after.kid()).isEqualTo(kid).isNotEqualTo(before.kid());
    assertThat(verifies(before)).isTrue();
    assertThat(verifies(after)).isTrue();
    assertThat(world.signing.published())
        .extracting(PublishedKey::kid, PublishedKey::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(kid, KeyStatus.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(before.kid(), KeyStatus.RETIRED));
  }

  @Test
  void aRotationBeforeAnyKey_makesTheFirst() {
    // when
    String kid = world.signing.rotate();

    // then
    assertThat(world.keys.current).isEqualTo(kid);
    assertThat(world.keys.retired).isEmpty();
  }
}
