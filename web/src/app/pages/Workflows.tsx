import { useState } from 'react';
import { gql } from '../api';
import type { Session } from '../auth';
import { displayName, useLang, useT, type TextKey } from '../i18n';
import {
  AWARD_CHALLENGE,
  AWARD_CHALLENGE_RACE,
  CHALLENGE_LIFECYCLE,
  CHALLENGES,
  CREATE_PAIRING,
  END_PAIRING,
  ENTERPRISE_PAIRINGS,
  FILING_CHECK,
  TRANSITION_CHALLENGE,
  type ChallengeAwardInput,
  type ChallengeStatus,
  type FilingResult,
  type Lifecycle,
  type NodeRef,
} from '../operations';
import { dateRange, ErrorBox, Loading, NodeLink, OrganisationPicker, RoleRequired, useLoad } from './common';

// The platform's staff: the filing check (六有, item by item, with what is missing), a challenge's lifecycle with its
// next allowed steps (and the move to one of them), and an enterprise's pairings (record one, end one). The writes are
// the service's mutations; a refusal is shown as the service words it (code and message) and writes nothing.
export function Workflows({ session }: { session: Session | null }) {
  const t = useT();
  if (!session?.roles.includes('editor')) return <RoleRequired title="navWorkflows" message="workflowsNeedEditor" testId="workflows-need-editor" />;
  return (
    <section>
      <h1>{t('navWorkflows')}</h1>
      <p className="muted">{t('workflowsIntro')}</p>
      <FilingCheck />
      <ChallengeLifecyclePanel />
      <PairingsPanel />
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
  const [result, setResult] = useState<FilingResult | null>(null);
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
      setResult((await gql(FILING_CHECK, { input })).filingCheck ?? null);
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

const today = () => new Date().toISOString().slice(0, 10);

/** Runs a write; its refusal (a GraphQL error) is kept for the page to show, and `done` runs only when it succeeded. */
function useWrite(done: () => void): { run: (write: () => Promise<unknown>) => Promise<void>; error: unknown; busy: boolean } {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await write();
      done();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { run, error, busy };
}

function ChallengeLifecyclePanel() {
  const t = useT();
  const lang = useLang();
  const [id, setId] = useState('');
  // Bumped after a write: the challenges and the lifecycle are read again, as stored.
  const [version, setVersion] = useState(0);
  const challenges = useLoad(() => gql(CHALLENGES), [version]);
  const lifecycle = useLoad(() => (id ? gql(CHALLENGE_LIFECYCLE, { id }) : Promise.resolve({ challengeLifecycle: null })), [id, version]);
  const life = lifecycle.data?.challengeLifecycle;
  return (
    <section className="workflow">
      <h2>{t('lifecycleTitle')}</h2>
      <select value={id} onChange={(e) => setId(e.target.value)} data-testid="lifecycle-challenge">
        <option value="">—</option>
        {(challenges.data?.challenges?.nodes ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {displayName(lang, c)}
            {c.status ? ` · ${t(`status_${c.status}` as TextKey)}` : ''}
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
            <dd data-testid="lifecycle-history">
              {life.history.map((step) => (
                <div key={step.status + step.on} data-status={step.status} data-on={step.on}>
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
          <div className="fact">
            <dt>{t('racing')}</dt>
            <dd data-testid="lifecycle-racing" data-racing={String(life.racing)}>
              {t(life.racing ? 'yes' : 'no')}
            </dd>
          </div>
          {life.call && (
            <div className="fact">
              <dt>{t('challengeCall')}</dt>
              <dd data-testid="lifecycle-call" data-key={life.call.key}>
                {life.call.name} <span className="muted">{dateRange(life.call.opensOn, life.call.closesOn)}</span>
              </dd>
            </div>
          )}
        </dl>
      )}
      {life && <ApplicationsAndAwards life={life} />}
      {life && life.nextStates.length > 0 && (
        <AdvanceChallenge
          key={id + life.status}
          id={id}
          nextStates={life.nextStates}
          applicants={life.applicants}
          racing={life.racing}
          onAdvanced={() => setVersion((v) => v + 1)}
        />
      )}
    </section>
  );
}

/** A challenge's applications with price and review (best score first), and its awards with amount, share and reason. */
function ApplicationsAndAwards({ life }: { life: Lifecycle }) {
  const t = useT();
  return (
    <>
      {life.applications.length > 0 && (
        <>
          <h3>{t('applicationsTitle')}</h3>
          <table data-testid="lifecycle-applications">
            <thead>
              <tr>
                <th>{t('applicants')}</th>
                <th>{t('appliedOn')}</th>
                <th>{t('price')}</th>
                <th>{t('reviewScore')}</th>
                <th>{t('reviewReason')}</th>
                <th>{t('reviewedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {life.applications.map((a) => (
                <tr key={a.applicant.id} data-applicant={a.applicant.id} data-price={a.price ?? ''} data-score={a.reviewScore ?? ''}>
                  <td>
                    <NodeLink node={a.applicant} />
                  </td>
                  <td>{a.appliedOn ?? ''}</td>
                  <td>{a.price ?? ''}</td>
                  <td>{a.reviewScore ?? ''}</td>
                  <td>{a.reviewReason ?? ''}</td>
                  <td>{a.reviewedOn ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {life.awards.length > 0 && (
        <>
          <h3>{t('awardsTitle')}</h3>
          <table data-testid="lifecycle-awards">
            <thead>
              <tr>
                <th>{t('winner')}</th>
                <th>{t('onDate')}</th>
                <th>{t('amount')}</th>
                <th>{t('share')}</th>
                <th>{t('awardReason')}</th>
              </tr>
            </thead>
            <tbody>
              {life.awards.map((a) => (
                <tr key={a.awardee.id} data-awardee={a.awardee.id} data-amount={a.amount ?? ''} data-share={a.share ?? ''}>
                  <td>
                    <NodeLink node={a.awardee} />
                  </td>
                  <td>{a.on ?? ''}</td>
                  <td>{a.amount ?? ''}</td>
                  <td>{a.share ?? ''}</td>
                  <td>{a.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

type RacePick = { chosen: boolean; amount: string; share: string; reason: string };

const decimalOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

/**
 * Moves a challenge to one of its next allowed states on a date (transitionChallenge); to 立项 (awarded) with the
 * applicant chosen and the amount (awardChallenge), or under 赛马制 with several applicants, each with its amount,
 * share and reason (awardChallengeRace).
 */
function AdvanceChallenge({
  id,
  nextStates,
  applicants,
  racing,
  onAdvanced,
}: {
  id: string;
  nextStates: ChallengeStatus[];
  applicants: NodeRef[];
  racing: boolean;
  onAdvanced: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const [to, setTo] = useState<ChallengeStatus>(nextStates[0]);
  const [on, setOn] = useState(today);
  const [winner, setWinner] = useState(applicants[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [race, setRace] = useState<Record<string, RacePick>>({});
  const pick = (applicant: string) => race[applicant] ?? { chosen: false, amount: '', share: '', reason: '' };
  const setPick = (applicant: string, change: Partial<RacePick>) => setRace((r) => ({ ...r, [applicant]: { ...pick(applicant), ...change } }));
  const write = useWrite(onAdvanced);
  const awardees = (): ChallengeAwardInput[] =>
    applicants
      .filter((a) => pick(a.id).chosen)
      .map((a) => ({ applicantId: a.id, amount: decimalOrNull(pick(a.id).amount), share: decimalOrNull(pick(a.id).share), reason: pick(a.id).reason.trim() || null }));
  const advance = () =>
    to !== 'AWARDED'
      ? gql(TRANSITION_CHALLENGE, { id, to, on })
      : racing
        ? gql(AWARD_CHALLENGE_RACE, { challengeId: id, on, awardees: awardees() })
        : gql(AWARD_CHALLENGE, { challengeId: id, applicantId: winner, on, amount: decimalOrNull(amount) });
  return (
    <form
      className="filters"
      data-testid="advance"
      onSubmit={(e) => {
        e.preventDefault();
        void write.run(advance);
      }}
    >
      <label>
        {t('advanceTo')}{' '}
        <select value={to} onChange={(e) => setTo(e.target.value as ChallengeStatus)} data-testid="advance-to">
          {nextStates.map((state) => (
            <option key={state} value={state}>
              {t(`status_${state}` as TextKey)}
            </option>
          ))}
        </select>
      </label>
      {to === 'AWARDED' && racing && (
        <table className="race" data-testid="race">
          <caption>{t('awardRace')}</caption>
          <thead>
            <tr>
              <th>{t('chosen')}</th>
              <th>{t('applicants')}</th>
              <th>{t('amount')}</th>
              <th>{t('share')}</th>
              <th>{t('awardReason')}</th>
            </tr>
          </thead>
          <tbody>
            {applicants.map((a) => (
              <tr key={a.id} data-applicant={a.id}>
                <td>
                  <input type="checkbox" checked={pick(a.id).chosen} onChange={(e) => setPick(a.id, { chosen: e.target.checked })} data-testid="race-chosen" />
                </td>
                <td>{displayName(lang, a)}</td>
                <td>
                  <input type="number" min={0} step="any" value={pick(a.id).amount} onChange={(e) => setPick(a.id, { amount: e.target.value })} style={{ width: '7em' }} data-testid="race-amount" />
                </td>
                <td>
                  <input type="number" min={0} max={100} step="any" value={pick(a.id).share} onChange={(e) => setPick(a.id, { share: e.target.value })} style={{ width: '5em' }} data-testid="race-share" />
                </td>
                <td>
                  <input value={pick(a.id).reason} onChange={(e) => setPick(a.id, { reason: e.target.value })} data-testid="race-reason" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {to === 'AWARDED' && !racing && (
        <>
          <label>
            {t('winner')}{' '}
            <select value={winner} required onChange={(e) => setWinner(e.target.value)} data-testid="advance-winner">
              {applicants.map((a) => (
                <option key={a.id} value={a.id}>
                  {displayName(lang, a)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('amount')} <input type="number" min={0} step="any" value={amount} onChange={(e) => setAmount(e.target.value)} style={{ width: '7em' }} />
          </label>
        </>
      )}
      <label>
        {t('onDate')} <input type="date" required value={on} onChange={(e) => setOn(e.target.value)} data-testid="advance-on" />
      </label>
      <button type="submit" disabled={write.busy} data-testid="advance-submit">
        {t('advance')}
      </button>
      <ErrorBox error={write.error} />
    </form>
  );
}

/** An enterprise's pairings (结对子) with universities and institutes: each with its dates; record a new one, end one in force. */
function PairingsPanel() {
  const t = useT();
  const [enterprise, setEnterprise] = useState('');
  const [version, setVersion] = useState(0);
  const answer = useLoad(() => (enterprise ? gql(ENTERPRISE_PAIRINGS, { id: enterprise }) : Promise.resolve(null)), [enterprise, version]);
  const node = answer.data?.node;
  const pairings = node && 'pairings' in node ? node.pairings : null;
  const [partner, setPartner] = useState('');
  const [startOn, setStartOn] = useState(today);
  const [endOn, setEndOn] = useState(today);
  const write = useWrite(() => setVersion((v) => v + 1));
  return (
    <section className="workflow" data-testid="pairings">
      <h2>{t('pairingsTitle')}</h2>
      <div className="filters">
        <OrganisationPicker label={t('pairedEnterprise')} value={enterprise} onChange={setEnterprise} testId="pairing-enterprise" kinds={['ENTERPRISE']} />
      </div>
      <ErrorBox error={answer.error} />
      {pairings && (
        <>
          <form
            className="filters"
            onSubmit={(e) => {
              e.preventDefault();
              void write.run(() => gql(CREATE_PAIRING, { enterpriseId: enterprise, partnerId: partner, startOn }));
            }}
          >
            <OrganisationPicker label={t('partner')} value={partner} onChange={setPartner} testId="pairing-partner" kinds={['UNIVERSITY', 'RESEARCH_INSTITUTE']} />
            <label>
              {t('startOn')} <input type="date" required value={startOn} onChange={(e) => setStartOn(e.target.value)} data-testid="pairing-start" />
            </label>
            <button type="submit" disabled={!partner || write.busy} data-testid="pairing-create">
              {t('recordPairing')}
            </button>
            <label>
              {t('endOn')} <input type="date" required value={endOn} onChange={(e) => setEndOn(e.target.value)} data-testid="pairing-end-on" />
            </label>
          </form>
          <ErrorBox error={write.error} />
          {pairings.totalCount === 0 ? (
            <p className="muted">{t('noPairings')}</p>
          ) : (
            <table data-testid="pairing-table">
              <thead>
                <tr>
                  <th>{t('partner')}</th>
                  <th>{t('start')}</th>
                  <th>{t('end')}</th>
                  <th>{t('source')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {pairings.edges.map((edge) => (
                  <tr key={edge.node.id + edge.link.startDate} data-partner={edge.node.id} data-start={edge.link.startDate ?? ''} data-end={edge.link.endDate ?? ''}>
                    <td>
                      <NodeLink node={edge.node} />
                    </td>
                    <td>{edge.link.startDate ?? ''}</td>
                    <td>{edge.link.endDate ?? t('inForce')}</td>
                    <td className="source">{edge.link.source ?? ''}</td>
                    <td>
                      {!edge.link.endDate && (
                        <button
                          type="button"
                          disabled={write.busy}
                          data-testid="pairing-end"
                          onClick={() => void write.run(() => gql(END_PAIRING, { enterpriseId: enterprise, partnerId: edge.node.id, endOn }))}
                        >
                          {t('endPairing')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
