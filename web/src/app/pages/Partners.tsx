import { useState } from 'react';
import { gql } from '../api';
import { displayName, kindText, useLang, useT, type TextKey } from '../i18n';
import { NODE_NAME, RECOMMEND, type NodeKind } from '../operations';
import { shortlist, useShortlist } from '../shortlist';
import { ErrorBox, KindBadge, Loading, NodeLink, useLoad } from './common';

const partKeys = ['fieldFit', 'capability', 'trackRecord', 'proximity', 'practical'] as const;
const partColours: Record<(typeof partKeys)[number], string> = {
  fieldFit: '#3b6fd8',
  capability: '#2f9e73',
  trackRecord: '#d9822b',
  proximity: '#9b59b6',
  practical: '#7f8c8d',
};
const weightKeys = ['field', 'capability', 'trackRecord', 'proximity', 'region', 'load'] as const;
const defaultWeights: Record<(typeof weightKeys)[number], number> = { field: 2, capability: 0.8, trackRecord: 0.6, proximity: 1.5, region: 0.8, load: 0.1 };
const partnerKinds: NodeKind[] = ['UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE'];
const scopes = ['ANY', 'IN_REGION', 'OUT_OF_REGION', 'ABROAD'] as const;

export function Partners({ id }: { id: string }) {
  const t = useT();
  const lang = useLang();
  const [kinds, setKinds] = useState<NodeKind[]>([]);
  const [scope, setScope] = useState<(typeof scopes)[number]>('ANY');
  const [excludeExisting, setExcludeExisting] = useState(true);
  const [weights, setWeights] = useState(defaultWeights);
  const listed = useShortlist();
  const subject = useLoad(() => gql(NODE_NAME, { id }), [id]);
  const { data, error, loading } = useLoad(
    () =>
      gql(RECOMMEND, {
        for: id,
        kinds: kinds.length ? kinds : null,
        scope,
        excludeExisting,
        weights,
      }),
    [id, kinds.join(), scope, excludeExisting, JSON.stringify(weights)],
  );
  const recommendations = data?.recommendPartners ?? [];
  const top = Math.max(1e-9, ...recommendations.map((r) => r.score));
  const subjectName = subject.data?.node ? displayName(lang, subject.data.node) : id;

  return (
    <section className="partners">
      <h1>
        {t('partnersFor')}
        {subject.data?.node ? <NodeLink node={subject.data.node} /> : id}
      </h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('kindsFilter')}</legend>
          {partnerKinds.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={kinds.includes(k)}
                onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))}
              />
              {kindText(lang, k)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('scope')}</legend>
          {scopes.map((s) => (
            <label key={s}>
              <input type="radio" name="scope" checked={scope === s} onChange={() => setScope(s)} />
              {t(`scope${s}` as TextKey)}
            </label>
          ))}
          <label>
            <input type="checkbox" checked={excludeExisting} onChange={(e) => setExcludeExisting(e.target.checked)} />
            {t('excludeExisting')}
          </label>
        </fieldset>
        <fieldset className="weights">
          <legend>{t('weights')}</legend>
          {weightKeys.map((k) => (
            <label key={k}>
              {t(`w${k}` as TextKey)}
              <input
                type="range"
                min={0}
                max={3}
                step={0.1}
                value={weights[k]}
                onChange={(e) => setWeights({ ...weights, [k]: Number(e.target.value) })}
              />
              <output>{weights[k].toFixed(1)}</output>
            </label>
          ))}
        </fieldset>
      </form>
      <div className="legend">
        {partKeys.map((k) => (
          <span key={k}>
            <i style={{ background: partColours[k] }} /> {t(`part${k}` as TextKey)}
          </span>
        ))}
      </div>
      <Loading when={loading} />
      <ErrorBox error={error} />
      <ol className="recommendations" data-testid="recommendations">
        {recommendations.map((r) => {
          const onList = listed.some((e) => e.id === r.organization.id);
          return (
            <li key={r.organization.id} data-testid="recommendation" data-id={r.organization.id}>
              <div className="rec-head">
                <span className="rank">{r.rank}</span>
                <NodeLink node={r.organization} /> <KindBadge kind={r.organization.kind} />
                {r.weakEvidence && (
                  <span className="badge weak" data-testid="weak-evidence" title={t('weakEvidenceHint')}>
                    {t('weakEvidence')}
                  </span>
                )}
                {r.organization.region && <span className="muted"> · {r.organization.region.name}</span>}
                <span className="score" data-testid="score">
                  {r.score.toFixed(2)}
                </span>
                <button
                  type="button"
                  disabled={onList}
                  data-testid="add-to-shortlist"
                  onClick={() =>
                    shortlist.add({
                      id: r.organization.id,
                      name: r.organization.name,
                      kind: r.organization.kind,
                      region: r.organization.region?.name ?? null,
                      score: r.score,
                      explanation: r.explanation,
                      recommendedFor: subjectName,
                    })
                  }
                >
                  {onList ? t('inShortlist') : t('addToShortlist')}
                </button>
              </div>
              <div className="bar" title={t('scoreParts')} style={{ width: `${(100 * r.score) / top}%` }}>
                {partKeys.map((k) =>
                  r.parts[k] > 0 ? (
                    <span
                      key={k}
                      data-part={k}
                      style={{ flexGrow: r.parts[k], background: partColours[k] }}
                      title={`${t(`part${k}` as TextKey)} ${r.parts[k].toFixed(2)}`}
                    />
                  ) : null,
                )}
              </div>
              <p className="explanation">{lang === 'zh' ? r.explanation : r.explanationEn}</p>
              {r.introducers.length > 0 && (
                <p className="introducers">
                  {t('introducers')}:{' '}
                  {r.introducers.map((n, i) => (
                    <span key={n.id}>
                      {i > 0 && '、'}
                      <NodeLink node={n} />
                    </span>
                  ))}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <p>
        <a href="#/shortlist" data-testid="go-shortlist">
          {t('navShortlist')} ({listed.length})
        </a>
      </p>
    </section>
  );
}
