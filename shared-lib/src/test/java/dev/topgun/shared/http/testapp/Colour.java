package dev.topgun.shared.http.testapp;

public enum Colour {
  RED,
  GREEN,
  BLUE
}
