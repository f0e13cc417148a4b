package dev.topgun.shared.http.testapp;

import dev.topgun.shared.http.JsonRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

@JsonRequest
public record Dimensions(@NotNull @Positive Integer width, @NotNull @Positive Integer height) {}
