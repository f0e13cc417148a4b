package dev.topgun.shared.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record a client sends as JSON (a request body, or a type nested in one): serialisable,
 * and strict, so that a property the record does not declare is refused with a 400 {@code
 * validation} problem naming it instead of being silently dropped. A misspelt optional field
 * ({@code "colour"} for {@code "color"}) then fails loudly rather than doing the wrong thing.
 *
 * <p>Strictness is per type, not global ({@code micronaut.serde.deserialization.ignore-unknown}),
 * because the same JSON mapper reads AWS events and vendor responses, which gain fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public @interface JsonRequest {}
