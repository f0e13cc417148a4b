package dev.topgun.shared.aws;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser upload form for S3's POST Object: send {@link #fields()} in order, then the file as the
 * last field, named {@code file}, as {@code multipart/form-data} to {@link #url()}.
 *
 * @param url where the form is posted: the bucket's URL
 * @param fields the form fields, the policy and its signature among them, in the order to send them
 */
public record PresignedPost(URI url, Map<String, String> fields) {

  public PresignedPost {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  @Override
  public String toString() {
    // The signature grants an upload until the policy expires: not for logs.
    return "PresignedPost[url=" + url + ", key=" + fields.get("key") + "]";
  }
}
