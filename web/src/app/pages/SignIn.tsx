import { useState } from 'react';
import { gql } from '../api';
import { DATA_VERSION } from '../operations';
import { readToken, storeToken, type Session } from '../auth';
import { useT } from '../i18n';
import { ErrorBox } from './common';

export function SignIn({ session, onChange }: { session: Session | null; onChange: (session: Session | null) => void }) {
  const t = useT();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);

  // The service checks the token (signature, issuer, expiry) on a harmless query before the app keeps it.
  const signIn = async () => {
    const candidate = token.trim();
    const read = readToken(candidate);
    try {
      if (!read) throw new Error(t('invalidToken'));
      await gql(DATA_VERSION, undefined, candidate);
      storeToken(candidate);
      setToken('');
      setError(null);
      onChange(read);
    } catch (e) {
      setError(e instanceof Error ? new Error(`${t('invalidToken')}: ${e.message}`) : e);
    }
  };

  return (
    <section className="signin">
      <h1>{t('signInTitle')}</h1>
      {session && (
        <div data-testid="signed-in">
          <p>
            {t('signedInAs')}
            <strong>{session.subject}</strong> · {t('roles')}: {session.roles.join(', ') || '—'}
            {session.expires && (
              <>
                {' '}
                · {t('expires')} {session.expires.toLocaleString()}
              </>
            )}
          </p>
          <button
            type="button"
            data-testid="sign-out"
            onClick={() => {
              storeToken(null);
              onChange(null);
            }}
          >
            {t('navSignOut')}
          </button>
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void signIn();
        }}
      >
        <p className="hint">{t('signInHelp')}</p>
        <label>
          {t('token')}
          <textarea value={token} onChange={(e) => setToken(e.target.value)} rows={4} data-testid="token" spellCheck={false} />
        </label>
        <button type="submit" disabled={!token.trim()} data-testid="sign-in">
          {t('navSignIn')}
        </button>
      </form>
      <ErrorBox error={error} />
    </section>
  );
}
