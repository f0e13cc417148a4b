package dev.topgun.shared.http.testapp;

import dev.topgun.shared.http.JsonRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** A request body shaped like the functions' commands: a validated record, strict about names. */
@JsonRequest
public record CreateWidget(
    @NotBlank @Size(max = 20) String name,
    @NotNull @Min(1) Integer quantity,
    @Nullable Colour colour,
    @Nullable List<@NotBlank String> tags,
    @Nullable @Valid Dimensions dimensions,
    @Nullable
        Map<@Pattern(regexp = "[a-z]+", message = "is not a colour name") String, @Min(0) Integer>
            stock) {}
