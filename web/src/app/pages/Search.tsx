import { useEffect, useState } from 'react';
import { gql } from '../api';
import { displayName, kindText, useLang, useT } from '../i18n';
import { SEARCH, type NodeKind, type SearchHit } from '../operations';
import { ErrorBox, KindBadge } from './common';

const kinds: NodeKind[] = ['ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'GOVERNMENT_BODY', 'PLATFORM', 'CONSORTIUM', 'CHALLENGE', 'PROJECT'];
const organisationKinds = new Set(kinds.slice(0, 4));

export function Search() {
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState(() => sessionStorage.getItem('knowledge-graph.search') ?? '');
  const [kind, setKind] = useState<NodeKind | ''>('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  // As the user types: each keystroke after a short pause, and only the latest answer is shown.
  useEffect(() => {
    sessionStorage.setItem('knowledge-graph.search', text);
    const query = text.trim();
    if (!query) {
      setHits(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      gql(SEARCH, { text: query, kinds: kind ? [kind] : null }).then(
        (data) => current && (setHits(data.search), setError(null)),
        (e) => current && setError(e),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, kind]);

  return (
    <section className="search">
      <div className="search-bar">
        <input
          type="search"
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('searchPlaceholder')}
          aria-label={t('navSearch')}
          data-testid="search-input"
        />
        <select value={kind} onChange={(e) => setKind(e.target.value as NodeKind | '')} aria-label={t('allKinds')}>
          <option value="">{t('allKinds')}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindText(lang, k)}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">{t('searchHint')}</p>
      <ErrorBox error={error} />
      {hits && hits.length === 0 && <p>{t('noResults')}</p>}
      {hits && hits.length > 0 && (
        <ul className="hits" data-testid="search-results">
          {hits.map((hit) => (
            <li key={hit.id}>
              <KindBadge kind={hit.kind} />{' '}
              {organisationKinds.has(hit.kind) ? (
                <a href={'#/org/' + encodeURIComponent(hit.id)}>{displayName(lang, hit)}</a>
              ) : hit.kind === 'CHALLENGE' ? (
                <a href={'#/partners/' + encodeURIComponent(hit.id)}>{displayName(lang, hit)}</a>
              ) : (
                <span>{displayName(lang, hit)}</span>
              )}
              {hit.aliases.length > 0 && <span className="muted"> （{hit.aliases.join('、')}）</span>}
              {'region' in hit && hit.region && <span className="muted"> · {hit.region.name}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
