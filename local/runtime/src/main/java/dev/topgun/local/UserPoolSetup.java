package dev.topgun.local;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * The user pool, app client and operator user of the local platform, created in the Cognito
 * emulator on first start and found again on the next.
 */
final class UserPoolSetup {

  private static final Logger LOG = LoggerFactory.getLogger(UserPoolSetup.class);
  static final String POOL_NAME = "topgun";
  static final String CLIENT_NAME = "topgun-web";

  private final CognitoIdentityProviderClient cognito;

  UserPoolSetup(CognitoIdentityProviderClient cognito) {
    this.cognito = cognito;
  }

  /**
   * The saved pool and client when they still exist, else new ones; either way with TOTP MFA
   * optional, the nearest cognito-local comes to the pools in AWS (MFA required, TOTP only):
   * cognito-local cannot set MFA up within a sign-in (MFA_SETUP), so requiring it would lock
   * everyone out, but a user who added an authenticator app is asked for its code, as in AWS.
   */
  DataDir.Ids ensurePool(Optional<DataDir.Ids> saved) {
    DataDir.Ids ids = poolAndClient(saved);
    cognito.setUserPoolMfaConfig(
        mfa ->
            mfa.userPoolId(ids.userPoolId())
                .mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .softwareTokenMfaConfiguration(totp -> totp.enabled(true)));
    return ids;
  }

  private DataDir.Ids poolAndClient(Optional<DataDir.Ids> saved) {
    if (saved.isPresent()) {
      DataDir.Ids ids = saved.get();
      if (poolExists(ids.userPoolId())) {
        if (clientExists(ids)) {
          return ids;
        }
        return new DataDir.Ids(ids.userPoolId(), createClient(ids.userPoolId()));
      }
      LOG.warn("user pool {} is gone from the Cognito data; creating a new one", ids.userPoolId());
    }
    String poolId =
        cognito
            .createUserPool(
                pool ->
                    pool.poolName(POOL_NAME)
                        .usernameAttributes(UsernameAttributeType.EMAIL)
                        .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                        .policies(
                            policies ->
                                policies.passwordPolicy(
                                    password ->
                                        password
                                            .minimumLength(OperatorPassword.MINIMUM_LENGTH)
                                            .requireUppercase(true)
                                            .requireLowercase(true)
                                            .requireNumbers(true)
                                            .requireSymbols(true)
                                            .temporaryPasswordValidityDays(7))))
            .userPool()
            .id();
    DataDir.Ids created = new DataDir.Ids(poolId, createClient(poolId));
    LOG.info("created user pool {} with app client {}", created.userPoolId(), created.clientId());
    return created;
  }

  private String createClient(String poolId) {
    return cognito
        .createUserPoolClient(
            client ->
                client
                    .userPoolId(poolId)
                    .clientName(CLIENT_NAME)
                    .generateSecret(false)
                    .explicitAuthFlows(
                        ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                    .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED))
        .userPoolClient()
        .clientId();
  }

  private boolean poolExists(String poolId) {
    try {
      cognito.describeUserPool(request -> request.userPoolId(poolId));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private boolean clientExists(DataDir.Ids ids) {
    try {
      cognito.describeUserPoolClient(
          request -> request.userPoolId(ids.userPoolId()).clientId(ids.clientId()));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  /**
   * A confirmed operator with a verified e-mail who signs in with this password: signed up when
   * missing, else given the password (it may come from {@code TOPGUN_OPERATOR_PASSWORD}).
   */
  /**
   * Creates or refreshes the operator's account.
   *
   * @return the operator's user id (the {@code sub} its tokens carry)
   */
  String ensureOperator(DataDir.Ids ids, DataDir.Operator operator) {
    String pool = ids.userPoolId();
    Optional<AdminGetUserResponse> existing = user(pool, operator.email());
    if (existing.isEmpty()) {
      cognito.signUp(
          request ->
              request
                  .clientId(ids.clientId())
                  .username(operator.email())
                  .password(operator.password())
                  .userAttributes(attribute("email", operator.email())));
      cognito.adminConfirmSignUp(request -> request.userPoolId(pool).username(operator.email()));
      LOG.info("created the operator {}", operator.email());
    } else {
      cognito.adminSetUserPassword(
          request ->
              request
                  .userPoolId(pool)
                  .username(operator.email())
                  .password(operator.password())
                  .permanent(true));
    }
    boolean verified =
        existing
            .map(
                user ->
                    user.userAttributes().stream()
                        .anyMatch(
                            a -> a.name().equals("email_verified") && a.value().equals("true")))
            .orElse(false);
    if (!verified) {
      // cognito-local drops email_verified unless email is set in the same call.
      cognito.adminUpdateUserAttributes(
          request ->
              request
                  .userPoolId(pool)
                  .username(operator.email())
                  .userAttributes(
                      attribute("email", operator.email()), attribute("email_verified", "true")));
    }
    return user(pool, operator.email())
        .flatMap(
            user ->
                user.userAttributes().stream()
                    .filter(a -> a.name().equals("sub"))
                    .map(AttributeType::value)
                    .findFirst())
        .orElseThrow(() -> new IllegalStateException("the operator has no sub attribute"));
  }

  private Optional<AdminGetUserResponse> user(String pool, String username) {
    try {
      return Optional.of(
          cognito.adminGetUser(request -> request.userPoolId(pool).username(username)));
    } catch (UserNotFoundException e) {
      return Optional.empty();
    }
  }

  private static AttributeType attribute(String name, String value) {
    return AttributeType.builder().name(name).value(value).build();
  }
}
