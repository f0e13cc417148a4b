package dev.topgun.shared.aws;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The buckets the functions store objects in, by role; names come from configuration ({@code
 * topgun.s3.assets-bucket}, {@code topgun.s3.state-bucket}; in Lambda the environment variables
 * {@code TOPGUN_S3_ASSETS_BUCKET}, {@code TOPGUN_S3_STATE_BUCKET}).
 *
 * @param assets brand logos and favicons: private, read by browsers through CloudFront in AWS
 * @param state versioned: workflow state (Terraform state), every overwrite kept as a version
 */
@Singleton
@Requires(classes = S3Client.class)
public record S3Buckets(String assets, String state) {

  public static final String ASSETS_PROPERTY = "topgun.s3.assets-bucket";
  public static final String STATE_PROPERTY = "topgun.s3.state-bucket";
  public static final String DEFAULT_ASSETS = "topgun-assets";
  public static final String DEFAULT_STATE = "topgun-state";

  public S3Buckets {
    for (String name : new String[] {assets, state}) {
      // S3's rule for new buckets: 3-63 characters, lower case, digits, dots and hyphens.
      if (name == null || !name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException("not an S3 bucket name: " + name);
      }
    }
  }

  @Inject
  public S3Buckets(PropertyResolver properties) {
    this(
        properties.get(ASSETS_PROPERTY, String.class).orElse(DEFAULT_ASSETS),
        properties.get(STATE_PROPERTY, String.class).orElse(DEFAULT_STATE));
  }
}
