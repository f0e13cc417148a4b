package dev.topgun.branding.assets;

import dev.topgun.branding.domain.AssetStore;
import dev.topgun.branding.domain.StoredAsset;
import dev.topgun.shared.aws.S3Buckets;
import io.micronaut.context.BeanProvider;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Brands' files in the assets bucket under {@value #PREFIX}{@code <owner>/<file>} (the owner is the
 * organization, so each tenant's files share a prefix). Written once: names are content-addressed
 * and objects are never overwritten with other bytes.
 */
@Singleton
public class S3AssetStore implements AssetStore {

  static final String PREFIX = "branding/";
  private static final Logger LOG = LoggerFactory.getLogger(S3AssetStore.class);
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final BeanProvider<S3Client> clients;
  private final String bucket;
  private volatile S3Client client;

  /**
   * @param clients the S3 client, taken at the first file read or written: resolving a brand needs
   *     none, so a cold start that only resolves does not build it (shared-lib's warm-up builds it
   *     in the background)
   */
  public S3AssetStore(BeanProvider<S3Client> clients, S3Buckets buckets) {
    this.clients = clients;
    this.bucket = buckets.assets();
  }

  /** The client, built at the first use and kept for the JVM's life. */
  private S3Client s3() {
    S3Client built = client;
    if (built == null) {
      synchronized (this) {
        built = client;
        if (built == null) {
          built = clients.get();
          client = built;
        }
      }
    }
    return built;
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  public void put(String owner, String file, byte[] bytes, String mediaType) {
    clients
        .get()
        .putObject(
            r ->
                r.bucket(bucket)
                    .key(PREFIX + owner + "/" + file)
                    .contentType(mediaType)
                    .cacheControl(IMMUTABLE),
            RequestBody.fromBytes(bytes));
  }

  @Override
  public Optional<StoredAsset> get(String owner, String file) {
    try {
      ResponseBytes<GetObjectResponse> object =
          s3().getObjectAsBytes(r -> r.bucket(bucket).key(PREFIX + owner + "/" + file));
      return Optional.of(new StoredAsset(object.asByteArray(), object.response().contentType()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      // Without s3:ListBucket (least privilege) S3 answers a missing key with 403.
      LOG.warn("Asset {}/{} cannot be read: {}", owner, file, e.awsErrorDetails().errorCode());
      return Optional.empty();
    }
  }

  @Override
  public boolean exists(String owner, String file) {
    try {
      s3().headObject(r -> r.bucket(bucket).key(PREFIX + owner + "/" + file));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      // Without s3:ListBucket (least privilege) S3 answers a missing key with 403, not 404.
      if (e.statusCode() == 404 || e.statusCode() == 403) {
        return false;
      }
      throw e;
    }
  }
}
