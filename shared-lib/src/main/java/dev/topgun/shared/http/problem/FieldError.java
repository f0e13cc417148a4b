package dev.topgun.shared.http.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One thing wrong with one part of a request.
 *
 * @param field where, as a JSON path into the body ({@code items[0].name}) or the name of a path,
 *     query or header parameter
 * @param message what is wrong, in words a client developer can act on
 */
@Serdeable
public record FieldError(String field, String message) {}
