package dev.topgun.branding.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.store.LimitExceededException;
import dev.topgun.shared.tenancy.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HostnameServiceTest {

  static final AuditContext AUDIT = new AuditContext("user:admin", "203.0.113.7", "req");
  static final Target RESELLER = new Target("reseller", List.of("root"));
  static final Target OTHER = new Target("other", List.of("root"));

  final InMemoryHostnames hostnames = new InMemoryHostnames();
  final Map<String, String> txt = new HashMap<>();
  final Map<String, String> http = new HashMap<>();
  final List<String> told = new ArrayList<>();
  final int[] slots = {0, 2};
  Instant now = Instant.parse("2026-12-04T10:00:00Z");

  final HostnameService service =
      new HostnameService(
          hostnames,
          new Proofs() {
            @Override
            public boolean txtHolds(String name, String value) {
              return value.equals(txt.get(name));
            }

            @Override
            public boolean httpServes(String url, String body) {
              return body.equals(http.get(url));
            }
          },
          new DomainSlots() {
            @Override
            public <T> T reserving(
                List<String> chain, Function<Optional<ThresholdCrossed>, T> write) {
              if (slots[0] >= slots[1]) {
                throw new LimitExceededException("domains", slots[1], slots[0], 1);
              }
              slots[0]++;
              try {
                return write.apply(Optional.empty());
              } catch (RuntimeException e) {
                slots[0]--;
                throw e;
              }
            }

            @Override
            public void release(List<String> chain) {
              slots[0]--;
            }
          },
          (orgId, hostname) -> told.add(orgId + ":" + hostname),
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  @Test
  void aClaim_isPendingWithARandomToken_andOnlyAProofVerifiesIt() {
    // given
    Claim claim = service.claim(RESELLER, "Panel.Acme.Test", AUDIT);
    assertThat(claim.status()).isEqualTo(HostnameStatus.PENDING);
    assertThat(claim.hostname()).isEqualTo("panel.acme.test");
    assertThat(claim.token()).hasSize(40);
    assertThat(claim.lineage()).containsExactly("reseller", "root");

    // when: no proof yet
    assertThatThrownBy(() -> service.verify(RESELLER, "panel.acme.test", AUDIT))
        .isInstanceOf(HostnameRuleException.class)
        .hasFieldOrPropertyWithValue("reason", HostnameRuleException.NOT_PROVEN);

    // when: the TXT record is published
    txt.put("_domain-verification.panel.acme.test", claim.token());
    Claim verified = service.verify(RESELLER, "panel.acme.test", AUDIT);

    // then
    assertThat(verified.status()).isEqualTo(HostnameStatus.VERIFIED);
    assertThat(hostnames.actions).containsExactly("hostname.claimed", "hostname.verified");
  }

  @Test
  void theHttpFile_provesAClaimToo() {
    Claim claim = service.claim(RESELLER, "www.acme.test", AUDIT);
    http.put(claim.httpUrl(), claim.token());

    assertThat(service.verify(RESELLER, "www.acme.test", AUDIT).status())
        .isEqualTo(HostnameStatus.VERIFIED);
  }

  @Test
  void aHostnameAnotherOrganizationClaimed_isTaken_andItsClaimIsInvisibleToOthers() {
    service.claim(RESELLER, "panel.acme.test", AUDIT);

    assertThatThrownBy(() -> service.claim(OTHER, "panel.acme.test", AUDIT))
        .isInstanceOf(HostnameRuleException.class)
        .hasFieldOrPropertyWithValue("reason", HostnameRuleException.TAKEN);
    assertThatThrownBy(() -> service.verify(OTHER, "panel.acme.test", AUDIT))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.release(OTHER, "panel.acme.test", AUDIT))
        .isInstanceOf(NotFoundException.class);
    assertThat(slots[0]).isEqualTo(1);
  }

  @Test
  void claimsCountAgainstMaxDomains_andAReleaseGivesTheSlotBack() {
    service.claim(RESELLER, "a.acme.test", AUDIT);
    service.claim(RESELLER, "b.acme.test", AUDIT);

    assertThatThrownBy(() -> service.claim(RESELLER, "c.acme.test", AUDIT))
        .isInstanceOf(LimitExceededException.class);
    service.release(RESELLER, "a.acme.test", AUDIT);
    assertThat(service.claim(RESELLER, "c.acme.test", AUDIT).status())
        .isEqualTo(HostnameStatus.PENDING);
    assertThat(service.list(RESELLER))
        .extracting(Claim::hostname)
        .containsExactlyInAnyOrder("b.acme.test", "c.acme.test");
  }

  @Test
  void theDailyRecheck_suspendsAHostnameWhoseProofDisappeared_andTellsItsOwners() {
    // given: two verified hostnames
    Claim kept = service.claim(RESELLER, "kept.acme.test", AUDIT);
    Claim gone = service.claim(RESELLER, "gone.acme.test", AUDIT);
    txt.put(kept.txtName(), kept.token());
    txt.put(gone.txtName(), gone.token());
    service.verify(RESELLER, kept.hostname(), AUDIT);
    service.verify(RESELLER, gone.hostname(), AUDIT);

    // when: a day later one proof is gone
    txt.remove(gone.txtName());
    now = now.plus(Duration.ofDays(1));
    int suspended = service.recheck(AUDIT);

    // then
    assertThat(suspended).isEqualTo(1);
    assertThat(hostnames.find("gone.acme.test").orElseThrow().status())
        .isEqualTo(HostnameStatus.SUSPENDED);
    assertThat(hostnames.find("kept.acme.test").orElseThrow().status())
        .isEqualTo(HostnameStatus.VERIFIED);
    assertThat(hostnames.find("kept.acme.test").orElseThrow().checkedAt()).isEqualTo(now);
    assertThat(told).containsExactly("reseller:gone.acme.test");

    // and a check within the day looks at nothing
    assertThat(service.recheck(AUDIT)).isZero();
    assertThat(told).hasSize(1);
  }

  @Test
  void afterAMove_theSubtreesClaimsCarryTheirOwnersNewLineage() {
    // given: a claim of the reseller and one of its customer
    hostnames.ancestors.put("reseller", List.of("root"));
    hostnames.ancestors.put("customer", List.of("reseller", "root"));
    service.claim(RESELLER, "panel.acme.test", AUDIT);
    service.claim(new Target("customer", List.of("reseller", "root")), "shop.acme.test", AUDIT);

    // when: the reseller moves under another reseller
    hostnames.ancestors.put("reseller", List.of("other", "root"));
    hostnames.ancestors.put("customer", List.of("reseller", "other", "root"));
    int changed = service.followMove("reseller");

    // then
    assertThat(changed).isEqualTo(2);
    assertThat(hostnames.find("panel.acme.test").orElseThrow().lineage())
        .containsExactly("reseller", "other", "root");
    assertThat(hostnames.find("shop.acme.test").orElseThrow().lineage())
        .containsExactly("customer", "reseller", "other", "root");
    assertThat(service.followMove("reseller")).isZero();
  }

  @Test
  void aBadHostname_isRefusedBeforeAnySlotIsTaken() {
    assertThatThrownBy(() -> service.claim(RESELLER, "10.0.0.1", AUDIT))
        .isInstanceOf(BrandValidationException.class);
    assertThat(slots[0]).isZero();
  }
}
