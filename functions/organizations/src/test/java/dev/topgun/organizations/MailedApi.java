package dev.topgun.organizations;

import dev.topgun.emulators.MailEmulator;
import dev.topgun.shared.mail.Mailer;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.json.JsonMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The organizations function ({@link Api}) sending its mail to a maildev of its own, for one test
 * class:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalTable TABLE = new LocalTable();
 * @RegisterExtension static final MailedApi MAILED = new MailedApi(TABLE);
 * }</pre>
 *
 * Both start before the class's {@code @BeforeAll} methods run and stop after the class.
 */
final class MailedApi implements BeforeAllCallback, AfterAllCallback {

  private final LocalTable table;
  private final Map<String, Object> extraProperties;
  private MailEmulator mail;
  private Api api;
  private Inbox inbox;

  MailedApi(LocalTable table) {
    this(table, Map.of());
  }

  /** With {@code extraProperties} on top of the table's and the mail server's. */
  MailedApi(LocalTable table, Map<String, Object> extraProperties) {
    this.table = table;
    this.extraProperties = extraProperties;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    mail = MailEmulator.start(0, 0, null);
    Map<String, Object> properties = new HashMap<>(extraProperties);
    properties.put("topgun.mail.smtp-host", mail.smtpHost());
    properties.put("topgun.mail.smtp-port", mail.smtpPort());
    api = new Api(table, properties);
    inbox = new Inbox(mail, api.context.getBean(JsonMapper.class));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (api != null) {
      api.close();
    }
    if (mail != null) {
      mail.close();
    }
  }

  Api api() {
    return api;
  }

  Inbox inbox() {
    return inbox;
  }

  /** The function's own mailer (to the same maildev), for an inbox's sentinel. */
  Mailer mailer() {
    return api.context.getBean(Mailer.class);
  }
}
