import { useEffect, useState } from 'react';
import { gql, GraphQLRequestError } from '../api';
import { displayName, kindText, tieText, useLang, useT, type TextKey } from '../i18n';
import { REGIONS, SEARCH, type Evidence, type NodeKind, type NodeRef, type SearchHit } from '../operations';

/** The state of one asynchronous load: its data, its error, and whether it is running. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; loading: boolean } {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error) => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return state;
}

export function ErrorBox({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const codes = error instanceof GraphQLRequestError ? ` (${error.codes.join(', ')})` : '';
  return (
    <div className="error" role="alert">
      {t('error')}
      {codes}: {error instanceof Error ? error.message : String(error)}
    </div>
  );
}

/** What a page says instead of its content when the signed-in token lacks the role it needs. */
export function RoleRequired({ title, message, testId }: { title: TextKey; message: TextKey; testId: string }) {
  const t = useT();
  return (
    <section>
      <h1>{t(title)}</h1>
      <p className="notice" data-testid={testId}>
        {t(message)} <a href="#/signin">{t('navSignIn')}</a>
      </p>
    </section>
  );
}

export function Loading({ when }: { when: boolean }) {
  const t = useT();
  return when ? <div className="loading">{t('loading')}</div> : null;
}

const pageKinds = new Set(['ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'GOVERNMENT_BODY']);

/** A node's name, linked to its organisation page, or a challenge's to its recommended partners. */
export function NodeLink({ node }: { node: NodeRef }) {
  const lang = useLang();
  const name = displayName(lang, node);
  if (node.kind === 'CHALLENGE')
    return (
      <a href={'#/partners/' + encodeURIComponent(node.id)} title={kindText(lang, node.kind)}>
        {name}
      </a>
    );
  return pageKinds.has(node.kind) ? (
    <a href={'#/org/' + encodeURIComponent(node.id)}>{name}</a>
  ) : (
    <span title={kindText(lang, node.kind)}>{name}</span>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  const lang = useLang();
  return <span className={`badge kind-${kind}`}>{kindText(lang, kind)}</span>;
}

export function dateRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '';
  return `${from ?? '…'} – ${to ?? ''}`;
}

/** The evidence of one tie: each kind of link behind it, the node both are linked through, and its dates. */
export function EvidenceList({ evidence, testId }: { evidence: Evidence[]; testId?: string }) {
  const lang = useLang();
  return (
    <ul className="evidence" data-testid={testId}>
      {evidence.map((e, i) => (
        <li key={i} data-kind={e.kind} data-through={e.through?.id ?? ''}>
          {tieText(lang, e.kind)}
          {e.through && (
            <>
              {' · '}
              <NodeLink node={e.through} />
            </>
          )}{' '}
          <span className="muted">{dateRange(e.from, e.to)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A province or city of the data, chosen from a list. */
export function RegionSelect({ value, onChange, testId }: { value: string; onChange: (code: string) => void; testId: string }) {
  const t = useT();
  const lang = useLang();
  const regions = useLoad(() => gql(REGIONS), []);
  return (
    <label>
      {t('region')}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {(regions.data?.regions.nodes ?? [{ code: '450000', name: '广西壮族自治区', nameEn: null }]).map((r) => (
          <option key={r.code} value={r.code}>
            {displayName(lang, r)}
          </option>
        ))}
      </select>
    </label>
  );
}

// An organisation chosen by typing part of its name; the suggestions are the search's answer.
export function OrganisationPicker({
  label,
  value,
  onChange,
  testId,
  kinds = ['ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'GOVERNMENT_BODY'],
}: {
  label: string;
  value: string;
  onChange: (id: string) => void;
  testId: string;
  kinds?: NodeKind[];
}) {
  const lang = useLang();
  const [text, setText] = useState(value);
  const [hits, setHits] = useState<SearchHit[]>([]);
  useEffect(() => {
    const query = text.trim();
    if (!query || query.includes(':')) return;
    let current = true;
    const timer = setTimeout(() => {
      gql(SEARCH, { text: query, kinds }).then(
        (d) => current && setHits(d.search),
        () => current && setHits([]),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  const listId = `${testId}-list`;
  return (
    <label>
      {label}{' '}
      <input
        list={listId}
        value={text}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const hit = hits.find((h) => h.id === e.target.value || h.name === e.target.value);
          onChange(hit ? hit.id : e.target.value.includes(':') ? e.target.value : '');
        }}
      />
      <datalist id={listId}>
        {hits.map((h) => (
          <option key={h.id} value={h.id}>
            {displayName(lang, h)}
          </option>
        ))}
      </datalist>
    </label>
  );
}
