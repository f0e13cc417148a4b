package dev.topgun.licensing.domain;

import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.VersionConflictException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys in memory: the first one stored wins, a rotation retires the key it names only
 * if that one is still current (else the rotation lost a race), and {@link #opens} counts how often
 * a private key was opened.
 */
final class MemorySigningKeys implements SigningKeys {

  final Map<String, KeyPair> pairs = new LinkedHashMap<>();
  final Map<String, Instant> retired = new LinkedHashMap<>();
  String current;
  int opens;

  @Override
  public Optional<String> currentKid() {
    return Optional.ofNullable(current);
  }

  @Override
  public String createFirst(NewKey key) {
    if (current == null) {
      pairs.put(key.kid(), key.pair());
      current = key.kid();
    }
    return current;
  }

  @Override
  public void rotate(String previousKid, NewKey fresh, Instant at) {
    if (!previousKid.equals(current)) {
      throw new VersionConflictException(new ItemKey("LICENSING#KEYS", "CURRENT"), 1, 2L);
    }
    pairs.put(fresh.kid(), fresh.pair());
    retired.put(previousKid, at);
    current = fresh.kid();
  }

  @Override
  public PrivateKey open(String kid) {
    opens++;
    return pairs.get(kid).getPrivate();
  }

  @Override
  public List<PublishedKey> published() {
    List<PublishedKey> published = new ArrayList<>();
    pairs.forEach(
        (kid, pair) ->
            published.add(
                new PublishedKey(
                    kid,
                    CompactJws.rawPublicKey(pair.getPublic()),
                    retired.containsKey(kid) ? KeyStatus.RETIRED : KeyStatus.ACTIVE)));
    return published;
  }
}
