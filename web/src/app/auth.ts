// The signed-in token, kept in this browser only (localStorage), shared by the app and GraphiQL.
const key = 'knowledge-graph.token';

export interface Session {
  token: string;
  subject: string;
  roles: string[];
  expires: Date | null;
}

export function storedToken(): string | null {
  return localStorage.getItem(key);
}

export function storedAuthorization(): string | null {
  const token = storedToken();
  return token ? `Bearer ${token}` : null;
}

export function storeToken(token: string | null): void {
  if (token) localStorage.setItem(key, token);
  else localStorage.removeItem(key);
}

/** What a token says about its holder (read, not verified: the service verifies every request). */
export function readToken(token: string): Session | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    const roleClaim = claims.role ?? claims.roles ?? claims['http://schemas.microsoft.com/ws/2008/06/identity/claims/role'];
    const roles: string[] = Array.isArray(roleClaim) ? roleClaim : roleClaim ? [String(roleClaim)] : [];
    return {
      token,
      subject: String(claims.sub ?? claims.name ?? ''),
      roles,
      expires: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  const token = storedToken();
  const session = token ? readToken(token) : null;
  if (session?.expires && session.expires.getTime() < Date.now()) {
    storeToken(null);
    return null;
  }
  return session;
}
