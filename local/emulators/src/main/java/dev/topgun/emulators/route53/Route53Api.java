package dev.topgun.emulators.route53;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The Route 53 API (REST with XML, {@code /2013-04-01/...}) over {@link HostedZones}: {@code
 * CreateHostedZone}, {@code GetHostedZone}, {@code ListHostedZones}, {@code ListHostedZonesByName},
 * {@code GetHostedZoneCount}, {@code DeleteHostedZone}, {@code ChangeResourceRecordSets}, {@code
 * ListResourceRecordSets} and {@code GetChange}, with Route 53's documents and errors, so that the
 * SDK's {@code Route53Client} and the AWS CLI work with only an endpoint override.
 *
 * <p>Signatures are not checked (any credentials do, unsigned requests too).
 */
public final class Route53Api {

  /** Every path of the API starts with its version. */
  public static final String PREFIX = "/2013-04-01/";

  static final String CONTENT_TYPE = "text/xml";

  static final int MAX_BODY = 1 << 20;
  static final int MAX_HOSTED_ZONES_PAGE = 100;
  static final int MAX_RECORD_SETS_PAGE = 300;
  static final int MAX_VALUES_PER_BATCH = 1000;
  static final int MAX_VALUE_CHARS_PER_BATCH = 32000;

  private static final Logger LOG = LoggerFactory.getLogger(Route53Api.class);

  private static final Set<String> ROUTING =
      Set.of(
          "SetIdentifier",
          "Weight",
          "Region",
          "GeoLocation",
          "Failover",
          "MultiValueAnswer",
          "HealthCheckId",
          "TrafficPolicyInstanceId",
          "CidrRoutingConfig",
          "GeoProximityLocation");

  private static final Set<String> RECORD_SET_ELEMENTS =
      Stream.concat(
              ROUTING.stream(), Stream.of("Name", "Type", "TTL", "ResourceRecords", "AliasTarget"))
          .collect(Collectors.toUnmodifiableSet());

  private final HostedZones zones;

  public Route53Api(HostedZones zones) {
    this.zones = zones;
  }

  /** A Route 53 request: its path starts with {@value #PREFIX}. */
  public static boolean accepts(HttpExchange exchange) {
    return exchange.getRequestURI().getRawPath().startsWith(PREFIX);
  }

  /** Answers one request; bad input gets Route 53's error document, never an exception. */
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    Answer answer;
    try {
      answer = route(exchange);
    } catch (Route53Error e) {
      answer = error(e.status(), e.code(), e.getMessage(), requestId);
    } catch (InvalidChangeBatchException e) {
      answer = error(400, "InvalidChangeBatch", e.messages().toString(), requestId);
    }
    if (answer.status() >= 400) {
      LOG.debug(
          "route53 {} {} -> {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          answer.status());
    }
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(answer.status(), answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  record Answer(int status, byte[] body, Map<String, String> headers) {
    static Answer ok(byte[] body) {
      return new Answer(200, body, Map.of());
    }
  }

  private Answer route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String resource = path.isEmpty() ? "" : path.get(0);
    if (resource.equals("hostedzone") && path.size() == 1) {
      if (method.equals("POST")) {
        return createHostedZone(body(exchange), host(exchange));
      }
      if (method.equals("GET")) {
        return Answer.ok(listHostedZones(query));
      }
    } else if (resource.equals("hostedzone") && path.size() == 2) {
      String id = zoneId(path.get(1));
      if (method.equals("GET")) {
        return Answer.ok(getHostedZone(id));
      }
      if (method.equals("DELETE")) {
        return Answer.ok(changeInfo("DeleteHostedZoneResponse", zones.delete(id), "PENDING"));
      }
    } else if (resource.equals("hostedzone") && path.size() == 3 && path.get(2).equals("rrset")) {
      String id = zoneId(path.get(1));
      if (method.equals("POST")) {
        return Answer.ok(changeResourceRecordSets(id, body(exchange)));
      }
      if (method.equals("GET")) {
        return Answer.ok(listResourceRecordSets(id, query));
      }
    } else if (resource.equals("hostedzonesbyname") && path.size() == 1 && method.equals("GET")) {
      return Answer.ok(listHostedZonesByName(query));
    } else if (resource.equals("hostedzonecount") && path.size() == 1 && method.equals("GET")) {
      return Answer.ok(
          new Xml.Writer("GetHostedZoneCountResponse")
              .element("HostedZoneCount", zones.byId().size())
              .bytes());
    } else if (resource.equals("change") && path.size() == 2 && method.equals("GET")) {
      String id = stripPrefix(path.get(1), "/change/");
      return Answer.ok(changeInfo("GetChangeResponse", zones.change(checkId(id)), "INSYNC"));
    }
    throw new Route53Error(
        400,
        "InvalidAction",
        "The local Route 53 does not serve "
            + method
            + " "
            + exchange.getRequestURI().getRawPath()
            + " (see local/README.md for what it serves).");
  }

  private Answer createHostedZone(byte[] body, String host) {
    Element request = Xml.read(body, "CreateHostedZoneRequest");
    Xml.children(
        request, Set.of("Name", "VPC", "CallerReference", "HostedZoneConfig", "DelegationSetId"));
    String name = required(request, "Name", "name");
    String reference = required(request, "CallerReference", "callerReference");
    if (reference.isEmpty() || reference.length() > 128) {
      throw lengthError("callerReference", reference, 1, 128);
    }
    if (name.length() > 1024) {
      throw lengthError("name", name, 1, 1024);
    }
    String comment = null;
    Element config = Xml.child(request, "HostedZoneConfig");
    if (config != null) {
      Xml.children(config, Set.of("Comment", "PrivateZone"));
      comment = Xml.text(config, "Comment");
      if (comment != null && comment.length() > 256) {
        throw lengthError("hostedZoneConfig.comment", comment, 0, 256);
      }
      if ("true".equals(Xml.text(config, "PrivateZone")) || Xml.child(request, "VPC") != null) {
        throw privateZone();
      }
    }
    if (Xml.child(request, "VPC") != null) {
      throw privateZone();
    }
    if (Xml.child(request, "DelegationSetId") != null) {
      throw new Route53Error(
          400,
          "NoSuchDelegationSet",
          "A reusable delegation set with the specified ID does not exist.");
    }
    HostedZones.Created created = zones.create(name, reference, comment);
    Xml.Writer xml = new Xml.Writer("CreateHostedZoneResponse");
    hostedZone(xml, created.zone());
    changeInfo(xml, created.change(), "PENDING");
    delegationSet(xml);
    return new Answer(
        201,
        xml.bytes(),
        Map.of("Location", "http://" + host + PREFIX + "hostedzone/" + created.zone().id()));
  }

  private static Route53Error privateZone() {
    return Route53Error.invalidInput(
        "The local Route 53 serves public hosted zones only: VPC and PrivateZone are not"
            + " supported.");
  }

  private byte[] getHostedZone(String id) {
    Xml.Writer xml = new Xml.Writer("GetHostedZoneResponse");
    hostedZone(xml, zones.get(id));
    delegationSet(xml);
    return xml.bytes();
  }

  private byte[] listHostedZones(Map<String, String> query) {
    if (query.containsKey("delegationsetid")) {
      throw new Route53Error(
          400,
          "NoSuchDelegationSet",
          "A reusable delegation set with the specified ID does not exist.");
    }
    String type = query.get("hostedzonetype");
    if (type != null && !type.equals("PrivateHostedZone")) {
      throw enumError("hostedZoneType", type, List.of("PrivateHostedZone"));
    }
    int max = maxItems(query, MAX_HOSTED_ZONES_PAGE);
    String marker = query.get("marker");
    List<HostedZone> all = type == null ? zones.byId() : List.of();
    List<HostedZone> from = new ArrayList<>();
    for (HostedZone zone : all) {
      if (marker == null || zone.id().compareTo(marker) >= 0) {
        from.add(zone);
      }
    }
    Xml.Writer xml = new Xml.Writer("ListHostedZonesResponse").start("HostedZones");
    from.stream().limit(max).forEach(zone -> hostedZone(xml, zone));
    xml.end().element("Marker", marker).element("IsTruncated", from.size() > max);
    if (from.size() > max) {
      xml.element("NextMarker", from.get(max).id());
    }
    return xml.element("MaxItems", max).bytes();
  }

  private byte[] listHostedZonesByName(Map<String, String> query) {
    String dnsName = query.get("dnsname");
    String zoneId = query.get("hostedzoneid");
    if (zoneId != null && dnsName == null) {
      throw Route53Error.invalidInput("HostedZoneId can be given only with DNSName.");
    }
    DomainName start = null;
    if (dnsName != null) {
      try {
        start = DomainName.parse(dnsName);
      } catch (DomainName.InvalidNameException e) {
        throw new Route53Error(400, "InvalidDomainName", dnsName + " is not a valid domain name.");
      }
    }
    int max = maxItems(query, MAX_HOSTED_ZONES_PAGE);
    List<HostedZone> from = new ArrayList<>();
    for (HostedZone zone : zones.byName()) {
      int byName = start == null ? 1 : zone.name().compareTo(start);
      if (byName > 0 || (byName == 0 && (zoneId == null || zone.id().compareTo(zoneId) >= 0))) {
        from.add(zone);
      }
    }
    Xml.Writer xml = new Xml.Writer("ListHostedZonesByNameResponse").start("HostedZones");
    from.stream().limit(max).forEach(zone -> hostedZone(xml, zone));
    xml.end()
        .element("DNSName", start == null ? null : start.text())
        .element("HostedZoneId", zoneId)
        .element("IsTruncated", from.size() > max);
    if (from.size() > max) {
      xml.element("NextDNSName", from.get(max).name().text())
          .element("NextHostedZoneId", from.get(max).id());
    }
    return xml.element("MaxItems", max).bytes();
  }

  private byte[] changeResourceRecordSets(String id, byte[] body) {
    Element request = Xml.read(body, "ChangeResourceRecordSetsRequest");
    Xml.children(request, Set.of("ChangeBatch"));
    Element batch = Xml.child(request, "ChangeBatch");
    if (batch == null) {
      throw notNull("changeBatch");
    }
    Xml.children(batch, Set.of("Comment", "Changes"));
    String comment = Xml.text(batch, "Comment");
    if (comment != null && comment.length() > 256) {
      throw lengthError("changeBatch.comment", comment, 0, 256);
    }
    Element changesElement = Xml.child(batch, "Changes");
    if (changesElement == null) {
      throw notNull("changeBatch.changes");
    }
    List<Element> changeElements = Xml.children(changesElement, Set.of("Change"));
    if (changeElements.isEmpty()) {
      throw Route53Error.invalidInput(
          "Invalid XML ; the content of element Changes is not complete: it needs a Change.");
    }
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < changeElements.size(); i++) {
      changes.add(change(changeElements.get(i), "changeBatch.changes." + (i + 1) + ".member"));
    }
    checkBatchSize(changes);
    HostedZones.ChangeInfo change = zones.change(id, changes, comment);
    return changeInfo("ChangeResourceRecordSetsResponse", change, "PENDING");
  }

  private static Change change(Element element, String where) {
    Xml.children(element, Set.of("Action", "ResourceRecordSet"));
    String actionText = required(element, "Action", where + ".action");
    Change.Action action;
    try {
      action = Change.Action.valueOf(actionText);
    } catch (IllegalArgumentException e) {
      throw enumError(where + ".action", actionText, List.of("CREATE", "DELETE", "UPSERT"));
    }
    Element set = Xml.child(element, "ResourceRecordSet");
    if (set == null) {
      throw notNull(where + ".resourceRecordSet");
    }
    for (Element child : Xml.children(set, RECORD_SET_ELEMENTS)) {
      if (ROUTING.contains(child.getLocalName())) {
        throw Route53Error.invalidInput(
            "The local Route 53 serves simple record sets only: "
                + child.getLocalName()
                + " (routing policies, health checks, traffic policies) is not supported.");
      }
    }
    String name = required(set, "Name", where + ".resourceRecordSet.name");
    String type = required(set, "Type", where + ".resourceRecordSet.type");
    if (!RecordSet.TYPES.contains(type)) {
      throw enumError(where + ".resourceRecordSet.type", type, RecordSet.TYPES);
    }
    if (Xml.child(set, "AliasTarget") != null) {
      throw Route53Error.invalidInput(
          "The local Route 53 does not serve alias records (AliasTarget); use a CNAME or the"
              + " target's values.");
    }
    String ttl = Xml.text(set, "TTL");
    Element records = Xml.child(set, "ResourceRecords");
    if (ttl == null || records == null) {
      throw Route53Error.invalidInput(
          "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and"
              + " ResourceRecords]], but found none in Change with [Action="
              + action
              + ", Name="
              + name
              + ", Type="
              + type
              + ", SetIdentifier=null]");
    }
    long seconds;
    try {
      seconds = Long.parseLong(ttl.trim());
    } catch (NumberFormatException e) {
      throw Route53Error.invalidInput(
          "Invalid XML ; '" + ttl + "' is not a valid value for TTL (an integer).");
    }
    if (seconds < 0 || seconds > RecordSet.MAX_TTL) {
      throw Route53Error.invalidInput(
          "1 validation error detected: Value '"
              + seconds
              + "' at '"
              + where
              + ".resourceRecordSet.tTL' failed to satisfy constraint: Member must have value"
              + " between 0 and "
              + RecordSet.MAX_TTL);
    }
    List<String> values = new ArrayList<>();
    List<Element> recordElements = Xml.children(records, Set.of("ResourceRecord"));
    if (recordElements.isEmpty()) {
      throw Route53Error.invalidInput(
          "Invalid XML ; the content of element ResourceRecords is not complete: it needs a"
              + " ResourceRecord.");
    }
    for (Element record : recordElements) {
      Xml.children(record, Set.of("Value"));
      values.add(required(record, "Value", where + ".resourceRecordSet.resourceRecords.value"));
    }
    return new Change(action, name, type, seconds, values);
  }

  /** Route 53's per-request limits; an UPSERT counts twice, as Route 53 counts it. */
  private static void checkBatchSize(List<Change> changes) {
    int values = 0;
    int characters = 0;
    for (Change change : changes) {
      int weight = change.action() == Change.Action.UPSERT ? 2 : 1;
      values += weight * change.values().size();
      for (String value : change.values()) {
        characters += weight * value.length();
      }
    }
    List<String> messages = new ArrayList<>();
    if (values > MAX_VALUES_PER_BATCH) {
      messages.add("Number of records limit of " + MAX_VALUES_PER_BATCH + " exceeded.");
    }
    if (characters > MAX_VALUE_CHARS_PER_BATCH) {
      messages.add(
          "Number of characters in record values limit of "
              + MAX_VALUE_CHARS_PER_BATCH
              + " exceeded.");
    }
    if (!messages.isEmpty()) {
      throw new InvalidChangeBatchException(messages);
    }
  }

  private byte[] listResourceRecordSets(String id, Map<String, String> query) {
    HostedZone zone = zones.get(id);
    String nameText = query.get("name");
    String type = query.get("type");
    if (type != null && nameText == null) {
      throw Route53Error.invalidInput(
          "The input is not valid: StartRecordType can be given only with StartRecordName.");
    }
    if (type != null && !RecordSet.TYPES.contains(type)) {
      throw enumError("startRecordType", type, RecordSet.TYPES);
    }
    DomainName start = null;
    if (nameText != null) {
      try {
        start = DomainName.parse(nameText);
      } catch (DomainName.InvalidNameException e) {
        throw Route53Error.invalidInput(e.problem(nameText));
      }
    }
    int max = maxItems(query, MAX_RECORD_SETS_PAGE);
    List<RecordSet> from = zone.recordSetsFrom(start, type);
    Xml.Writer xml = new Xml.Writer("ListResourceRecordSetsResponse").start("ResourceRecordSets");
    from.stream().limit(max).forEach(set -> recordSet(xml, set));
    xml.end().element("IsTruncated", from.size() > max);
    if (from.size() > max) {
      xml.element("NextRecordName", from.get(max).name().text())
          .element("NextRecordType", from.get(max).type());
    }
    return xml.element("MaxItems", max).bytes();
  }

  private static void hostedZone(Xml.Writer xml, HostedZone zone) {
    xml.start("HostedZone")
        .element("Id", "/hostedzone/" + zone.id())
        .element("Name", zone.name().text())
        .element("CallerReference", zone.callerReference())
        .start("Config")
        .element("Comment", zone.comment())
        .element("PrivateZone", false)
        .end()
        .element("ResourceRecordSetCount", zone.recordSetCount())
        .end();
  }

  private static void delegationSet(Xml.Writer xml) {
    xml.start("DelegationSet").start("NameServers");
    for (String nameServer : HostedZone.NAME_SERVERS) {
      // Route 53 lists its name servers without the trailing dot here.
      xml.element("NameServer", nameServer.substring(0, nameServer.length() - 1));
    }
    xml.end().end();
  }

  private static void recordSet(Xml.Writer xml, RecordSet set) {
    xml.start("ResourceRecordSet")
        .element("Name", set.name().text())
        .element("Type", set.type())
        .element("TTL", set.ttl())
        .start("ResourceRecords");
    for (String value : set.values()) {
      xml.start("ResourceRecord").element("Value", value).end();
    }
    xml.end().end();
  }

  private static byte[] changeInfo(String root, HostedZones.ChangeInfo change, String status) {
    Xml.Writer xml = new Xml.Writer(root);
    changeInfo(xml, change, status);
    return xml.bytes();
  }

  private static void changeInfo(Xml.Writer xml, HostedZones.ChangeInfo change, String status) {
    xml.start("ChangeInfo")
        .element("Id", "/change/" + change.id())
        .element("Status", status)
        .element("SubmittedAt", change.submittedAt().truncatedTo(ChronoUnit.MILLIS))
        .element("Comment", change.comment())
        .end();
  }

  private static Answer error(int status, String code, String message, String requestId) {
    Xml.Writer xml =
        new Xml.Writer("ErrorResponse")
            .start("Error")
            .element("Type", status >= 500 ? "Receiver" : "Sender")
            .element("Code", code)
            .element("Message", message)
            .end()
            .element("RequestId", requestId);
    return new Answer(status, xml.bytes(), Map.of());
  }

  private static String required(Element parent, String element, String member) {
    String text = Xml.text(parent, element);
    if (text == null) {
      throw notNull(member);
    }
    return text;
  }

  private static Route53Error notNull(String member) {
    return Route53Error.invalidInput(
        "1 validation error detected: Value null at '"
            + member
            + "' failed to satisfy constraint: Member must not be null");
  }

  private static Route53Error lengthError(String member, String value, int min, int max) {
    return Route53Error.invalidInput(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: Member must have length between "
            + min
            + " and "
            + max);
  }

  private static Route53Error enumError(String member, String value, List<String> allowed) {
    return Route53Error.invalidInput(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: Member must satisfy enum value set: "
            + allowed);
  }

  /** {@code maxitems}: a positive number; more than {@code limit} gives {@code limit}. */
  private static int maxItems(Map<String, String> query, int limit) {
    String text = query.get("maxitems");
    if (text == null) {
      return limit;
    }
    try {
      int max = Integer.parseInt(text.trim());
      if (max < 1) {
        throw new NumberFormatException();
      }
      return Math.min(max, limit);
    } catch (NumberFormatException e) {
      throw Route53Error.invalidInput("MaxItems must be a positive integer, not '" + text + "'.");
    }
  }

  /** A zone id from the path; the SDK sends it bare, a caller may keep {@code /hostedzone/}. */
  private static String zoneId(String segment) {
    return checkId(stripPrefix(segment, "/hostedzone/"));
  }

  private static String checkId(String id) {
    if (id.isEmpty() || id.length() > 32) {
      throw lengthError("id", id, 1, 32);
    }
    return id;
  }

  private static String stripPrefix(String value, String prefix) {
    return value.startsWith(prefix) ? value.substring(prefix.length()) : value;
  }

  private static List<String> segments(String rawPath) {
    String rest = rawPath.substring(PREFIX.length());
    List<String> segments = new ArrayList<>();
    for (String segment : rest.split("/", -1)) {
      if (!segment.isEmpty()) {
        // A path's '+' is itself; only a query's stands for a space.
        segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw Route53Error.invalidInput("The request is larger than " + MAX_BODY + " bytes.");
      }
      return body;
    }
  }

  private static String host(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    return host == null ? "localhost" : host;
  }
}
