package dev.topgun.licensing.domain;

/** Writes a document's payload, the bytes that are signed (UTF-8 JSON; an adapter's business). */
public interface LicenseDocuments {

  byte[] payload(LicenseDocument document);
}
