package dev.topgun.infra.web;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudfront.AddBehaviorOptions;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.RestApiOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The single-page web app: a private bucket read by CloudFront through Origin Access Control,
 * security headers on every response, and the SPA fallback (a CloudFront Function that serves
 * {@code /index.html} for app routes). The API is served from the same origin under {@code /v1/*},
 * uncached, so the browser needs no CORS and the app needs no API URL of its own; of it, only the
 * branding function's files ({@link #BRANDING_PATH_PATTERNS}) are cached at the edge.
 */
public final class WebApp extends Construct {

  /** The API's paths on the web app's own domain; the route table's paths all start with it. */
  public static final String API_PATH_PATTERN = "/v1/*";

  /**
   * The app's policy. It connects to its own origin (the API), to the user pool's Cognito endpoint
   * and to the real-time WebSocket API, both in the stack's region: a host source may carry a
   * wildcard only as its first label, so the region is written out ({@code Aws.REGION}).
   */
  static String contentSecurityPolicy() {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:;"
        + " font-src 'self'; connect-src 'self' https://cognito-idp."
        + Aws.REGION
        + ".amazonaws.com wss://*.execute-api."
        + Aws.REGION
        + ".amazonaws.com; object-src 'none'; base-uri 'self'; form-action 'self';"
        + " frame-ancestors 'none'";
  }

  /**
   * The branding function's public files, {@code GET /v1/branding/assets/{owner}/{file}} (logos,
   * favicons) and {@code GET /v1/branding/css/{file}} (theme stylesheets): named by their content,
   * so cached as long as the function says. Ahead of {@link #API_PATH_PATTERN}, as CloudFront takes
   * the first behaviour whose pattern matches.
   */
  public static final List<String> BRANDING_PATH_PATTERNS =
      List.of("/v1/branding/assets/*", "/v1/branding/css/*");

  /**
   * For the branding files: an SVG opened from the web app's own domain must run no script and load
   * nothing, whatever it contains; images may show themselves and inline styles apply.
   */
  static final String BRANDING_CONTENT_SECURITY_POLICY =
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

  /**
   * What CloudFront asks the API for branding's files, whatever the viewer asked: API Gateway
   * decodes a base64 answer to bytes only when the request's first {@code Accept} type is a binary
   * media type ({@code PublicApi.BINARY_MEDIA_TYPES}), and the viewer's own {@code Accept} never
   * reaches the origin here (it is not in the cache key), so one fixed value makes every cached
   * copy the same bytes. {@code *}{@code /*} after it lets the function's routes match.
   */
  static final String BRANDING_ACCEPT = "application/octet-stream, */*;q=0.1";

  private final Bucket bucket;
  private final Distribution distribution;

  /** What the built app's content-hashed files ({@code assets/*}) are served with. */
  public static final String ASSETS_CACHE_CONTROL = "public, max-age=31536000, immutable";

  /** What every other file of the app ({@code index.html} first) is served with. */
  public static final String SHELL_CACHE_CONTROL = "no-cache";

  /**
   * @param dist the built app ({@code web/dist}) to deploy to the bucket; empty to deploy none
   */
  public WebApp(
      Construct scope,
      String id,
      StageConfig stage,
      IBucket accessLogs,
      RestApi api,
      Optional<Path> dist) {
    super(scope, id);
    this.bucket =
        Bucket.Builder.create(this, "Bucket")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .encryption(BucketEncryption.S3_MANAGED)
            .versioned(true)
            .serverAccessLogsBucket(accessLogs)
            .serverAccessLogsPrefix("s3/web/")
            .removalPolicy(stage.removalPolicy())
            .build();
    ResponseHeadersPolicy headers =
        ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
            .responseHeadersPolicyName(stage.resourceName("security-headers"))
            .securityHeadersBehavior(
                ResponseSecurityHeadersBehavior.builder()
                    .contentSecurityPolicy(
                        ResponseHeadersContentSecurityPolicy.builder()
                            .contentSecurityPolicy(contentSecurityPolicy())
                            .override(true)
                            .build())
                    .strictTransportSecurity(
                        ResponseHeadersStrictTransportSecurity.builder()
                            .accessControlMaxAge(Duration.days(730))
                            .includeSubdomains(true)
                            .preload(true)
                            .override(true)
                            .build())
                    .contentTypeOptions(
                        ResponseHeadersContentTypeOptions.builder().override(true).build())
                    .frameOptions(
                        ResponseHeadersFrameOptions.builder()
                            .frameOption(HeadersFrameOption.DENY)
                            .override(true)
                            .build())
                    .referrerPolicy(
                        ResponseHeadersReferrerPolicy.builder()
                            .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)
                            .override(true)
                            .build())
                    .build())
            .build();
    Function spaFallback =
        Function.Builder.create(this, "SpaFallback")
            .functionName(stage.resourceName("spa-fallback"))
            .comment("Serves /index.html for the single-page app's routes")
            .runtime(FunctionRuntime.JS_2_0)
            .code(FunctionCode.fromInline(resource("web/spa-fallback.js")))
            .build();
    this.distribution =
        Distribution.Builder.create(this, "Distribution")
            .comment("Topgun web app (" + stage.name() + ")")
            .defaultRootObject("index.html")
            .httpVersion(HttpVersion.HTTP2_AND_3)
            .priceClass(
                stage.production() ? PriceClass.PRICE_CLASS_ALL : PriceClass.PRICE_CLASS_100)
            .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021)
            .enableLogging(true)
            .logBucket(accessLogs)
            .logFilePrefix("cloudfront/web/")
            .defaultBehavior(
                BehaviorOptions.builder()
                    .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                    .responseHeadersPolicy(headers)
                    .functionAssociations(
                        List.of(
                            FunctionAssociation.builder()
                                .eventType(FunctionEventType.VIEWER_REQUEST)
                                .function(spaFallback)
                                .build()))
                    .build())
            .build();
    addBrandingBehaviours(stage, api);
    distribution.addBehavior(
        API_PATH_PATTERN,
        new RestApiOrigin(api),
        AddBehaviorOptions.builder()
            .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
            .allowedMethods(AllowedMethods.ALLOW_ALL)
            .cachePolicy(CachePolicy.CACHING_DISABLED)
            .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
            .responseHeadersPolicy(headers)
            .build());
    dist.ifPresent(this::deploy);
    Suppress.on(
        distribution,
        "CFR1",
        "Resellers and their customers are worldwide; no country is excluded by design.");
    Suppress.on(
        distribution,
        "CFR2",
        "A CLOUDFRONT-scope web ACL must live in us-east-1 and this stack deploys to any region;"
            + " the API behind /v1/* has its own regional WAF web ACL.");
    Suppress.on(
        distribution,
        "CFR4",
        "No custom domain yet: the default *.cloudfront.net certificate cannot be limited to"
            + " TLS 1.2; TLS_V1_2_2021 is set and applies once a domain certificate is added.");
  }

  /**
   * Branding's files come from the API, that is from the branding function, not straight from the
   * assets bucket: the function answers for a file it cannot read with its ancestors' (or the
   * default brand's) for a minute instead of a year, and renders stylesheets it has not stored yet;
   * a bucket origin would turn both into cached errors, and would need a CloudFront Function to map
   * the API's paths onto the bucket's keys. The edge keeps what the function answers for as long as
   * its {@code Cache-Control} says (a year for content-named files, a minute for stand-ins), one
   * day when it says nothing; the key is the path alone (no cookies, no query strings, no headers
   * but the normalized {@code Accept-Encoding}), so the function sees one request per file and edge
   * location. Only GET and HEAD: nothing here is written through the edge.
   */
  private void addBrandingBehaviours(StageConfig stage, RestApi api) {
    CachePolicy cache =
        CachePolicy.Builder.create(this, "BrandingFilesCache")
            .cachePolicyName(stage.resourceName("branding-files"))
            .comment("Branding's content-named files: kept as long as the function's Cache-Control")
            .minTtl(Duration.seconds(0))
            .defaultTtl(Duration.days(1))
            .maxTtl(Duration.days(365))
            .cookieBehavior(CacheCookieBehavior.none())
            .headerBehavior(CacheHeaderBehavior.none())
            .queryStringBehavior(CacheQueryStringBehavior.none())
            .enableAcceptEncodingGzip(true)
            .enableAcceptEncodingBrotli(true)
            .build();
    ResponseHeadersPolicy headers =
        ResponseHeadersPolicy.Builder.create(this, "BrandingFilesHeaders")
            .responseHeadersPolicyName(stage.resourceName("branding-files-headers"))
            .comment("Branding's files: nothing in them runs, nothing sniffs their type")
            .securityHeadersBehavior(
                ResponseSecurityHeadersBehavior.builder()
                    .contentSecurityPolicy(
                        ResponseHeadersContentSecurityPolicy.builder()
                            .contentSecurityPolicy(BRANDING_CONTENT_SECURITY_POLICY)
                            .override(true)
                            .build())
                    .contentTypeOptions(
                        ResponseHeadersContentTypeOptions.builder().override(true).build())
                    .strictTransportSecurity(
                        ResponseHeadersStrictTransportSecurity.builder()
                            .accessControlMaxAge(Duration.days(730))
                            .includeSubdomains(true)
                            .preload(true)
                            .override(true)
                            .build())
                    .frameOptions(
                        ResponseHeadersFrameOptions.builder()
                            .frameOption(HeadersFrameOption.DENY)
                            .override(true)
                            .build())
                    .referrerPolicy(
                        ResponseHeadersReferrerPolicy.builder()
                            .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)
                            .override(true)
                            .build())
                    .build())
            .build();
    IOrigin origin =
        RestApiOrigin.Builder.create(api).customHeaders(Map.of("Accept", BRANDING_ACCEPT)).build();
    for (String pattern : BRANDING_PATH_PATTERNS) {
      distribution.addBehavior(
          pattern,
          origin,
          AddBehaviorOptions.builder()
              .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
              .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
              .cachedMethods(CachedMethods.CACHE_GET_HEAD)
              .compress(true)
              .cachePolicy(cache)
              .responseHeadersPolicy(headers)
              .build());
    }
  }

  /**
   * Copies the built app into the bucket: {@code assets/*} first, cacheable for a year (their names
   * change with their content) and never pruned, so a browser still holding the previous {@code
   * index.html} finds the files it names; then the other files, {@code index.html} among them,
   * revalidated on every request and pruned (except {@code assets/}), so a release shows at once.
   */
  private void deploy(Path dist) {
    Path assets = dist.resolve("assets");
    BucketDeployment assetsDeployment = null;
    if (Files.isDirectory(assets)) {
      assetsDeployment =
          BucketDeployment.Builder.create(this, "DeployAssets")
              .sources(List.of(Source.asset(assets.toString())))
              .destinationBucket(bucket)
              .destinationKeyPrefix("assets/")
              .cacheControl(List.of(CacheControl.fromString(ASSETS_CACHE_CONTROL)))
              .prune(false)
              .build();
    }
    BucketDeployment shell =
        BucketDeployment.Builder.create(this, "DeployShell")
            .sources(
                List.of(
                    Source.asset(
                        dist.toString(),
                        AssetOptions.builder().exclude(List.of("assets", "assets/**")).build())))
            .destinationBucket(bucket)
            .exclude(List.of("assets/*"))
            .cacheControl(List.of(CacheControl.noCache()))
            .prune(true)
            .build();
    if (assetsDeployment != null) {
      shell.getNode().addDependency(assetsDeployment);
    }
    suppressDeploymentHandlerFindings();
  }

  /**
   * The deployments share one handler, a Lambda the CDK owns (a singleton on the stack, its runtime
   * and role chosen by aws-cdk-lib); it runs only while CloudFormation deploys this stack.
   */
  private void suppressDeploymentHandlerFindings() {
    for (IConstruct child : Stack.of(this).getNode().getChildren()) {
      if (!child.getNode().getId().startsWith("Custom::CDKBucketDeployment")) {
        continue;
      }
      Suppress.on(
          child,
          "L1",
          "BucketDeployment's handler is aws-cdk-lib's own Lambda, whose Python runtime the CDK"
              + " release pins and moves forward; it runs only during deployments.");
      IConstruct role = child.getNode().findChild("ServiceRole");
      Suppress.on(
          role,
          "IAM4",
          "BucketDeployment's handler role is created by aws-cdk-lib with the AWS managed policy"
              + " AWSLambdaBasicExecutionRole (its own log group); it runs only during deployments.",
          "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
      Suppress.onMatching(
          role.getNode().findChild("DefaultPolicy"),
          "IAM5",
          "BucketDeployment's handler copies the CDK asset objects into the web bucket and prunes"
              + " stale files: object actions on the CDK asset bucket's keys and the web bucket's"
              + " keys only, as aws-cdk-lib grants them (s3:GetObject*, List*, GetBucket*,"
              + " DeleteObject*, Abort*).",
          "/^Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort)\\*$/",
          "/^Resource::<WebBucket[0-9A-F]+\\.Arn>\\/\\*$/",
          "/^Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-"
              + "<AWS::Region>\\/\\*$/");
    }
  }

  public IBucket bucket() {
    return bucket;
  }

  public Distribution distribution() {
    return distribution;
  }

  private static String resource(String name) {
    try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
