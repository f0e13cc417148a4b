package dev.topgun.shared.mail;

import com.samskivert.mustache.Mustache;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The renderer as a bean, in the functions that carry JMustache (it compiles its defaults once).
 */
@Factory
class MailBeans {

  @Singleton
  @Requires(classes = Mustache.class)
  MailRenderer mailRenderer() {
    return new MailRenderer();
  }
}
