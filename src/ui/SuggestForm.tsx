import './SuggestForm.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CATEGORIES, ROLES, THEMES, WHEELCHAIR } from '../core/vocab';
import type { ActorFeature, LonLat } from '../core/types';
import { checkOpeningHours } from '../data/opening-hours';
import { deliver, makePatch, parseChannel, patchedActor, patchTitle, proposeId } from '../data/patch';
import type { Delivery, Patch, PatchChanges } from '../data/patch';
import { validateActors } from '../data/validate';
import { formatIssue } from '../data/issue-text';
import type { MessageKey } from '../i18n';
import type { LoadedDataset } from '../data/load';
import { selectActorsById } from '../state/selectors';
import { useActions, useAppState, useT } from './hooks';

type Text = Record<
  'name' | 'address' | 'postcode' | 'commune' | 'url' | 'email' | 'phone' | 'opening_hours' | 'description',
  string
>;
const TEXT_FIELDS: readonly (keyof Text)[] = [
  'name',
  'address',
  'postcode',
  'commune',
  'url',
  'email',
  'phone',
  'opening_hours',
  'description',
];
const LABEL: Record<keyof Text, MessageKey> = {
  name: 'suggest.name',
  address: 'suggest.address',
  postcode: 'suggest.postcode',
  commune: 'suggest.commune',
  url: 'suggest.url',
  email: 'suggest.email',
  phone: 'suggest.phone',
  opening_hours: 'suggest.hours',
  description: 'suggest.description',
};

/**
 * "Suggest a correction" / "Add a place": a form checked by the data
 * validator, whose result is a patch sent through the deployment's channel
 * (a forge's new-issue page, an e-mail) or downloaded. Nothing is sent by
 * the app itself: the person follows the link or sends the file.
 * Over 300 lines: one form, most of it its fields' markup.
 */
export function SuggestForm() {
  const target = useAppState((s) => s.suggest);
  const actor = useAppState((s) => (s.suggest && s.suggest !== 'new' ? selectActorsById(s).get(s.suggest) : undefined));
  const dataset = useAppState((s) => s.dataset);
  // The form's fields start from the actor: it is drawn once the data is there (a `suggest=ID`
  // link opened directly gets its form before the data), and drawn anew for another target.
  if (!target || !dataset) return null;
  return <ProposalForm key={target} target={target} actor={actor} dataset={dataset} />;
}

function ProposalForm({
  target,
  actor,
  dataset,
}: {
  target: string;
  actor: ActorFeature | undefined;
  dataset: LoadedDataset;
}) {
  const t = useT();
  const contribute = useAppState((s) => s.config?.contribute);
  const channel = useMemo(() => parseChannel(contribute), [contribute]);
  const near = useAppState((s) => s.near);
  const nearLabel = useAppState((s) => s.nearLabel);
  const territoryFilter = useAppState((s) => s.filters.territory);
  const picked = useAppState((s) => s.pickedPoint);
  const picking = useAppState((s) => s.picking);
  const { setSuggest, setPicking, setPickedPoint } = useActions();
  const heading = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const adding = target === 'new' || !actor;
  const p = actor?.properties;

  const [text, setText] = useState<Text>(
    () => Object.fromEntries(TEXT_FIELDS.map((f) => [f, (p?.[f] as string | undefined) ?? ''])) as Text,
  );
  const [category, setCategory] = useState<string>(p?.category ?? '');
  const [roles, setRoles] = useState<string[]>(p?.roles ?? []);
  const [themes, setThemes] = useState<string[]>(p?.themes ?? []);
  const [territory, setTerritory] = useState<string>(p?.territory ?? territoryFilter ?? '');
  const [wheelchair, setWheelchair] = useState<string>(p?.wheelchair ?? '');
  const [closed, setClosed] = useState(false);
  const [note, setNote] = useState('');
  const [author, setAuthor] = useState('');
  const [contact, setContact] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [result, setResult] = useState<{ delivery: Delivery; patch: Patch } | null>(null);

  useEffect(() => heading.current?.focus(), [target]);
  useEffect(() => {
    if (result || problems.length > 0) resultRef.current?.focus();
  }, [result, problems]);
  useEffect(() => () => setPicking(false), [setPicking]);

  const position: LonLat | null = picked ?? actor?.geometry.coordinates ?? null;
  const downloadUrl = useMemo(() => {
    if (result?.delivery.kind !== 'download') return null;
    return URL.createObjectURL(new Blob([result.delivery.text], { type: 'application/json' }));
  }, [result]);
  useEffect(() => () => void (downloadUrl && URL.revokeObjectURL(downloadUrl)), [downloadUrl]);

  const changes = (): PatchChanges => {
    const out: PatchChanges = {};
    for (const field of TEXT_FIELDS) out[field] = text[field].trim();
    out.category = category;
    out.roles = roles;
    out.themes = themes;
    out.territory = territory;
    out.wheelchair = wheelchair;
    if (position) out.coordinates = position;
    return out;
  };

  const submit = (event: Event) => {
    event.preventDefault();
    setResult(null);
    const date = new Date().toISOString().slice(0, 10);
    const id = adding ? uniqueId(proposeId(text.name, text.commune), dataset.actors) : actor.properties.id;
    const patch = makePatch({
      op: adding ? 'add' : closed ? 'close' : 'update',
      id,
      actor,
      changes: changes(),
      author: { name: author, contact },
      note,
      date,
    });
    if (patch.op === 'update' && Object.keys(patch.changes).length === 0) {
      setProblems([t('suggest.nothing')]);
      return;
    }
    if (patch.op !== 'close') {
      const draft = patchedActor(patch, actor);
      // Partners are checked against the whole data by `npm run review`; here the actor alone.
      delete draft.properties.partners;
      if (!position) {
        setProblems([t('suggest.noPosition')]);
        return;
      }
      const checked = validateActors(
        { type: 'FeatureCollection', features: [draft] },
        {
          file: t('suggest.titleAdd'),
          territories: dataset.territories,
          networks: dataset.networks,
          checkOpeningHours,
        },
      );
      const errors = checked.issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) {
        setProblems(errors.map((i) => formatIssue({ ...i, file: '', index: undefined, id: undefined }, t).slice(2)));
        return;
      }
    }
    setProblems([]);
    const name = text.name.trim() || p?.name || id;
    setResult({
      patch,
      delivery: deliver(patch, channel, { title: patchTitle(patch, name), intro: t('suggest.issueIntro') }),
    });
  };

  const toggle = (list: string[], value: string, set: (v: string[]) => void) =>
    set(list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  return (
    <aside
      class="detail suggest"
      aria-labelledby="suggest-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !picking) setSuggest(null);
        else if (e.key === 'Escape') setPicking(false);
      }}
    >
      <button type="button" class="close" onClick={() => setSuggest(null)} aria-label={t('suggest.close')}>
        ×
      </button>
      <h2 id="suggest-title" ref={heading} tabIndex={-1}>
        {adding ? t('suggest.titleAdd') : t('suggest.titleUpdate', { name: p!.name })}
      </h2>
      <p class="rule">{t('suggest.intro')}</p>
      <form class="suggest-form" onSubmit={submit} noValidate>
        {!adding && (
          <label class="check">
            <input type="checkbox" checked={closed} onChange={(e) => setClosed(e.currentTarget.checked)} />
            {t('suggest.closed')}
          </label>
        )}
        {!closed && (
          <>
            {TEXT_FIELDS.map((field) => (
              <div class="field" key={field}>
                <label for={`sg-${field}`}>{t(LABEL[field])}</label>
                {field === 'description' ? (
                  <textarea
                    id={`sg-${field}`}
                    rows={3}
                    value={text[field]}
                    onInput={(e) => setText({ ...text, [field]: e.currentTarget.value })}
                  />
                ) : (
                  <input
                    id={`sg-${field}`}
                    type={field === 'url' ? 'url' : field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                    value={text[field]}
                    onInput={(e) => setText({ ...text, [field]: e.currentTarget.value })}
                  />
                )}
              </div>
            ))}
            <div class="field">
              <label for="sg-category">{t('suggest.category')}</label>
              <select id="sg-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
                <option value="" />
                {CATEGORIES.map((c) => (
                  <option value={c} key={c}>
                    {t(`category.${c}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="sg-wheelchair">{t('suggest.wheelchair')}</label>
              <select id="sg-wheelchair" value={wheelchair} onChange={(e) => setWheelchair(e.currentTarget.value)}>
                <option value="">{t('suggest.unknown')}</option>
                {WHEELCHAIR.map((w) => (
                  <option value={w} key={w}>
                    {t(`wheelchair.${w}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            {adding && (
              <div class="field">
                <label for="sg-territory">{t('suggest.territory')}</label>
                <select id="sg-territory" value={territory} onChange={(e) => setTerritory(e.currentTarget.value)}>
                  <option value="" />
                  {dataset.territories.map((tr) => (
                    <option value={tr.id} key={tr.id}>
                      {tr.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <fieldset class="facet">
              <legend>{t('suggest.roles')}</legend>
              {ROLES.map((r) => (
                <label class="check" key={r}>
                  <input type="checkbox" checked={roles.includes(r)} onChange={() => toggle(roles, r, setRoles)} />
                  {t(`role.${r}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <fieldset class="facet">
              <legend>{t('suggest.themes')}</legend>
              {THEMES.map((th) => (
                <label class="check" key={th}>
                  <input type="checkbox" checked={themes.includes(th)} onChange={() => toggle(themes, th, setThemes)} />
                  {t(`theme.${th}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <fieldset class="facet suggest-position">
              <legend>{t('suggest.position')}</legend>
              <p aria-live="polite">
                {position
                  ? t('suggest.positionAt', { lat: position[1].toFixed(5), lon: position[0].toFixed(5) })
                  : t('suggest.noPosition')}
              </p>
              <button
                type="button"
                class="button button-quiet"
                aria-pressed={picking}
                onClick={() => setPicking(!picking)}
              >
                {t('suggest.pick')}
              </button>
              {picking && <p class="rule">{t('suggest.picking')}</p>}
              {near ? (
                <button type="button" class="button button-quiet" onClick={() => setPickedPoint([near.lon, near.lat])}>
                  {t('suggest.useNear', { place: nearLabel ?? `${near.lat}, ${near.lon}` })}
                </button>
              ) : (
                <p class="rule">{t('suggest.searchHint')}</p>
              )}
            </fieldset>
          </>
        )}
        <div class="field">
          <label for="sg-note">{t('suggest.note')}</label>
          <textarea
            id="sg-note"
            rows={2}
            maxLength={2000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="sg-author">{t('suggest.author')}</label>
          <input id="sg-author" value={author} autoComplete="name" onInput={(e) => setAuthor(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="sg-contact">{t('suggest.contact')}</label>
          <input id="sg-contact" value={contact} onInput={(e) => setContact(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button">
          {t('suggest.submit')}
        </button>
      </form>
      <div class="suggest-result" ref={resultRef} tabIndex={-1}>
        {problems.length > 0 && (
          <div class="suggest-problems" role="alert">
            <p>{t.plural('suggest.problems', problems.length)}</p>
            <ul>
              {problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        {result && <Result result={result} downloadUrl={downloadUrl} />}
      </div>
    </aside>
  );
}

function Result({ result, downloadUrl }: { result: { delivery: Delivery; patch: Patch }; downloadUrl: string | null }) {
  const t = useT();
  const { delivery } = result;
  return (
    <div class="suggest-ready" role="status">
      {delivery.kind === 'url' ? (
        <>
          <p>{t(delivery.channel === 'email' ? 'suggest.readyEmail' : 'suggest.readyIssue')}</p>
          <a
            class="button suggest-send"
            href={delivery.href}
            target={delivery.channel === 'email' ? undefined : '_blank'}
            rel="noopener noreferrer"
          >
            {t(delivery.channel === 'email' ? 'suggest.openEmail' : 'suggest.openIssue')}
          </a>
        </>
      ) : (
        <>
          <p>{t('suggest.readyDownload')}</p>
          {delivery.reason === 'tooLong' && <p>{t('suggest.tooLong')}</p>}
          {downloadUrl && (
            <a class="button suggest-send" href={downloadUrl} download={delivery.fileName}>
              {t('suggest.download', { file: delivery.fileName })}
            </a>
          )}
        </>
      )}
      <details>
        <summary>{t('suggest.showPatch')}</summary>
        <pre class="suggest-patch">{JSON.stringify(result.patch, null, 2)}</pre>
      </details>
    </div>
  );
}

/** The proposed id, with a number added when an actor already has it. */
function uniqueId(id: string, actors: readonly ActorFeature[]): string {
  const taken = new Set(actors.map((a) => a.properties.id));
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) if (!taken.has(`${id}-${n}`)) return `${id}-${n}`;
}
