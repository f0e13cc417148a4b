package dev.topgun.emulators.route53;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code hosted-zones.json}: the zones in creation order with their record sets as given (values as
 * written), the caller references ever used, and the changes {@code GetChange} remembers. Read back
 * through the same checks as the API's, so a hand-edited file cannot hold what Route 53 refuses.
 */
final class HostedZonesFile {

  static final String NAME = "hosted-zones.json";

  private final Path dir;
  private final Path file;

  HostedZonesFile(Path dir) {
    this.dir = dir;
    this.file = dir.resolve(NAME);
  }

  HostedZones.State read() {
    if (!Files.isRegularFile(file)) {
      return HostedZones.State.of(Map.of(), Set.of(), Map.of(), Map.of());
    }
    try {
      JsonNode json = Json.parse(Files.readAllBytes(file));
      Map<String, HostedZone> zones = new LinkedHashMap<>();
      Map<String, ServedZones.Zone> served = new LinkedHashMap<>();
      for (JsonNode zone : json.path("zones")) {
        HostedZone hosted = zone(zone);
        zones.put(hosted.id(), hosted);
        served.put(hosted.id(), ServedZones.Zone.of(hosted));
      }
      Set<String> references = new LinkedHashSet<>();
      json.path("callerReferences").forEach(reference -> references.add(reference.asText()));
      Map<String, HostedZones.ChangeInfo> changes = new LinkedHashMap<>();
      for (JsonNode change : json.path("changes")) {
        HostedZones.ChangeInfo info =
            new HostedZones.ChangeInfo(
                change.get("id").asText(),
                Instant.parse(change.get("submittedAt").asText()),
                change.hasNonNull("comment") ? change.get("comment").asText() : null);
        changes.put(info.id(), info);
      }
      return HostedZones.State.of(zones, references, changes, served);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          file + " is unreadable (" + e.getMessage() + "); delete it or start with --fresh", e);
    }
  }

  private static HostedZone zone(JsonNode json) {
    DomainName name = DomainName.parse(json.get("name").asText());
    TreeMap<HostedZone.Key, RecordSet> sets = new TreeMap<>();
    for (JsonNode set : json.path("recordSets")) {
      List<String> values = new ArrayList<>();
      set.path("values").forEach(value -> values.add(value.asText()));
      RecordSet recordSet =
          RecordSet.of(
              DomainName.parse(set.get("name").asText()),
              set.get("type").asText(),
              set.get("ttl").asLong(),
              values);
      sets.put(new HostedZone.Key(recordSet.name(), recordSet.type()), recordSet);
    }
    return new HostedZone(
        json.get("id").asText(),
        name,
        json.get("callerReference").asText(),
        json.hasNonNull("comment") ? json.get("comment").asText() : null,
        Instant.parse(json.get("created").asText()),
        sets);
  }

  void write(HostedZones.State state) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    ArrayNode zones = json.putArray("zones");
    for (HostedZone zone : state.zones().values()) {
      ObjectNode node = zones.addObject();
      node.put("id", zone.id());
      node.put("name", zone.name().text());
      node.put("callerReference", zone.callerReference());
      node.put("comment", zone.comment());
      node.put("created", zone.created().toString());
      ArrayNode sets = node.putArray("recordSets");
      for (RecordSet set : zone.recordSets()) {
        ObjectNode setNode = sets.addObject();
        setNode.put("name", set.name().text());
        setNode.put("type", set.type());
        setNode.put("ttl", set.ttl());
        ArrayNode values = setNode.putArray("values");
        set.values().forEach(values::add);
      }
    }
    ArrayNode references = json.putArray("callerReferences");
    state.callerReferences().forEach(references::add);
    ArrayNode changes = json.putArray("changes");
    for (HostedZones.ChangeInfo change : state.changes().values()) {
      ObjectNode node = changes.addObject();
      node.put("id", change.id());
      node.put("submittedAt", change.submittedAt().toString());
      node.put("comment", change.comment());
    }
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, NAME, ".tmp");
      Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the write failed already; a stray temporary file is all that is left
    }
  }
}
