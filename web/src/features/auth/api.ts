import type { Http } from '../../shared/http';

/** `GET /v1/auth/config`: where the user pool is. `endpoint` is set only off AWS (local runtime). */
export interface AuthConfig {
  readonly region: string;
  readonly userPoolId: string | null;
  readonly clientId: string | null;
  readonly endpoint: string | null;
  /** The real-time channel's own `wss://` URL (AWS); null or absent: this origin's `/v1/realtime`. */
  readonly realtimeUrl?: string | null;
}

export function getAuthConfig(http: Http): Promise<AuthConfig> {
  return http.get<AuthConfig>('/v1/auth/config');
}
