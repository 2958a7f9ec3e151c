import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './app.css';
import { currentSession, type Session } from './auth';
import { LangContext, text, type Lang } from './i18n';
import { Indicators } from './pages/Indicators';
import { Lists } from './pages/Lists';
import { Network } from './pages/Network';
import { OrganizationPage } from './pages/Organization';
import { Partners } from './pages/Partners';
import { Search } from './pages/Search';
import { Shortlist } from './pages/Shortlist';
import { SignIn } from './pages/SignIn';
import { Workflows } from './pages/Workflows';

// Pages are addressed by the URL's fragment (#/org/Enterprise:…), so the service serves one page for all of them.
function useRoute(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function href(...parts: string[]): string {
  return '#/' + parts.map(encodeURIComponent).join('/');
}

function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('knowledge-graph.lang') === 'en' ? 'en' : 'zh'));
  const [session, setSession] = useState<Session | null>(currentSession);
  const [page, ...args] = useRoute();
  const t = (key: Parameters<typeof text>[1]) => text(lang, key);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    localStorage.setItem('knowledge-graph.lang', lang);
  }, [lang]);

  const nav: [string, Parameters<typeof text>[1]][] = [
    ['', 'navSearch'],
    ['network', 'navNetwork'],
    ['indicators', 'navIndicators'],
    ['lists', 'navLists'],
    ['shortlist', 'navShortlist'],
    ['workflows', 'navWorkflows'],
  ];

  let content;
  switch (page) {
    case 'org':
      content = <OrganizationPage key={args[0]} id={args[0]} session={session} />;
      break;
    case 'partners':
      content = <Partners key={args[0]} id={args[0]} />;
      break;
    case 'network':
      content = <Network key={args[0] ?? ''} id={args[0]} />;
      break;
    case 'indicators':
      content = <Indicators />;
      break;
    case 'lists':
      content = <Lists session={session} />;
      break;
    case 'shortlist':
      content = <Shortlist />;
      break;
    case 'workflows':
      content = <Workflows session={session} />;
      break;
    case 'signin':
      content = <SignIn session={session} onChange={setSession} />;
      break;
    default:
      content = <Search />;
  }

  return (
    <LangContext.Provider value={lang}>
      <header className="top">
        <a className="brand" href="#/">
          {t('appName')}
        </a>
        <nav>
          {nav.map(([path, key]) => (
            <a key={path} href={`#/${path}`} className={(page ?? '') === path ? 'active' : ''} data-nav={path || 'search'}>
              {t(key)}
            </a>
          ))}
        </nav>
        <div className="session">
          <a href="#/signin" data-nav="signin">
            {session ? `${session.subject} (${session.roles.join(', ') || '—'})` : t('navSignIn')}
          </a>
          <button type="button" className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang">
            {lang === 'zh' ? 'English' : '中文'}
          </button>
          <a href="/graphiql" className="dev">
            GraphiQL
          </a>
        </div>
      </header>
      <main>{content}</main>
    </LangContext.Provider>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
