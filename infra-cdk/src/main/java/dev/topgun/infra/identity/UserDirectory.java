package dev.topgun.infra.identity;

import dev.topgun.infra.config.StageConfig;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.IUserPoolClient;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

/**
 * The Cognito user pool people sign in to, and the app client of the web app.
 *
 * <p>TOTP MFA is required in every stage: a dev stage is reachable from the internet too, and
 * cdk-nag's COG2 is a finding this app fixes rather than suppresses. SMS is not offered (SIM swap,
 * and it would need an SNS role). Users are invited, not self-registered: organizations add people.
 */
public final class UserDirectory extends Construct {

  /** The same minimum the local runtime's operator password follows. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  private final UserPool pool;
  private final UserPoolClient webClient;

  public UserDirectory(Construct scope, String id, StageConfig stage) {
    super(scope, id);
    this.pool =
        UserPool.Builder.create(this, "Pool")
            .userPoolName(stage.resourceName("users"))
            .signInAliases(SignInAliases.builder().email(true).build())
            .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
            .selfSignUpEnabled(false)
            .passwordPolicy(
                PasswordPolicy.builder()
                    .minLength(MIN_PASSWORD_LENGTH)
                    .requireLowercase(true)
                    .requireUppercase(true)
                    .requireDigits(true)
                    .requireSymbols(true)
                    .tempPasswordValidity(Duration.days(3))
                    .build())
            .mfa(Mfa.REQUIRED)
            .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
            .featurePlan(FeaturePlan.PLUS)
            .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION)
            .accountRecovery(AccountRecovery.EMAIL_ONLY)
            .deletionProtection(stage.production())
            .removalPolicy(stage.removalPolicy())
            .build();
    this.webClient =
        pool.addClient(
            "WebClient",
            UserPoolClientOptions.builder()
                .userPoolClientName(stage.resourceName("web"))
                // A browser cannot keep a secret.
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(30))
                // Sign-in happens in the web app with SRP; no hosted UI, so no OAuth flows.
                .disableOAuth(true)
                .build());
  }

  public IUserPool pool() {
    return pool;
  }

  public IUserPoolClient webClient() {
    return webClient;
  }
}
