package dev.topgun.shared.mail;

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
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Sends mail over SMTP ({@code topgun.mail.*}): maildev on this machine, SES's SMTP endpoint in AWS
 * (STARTTLS on 587 with SMTP credentials). Only functions that declare Angus SMTP have it.
 *
 * <p>The recipient address is logged by nobody here; message bodies may carry single-use tokens and
 * must never be logged.
 */
@Singleton
@Requires(classes = Session.class)
public class Mailer {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Session session;
  private final InternetAddress from;
  private final @Nullable String username;
  private final @Nullable String password;
  private final @Nullable String credentialsSecretArn;
  private final BeanProvider<SecretsExtension> secrets;

  /**
   * @param credentialsSecretArn in AWS, the Secrets Manager secret holding {@code {"username",
   *     "password"}} (SES SMTP credentials), read through the secrets extension at the first send
   */
  public Mailer(
      @Value("${topgun.mail.smtp-host:localhost}") String host,
      @Value("${topgun.mail.smtp-port:1025}") int port,
      @Value("${topgun.mail.from:Topgun <no-reply@topgun.localhost>}") String from,
      @Value("${topgun.mail.starttls:false}") boolean startTls,
      @Value("${topgun.mail.username:}") @Nullable String username,
      @Value("${topgun.mail.password:}") @Nullable String password,
      @Value("${topgun.mail.credentials-secret-arn:}") @Nullable String credentialsSecretArn,
      BeanProvider<SecretsExtension> secrets) {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", host);
    properties.put("mail.smtp.port", String.valueOf(port));
    properties.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(TIMEOUT.toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT.toMillis()));
    properties.put("mail.smtp.starttls.enable", String.valueOf(startTls));
    properties.put("mail.smtp.starttls.required", String.valueOf(startTls));
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
    try {
      this.from = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("topgun.mail.from is not an address: " + from, e);
    }
  }

  /**
   * Sends one plain-text message.
   *
   * @throws MailException when the address is unusable or the server does not take the message
   */
  public void send(String to, String subject, String text) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setText(text, StandardCharsets.UTF_8.name());
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
    } catch (MessagingException e) {
      throw new MailException("The mail server did not take the message: " + e.getMessage(), e);
    }
  }

  /** Mail could not be sent. */
  public static final class MailException extends RuntimeException {
    public MailException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
