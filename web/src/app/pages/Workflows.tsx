import { useState } from 'react';
import { gql } from '../api';
import type { Session } from '../auth';
import { displayName, useLang, useT, type TextKey } from '../i18n';
import { CHALLENGE_LIFECYCLE, CHALLENGES, FILING_CHECK, type FilingItem, type Lifecycle, type NodeRef } from '../operations';
import { ErrorBox, Loading, NodeLink, OrganisationPicker, RoleRequired, useLoad } from './common';

// The platform's staff: the filing check (六有, item by item, with what is missing) and a challenge's lifecycle with
// its next allowed steps. Both are read-only questions; the writes that follow them are GraphQL mutations (GraphiQL).
export function Workflows({ session }: { session: Session | null }) {
  const t = useT();
  if (!session?.roles.includes('editor')) return <RoleRequired title="navWorkflows" message="workflowsNeedEditor" testId="workflows-need-editor" />;
  return (
    <section>
      <h1>{t('navWorkflows')}</h1>
      <FilingCheck />
      <ChallengeLifecyclePanel />
    </section>
  );
}

const modes = ['SINGLE', 'MULTI_ENTERPRISE', 'INDUSTRY_CO_BUILDING'] as const;
const amounts = ['staff', 'siteArea', 'equipmentValue', 'annualRdFunding', 'projects'] as const;

function FilingCheck() {
  const t = useT();
  const lang = useLang();
  const [enterprise, setEnterprise] = useState('');
  const [mode, setMode] = useState<(typeof modes)[number]>('SINGLE');
  const [facts, setFacts] = useState<Record<(typeof amounts)[number], string>>({ staff: '', siteArea: '', equipmentValue: '', annualRdFunding: '', projects: '' });
  const [hasRules, setHasRules] = useState(true);
  const [result, setResult] = useState<{ passed: boolean; standardSize: string; notes: string[]; items: FilingItem[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const check = async () => {
    try {
      setError(null);
      const input = {
        enterpriseIds: [enterprise],
        mode,
        hasRules,
        staff: Math.round(Number(facts.staff)),
        projects: Math.round(Number(facts.projects)),
        siteArea: Number(facts.siteArea),
        equipmentValue: Number(facts.equipmentValue),
        annualRdFunding: Number(facts.annualRdFunding),
      };
      setResult((await gql<{ filingCheck: NonNullable<typeof result> }>(FILING_CHECK, { input })).filingCheck);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form
      className="workflow"
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
    >
      <h2>{t('filingTitle')}</h2>
      <div className="filters">
        <OrganisationPicker label={t('enterprise')} value={enterprise} onChange={setEnterprise} testId="filing-enterprise" kinds={['ENTERPRISE']} />
        <label>
          {t('mode')}{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as (typeof modes)[number])}>
            {modes.map((m) => (
              <option key={m} value={m}>
                {t(`mode${m}` as TextKey)}
              </option>
            ))}
          </select>
        </label>
        {amounts.map((key) => (
          <label key={key}>
            {t(key)}{' '}
            <input type="number" min={0} step="any" required value={facts[key]} data-testid={`filing-${key}`} onChange={(e) => setFacts({ ...facts, [key]: e.target.value })} style={{ width: '7em' }} />
          </label>
        ))}
        <label>
          <input type="checkbox" checked={hasRules} onChange={(e) => setHasRules(e.target.checked)} /> {t('hasRules')}
        </label>
        <button type="submit" disabled={!enterprise} data-testid="filing-check">
          {t('check')}
        </button>
      </div>
      <ErrorBox error={error} />
      {result && (
        <div data-testid="filing-result">
          <p>
            <strong className={result.passed ? 'ok' : 'bad'}>{result.passed ? t('passed') : t('notPassed')}</strong> · {t('sizeClass')}: {result.standardSize}
          </p>
          <table>
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('required')}</th>
                <th>{t('actual')}</th>
                <th>{t('passed')}</th>
                <th>{t('shortfall')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => (
                <tr key={item.key} data-item={item.key} data-passed={item.passed}>
                  <td>{lang === 'zh' ? item.name : item.nameEn}</td>
                  <td>{item.required}</td>
                  <td>{item.actual}</td>
                  <td>{item.passed ? '✓' : '✗'}</td>
                  <td>{item.shortfall ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.notes.length > 0 && (
            <ul>
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

function ChallengeLifecyclePanel() {
  const t = useT();
  const lang = useLang();
  const challenges = useLoad(() => gql<{ challenges: { nodes: (NodeRef & { status: string | null })[] } }>(CHALLENGES), []);
  const [id, setId] = useState('');
  const lifecycle = useLoad(
    () => (id ? gql<{ challengeLifecycle: Lifecycle | null }>(CHALLENGE_LIFECYCLE, { id }) : Promise.resolve({ challengeLifecycle: null })),
    [id],
  );
  const life = lifecycle.data?.challengeLifecycle;
  return (
    <section className="workflow">
      <h2>{t('lifecycleTitle')}</h2>
      <select value={id} onChange={(e) => setId(e.target.value)} data-testid="lifecycle-challenge">
        <option value="">—</option>
        {(challenges.data?.challenges.nodes ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {displayName(lang, c)}
          </option>
        ))}
      </select>
      <Loading when={!!id && lifecycle.loading} />
      <ErrorBox error={challenges.error ?? lifecycle.error} />
      {life && (
        <dl className="facts" data-testid="lifecycle">
          <div className="fact">
            <dt>{t('status')}</dt>
            <dd data-testid="lifecycle-status" data-status={life.status}>
              {t(`status_${life.status}` as TextKey)}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('nextStates')}</dt>
            <dd data-testid="lifecycle-next" data-states={life.nextStates.join(',')}>
              {life.nextStates.map((state) => t(`status_${state}` as TextKey)).join('、') || '—'}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('poster')}</dt>
            <dd>{life.poster ? <NodeLink node={life.poster} /> : '—'}</dd>
          </div>
          <div className="fact">
            <dt>{t('budget')}</dt>
            <dd>{life.budget ?? '—'}</dd>
          </div>
          <div className="fact">
            <dt>{t('history')}</dt>
            <dd>
              {life.history.map((step) => (
                <div key={step.status + step.on}>
                  {step.on} {step.label}
                </div>
              ))}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('applicants')}</dt>
            <dd>
              {life.applicants.map((a, i) => (
                <span key={a.id}>
                  {i > 0 && '、'}
                  <NodeLink node={a} />
                </span>
              ))}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('winner')}</dt>
            <dd>{life.winner ? <NodeLink node={life.winner} /> : '—'}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
