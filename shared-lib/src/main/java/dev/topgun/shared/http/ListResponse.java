package dev.topgun.shared.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Every list: one page of items and the cursor of the next ({@code null} on the last). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ListResponse<T>(List<T> items, @Nullable String nextCursor) {}
