package dev.topgun.shared.mail;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.secrets.SecretsExtension;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail over SMTP ({@code topgun.mail.*}): maildev on this machine, SES's SMTP endpoint in AWS
 * (STARTTLS on 587 with SMTP credentials). Only functions that declare Angus SMTP have it.
 *
 * <p>Every message is a rendered, branded mail ({@link RenderedMail}, see {@link BrandedMail}):
 * multipart/alternative with the text first and the HTML second, from {@code "<brand's sender
 * name>" <topgun.mail.from-address>}, with a Message-ID on the sender address's domain and no
 * header that names the software that sent it, so that a brand hiding its origin shows none.
 *
 * <p>The recipient address is logged by nobody here; message bodies may carry single-use tokens and
 * must never be logged.
 */
@Singleton
@Requires(classes = Session.class)
public class Mailer {

  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A neutral sender: it names no product, for the brands that hide their origin. */
  public static final String DEFAULT_FROM_ADDRESS = "no-reply@mail.localhost";

  private final Session session;
  private final InternetAddress from;
  private final String messageIdDomain;
  private final @Nullable String username;
  private final @Nullable String password;
  private final @Nullable String credentialsSecretArn;
  private final BeanProvider<SecretsExtension> secrets;

  /**
   * @param fromAddress the sender address of every mail (the name is the brand's)
   * @param legacyFrom {@code topgun.mail.from}, the former {@code Name <address>} setting: its
   *     address is used when {@code fromAddress} is not set, its name never
   * @param credentialsSecretArn in AWS, the Secrets Manager secret holding {@code {"username",
   *     "password"}} (SES SMTP credentials), read through the secrets extension at the first send
   */
  public Mailer(
      @Value("${topgun.mail.smtp-host:localhost}") String host,
      @Value("${topgun.mail.smtp-port:1025}") int port,
      @Value("${topgun.mail.from-address:}") @Nullable String fromAddress,
      @Value("${topgun.mail.from:}") @Nullable String legacyFrom,
      @Value("${topgun.mail.starttls:false}") boolean startTls,
      @Value("${topgun.mail.username:}") @Nullable String username,
      @Value("${topgun.mail.password:}") @Nullable String password,
      @Value("${topgun.mail.credentials-secret-arn:}") @Nullable String credentialsSecretArn,
      BeanProvider<SecretsExtension> secrets) {
    this.from = senderAddress(fromAddress, legacyFrom);
    String address = from.getAddress();
    this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1);
    Properties properties = new Properties();
    properties.put("mail.smtp.host", host);
    properties.put("mail.smtp.port", String.valueOf(port));
    properties.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(TIMEOUT.toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT.toMillis()));
    properties.put("mail.smtp.starttls.enable", String.valueOf(startTls));
    properties.put("mail.smtp.starttls.required", String.valueOf(startTls));
    // The name this host greets the server with lands in the first Received header: the sender
    // address's domain, rather than whatever the machine is called.
    properties.put("mail.smtp.localhost", messageIdDomain);
    this.credentialsSecretArn =
        credentialsSecretArn == null || credentialsSecretArn.isBlank()
            ? null
            : credentialsSecretArn;
    this.secrets = secrets;
    boolean auth = (username != null && !username.isBlank()) || this.credentialsSecretArn != null;
    properties.put("mail.smtp.auth", String.valueOf(auth));
    this.session = Session.getInstance(properties);
    this.username = username != null && !username.isBlank() ? username : null;
    this.password = this.username != null ? password : null;
  }

  private static InternetAddress senderAddress(
      @Nullable String fromAddress, @Nullable String legacyFrom) {
    String configured;
    String property;
    if (fromAddress != null && !fromAddress.isBlank()) {
      configured = fromAddress.strip();
      property = "topgun.mail.from-address";
    } else if (legacyFrom != null && !legacyFrom.isBlank()) {
      configured = legacyFrom.strip();
      property = "topgun.mail.from";
    } else {
      configured = DEFAULT_FROM_ADDRESS;
      property = "the default sender";
    }
    try {
      InternetAddress parsed = new InternetAddress(configured, true);
      if (parsed.getAddress() == null || parsed.getAddress().indexOf('@') < 1) {
        throw new AddressException("no domain", configured);
      }
      return new InternetAddress(parsed.getAddress(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(property + " is not an address: " + configured, e);
    }
  }

  /** The address every mail is sent from. */
  public String fromAddress() {
    return from.getAddress();
  }

  /**
   * Sends one rendered mail to {@code to}.
   *
   * @throws MailException when the address is unusable or the server does not take the message
   */
  public void send(String to, RenderedMail mail) {
    try {
      MimeMessage message = new BrandedMessage(session, messageIdDomain);
      message.setFrom(
          new InternetAddress(from.getAddress(), mail.fromName(), StandardCharsets.UTF_8.name()));
      if (mail.replyTo() != null) {
        replyTo(mail.replyTo(), message);
      }
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      message.setContent(alternative);
      message.setSentDate(new Date());
      if (credentialsSecretArn != null) {
        String credentials = secrets.get().secretString(credentialsSecretArn);
        Transport.send(
            message,
            SecretsExtension.member(credentials, "username"),
            SecretsExtension.member(credentials, "password"));
      } else if (username == null) {
        Transport.send(message);
      } else {
        Transport.send(message, username, password);
      }
    } catch (SecretsExtension.SecretUnavailableException e) {
      throw new MailException("The mail credentials are not available: " + e.getMessage(), e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailException("The mail server did not take the message: " + e.getMessage(), e);
    }
  }

  /** A brand's reply-to address that is not one is left out: the mail still goes. */
  private static void replyTo(String address, MimeMessage message) throws MessagingException {
    try {
      message.setReplyTo(new InternetAddress[] {new InternetAddress(address, true)});
    } catch (AddressException e) {
      LOG.warn("A brand's reply-to address is not an address; the mail is sent without one");
    }
  }

  /**
   * A message whose Message-ID is {@code <ulid@domain of the sender>}: JavaMail's own names
   * JavaMail.
   */
  private static final class BrandedMessage extends MimeMessage {

    private final String domain;

    BrandedMessage(Session session, String domain) {
      super(session);
      this.domain = domain;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + Ids.newId() + "@" + domain + ">");
    }

    @Override
    protected void updateHeaders() throws MessagingException {
      super.updateHeaders();
      removeHeader("X-Mailer");
    }
  }

  /** Mail could not be sent. */
  public static final class MailException extends RuntimeException {
    public MailException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
