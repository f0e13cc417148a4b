package dev.topgun.agent.api;

/** What enrolment gave this server; the credential is never logged (see {@link #toString()}). */
public record Credentials(String serverId, String credential, int intervalSeconds) {

  public Credentials {
    if (serverId == null || serverId.isBlank() || credential == null || credential.isBlank()) {
      throw new IllegalArgumentException("serverId and credential are required");
    }
  }

  public Credentials withCredential(String newCredential) {
    return new Credentials(serverId, newCredential, intervalSeconds);
  }

  @Override
  public String toString() {
    return "Credentials[serverId=" + serverId + ", credential=***]";
  }
}
