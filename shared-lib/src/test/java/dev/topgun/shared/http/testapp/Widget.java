package dev.topgun.shared.http.testapp;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record Widget(String id, String name, int quantity, long execution) {}
