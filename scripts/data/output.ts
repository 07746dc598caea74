/**
 * How the census is written: the actors one feature per line (lean, and a
 * change to one actor is a one-line diff), the report as text for the
 * terminal and as Markdown tables between the census markers of `data/README.md`.
 */
import type { CensusReport } from './census';
import { SOURCES, SOURCE_IDS } from './sources';

export function serialiseActors(features: readonly unknown[]): string {
  const lines = features.map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function droppedText(dropped: Record<string, number>): string {
  const entries = Object.entries(dropped).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return entries.length === 0 ? '—' : entries.map(([reason, n]) => `${fmt(n)} ${reason}`).join('; ');
}

/** The report for the terminal. */
export function formatReport(report: CensusReport): string {
  const lines: string[] = [];
  lines.push('source               read    kept  merged  dropped');
  for (const id of SOURCE_IDS) {
    const r = report.sources[id];
    if (r.missing) {
      lines.push(`${id.padEnd(18)}  (file missing)`);
      continue;
    }
    const dropped = Object.values(r.dropped).reduce((a, b) => a + b, 0);
    lines.push(
      `${id.padEnd(18)} ${fmt(r.read).padStart(6)} ${fmt(r.kept).padStart(7)} ${fmt(r.merged).padStart(7)} ${fmt(dropped).padStart(8)}  ${droppedText(r.dropped)}`,
    );
  }
  lines.push(`actors: ${fmt(report.actors)} (${fmt(report.mergedActors)} merged from several places or sources)`);
  lines.push(
    `Brest métropole: ${report.byTerritory.brest} actors; Grenoble-Alpes Métropole: ${report.byTerritory.grenoble}`,
  );
  lines.push(
    `tied to a supra-territorial network: Brest ${report.supraTied.brest.direct} directly (${report.supraTied.brest.withParents} with their networks' parents), Grenoble ${report.supraTied.grenoble.direct} (${report.supraTied.grenoble.withParents})`,
  );
  lines.push(
    `public internet access: France ${fmt(report.publicInternet.france)}, Brest ${report.publicInternet.brest}, Grenoble ${report.publicInternet.grenoble}`,
  );
  lines.push(
    `opening hours: ${fmt(report.hours.actorsWithHours)} actors; France services converted ${fmt(report.hours.converted)}, unreadable ${report.hours.unreadable}, refused by the parser ${report.hours.invalid}`,
  );
  lines.push(`personal-looking emails left out: ${report.privacy.personalEmails}`);
  lines.push(`actors without INSEE code: ${report.withoutInsee}`);
  if (report.conform)
    lines.push(
      `read by the validator with the administrative map: ${report.conform.communeNamed} commune names replaced by their INSEE commune's official name, ${report.conform.postcodeFixed} postcodes that do not exist or are not their commune's replaced by its only one, ${report.conform.rejected} actors rejected (counted in "dropped" above)`,
    );
  const big = report.networks.filter((n) => n.scale !== 'local');
  lines.push(`supra-territorial networks: ${big.map((n) => `${n.id} ${fmt(n.members)}`).join(', ')}`);
  const local = report.networks.filter((n) => n.scale === 'local');
  lines.push(`local networks with members: ${fmt(local.length)}`);
  return lines.join('\n');
}

const BEGIN = '<!-- census:begin (written by npm run data) -->';
const END = '<!-- census:end -->';

/** The Markdown of the report. */
export function reportMarkdown(report: CensusReport): string {
  const rows = [
    '| source | éditeur / publisher | licence | date | lus / read | gardés / kept | fusionnés / merged | écartés / dropped (raison / reason) |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | --- |',
  ];
  for (const id of SOURCE_IDS) {
    const s = SOURCES[id];
    const r = report.sources[id];
    rows.push(
      `| \`${id}\` (${s.file}) | ${s.publisher} | ${s.licence} | ${s.date} | ${fmt(r.read)} | ${fmt(r.kept)} | ${fmt(r.merged)} | ${r.missing ? 'file missing' : droppedText(r.dropped)} |`,
    );
  }
  const nets = report.networks
    .filter((n) => n.scale !== 'local')
    .map((n) => `| \`${n.id}\` | ${n.scale} | ${fmt(n.members)} |`);
  return [
    rows.join('\n'),
    '',
    `- ${fmt(report.actors)} actors; ${fmt(report.mergedActors)} made of several places or sources.`,
    `- Brest métropole: ${report.byTerritory.brest} actors, ${report.supraTied.brest.direct} tied directly to a supra-territorial network (${report.supraTied.brest.withParents} counting their network's own memberships), ${report.publicInternet.brest} with public internet access.`,
    `- Grenoble-Alpes Métropole: ${report.byTerritory.grenoble} actors, ${report.supraTied.grenoble.direct} tied directly (${report.supraTied.grenoble.withParents}), ${report.publicInternet.grenoble} with public internet access.`,
    `- Public internet access, France: ${fmt(report.publicInternet.france)} actors.`,
    `- Opening hours: ${fmt(report.hours.actorsWithHours)} actors; France services weekday columns converted ${fmt(report.hours.converted)}, unreadable (dropped) ${report.hours.unreadable}, refused by the opening_hours parser (dropped) ${report.hours.invalid}.`,
    `- Personal-looking emails not shipped: ${report.privacy.personalEmails}. Actors without an INSEE code: ${report.withoutInsee}.`,
    ...(report.conform
      ? [
          `- Read by the validator with the administrative map (\`scripts/data/conform.ts\`): ${report.conform.communeNamed} commune names that are none of their postcode's communes replaced by the official name of the actor's INSEE commune; ${report.conform.postcodeFixed} postcodes that do not exist or are not their commune's replaced by the commune's only postcode; ${report.conform.rejected} actors rejected (counted per source in the table above).`,
        ]
      : []),
    '',
    '| réseau / network | échelle / scale | membres / members |',
    '| --- | --- | ---: |',
    ...nets,
    '',
    `Local networks with members: ${fmt(report.networks.filter((n) => n.scale === 'local').length)} (among them the libraries' administrative units, \`bibliotheques-ua-*\`).`,
  ].join('\n');
}

/** `text` with the census block replaced (or unchanged when it has no markers). */
export function readmeBlock(text: string, report: CensusReport): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start === -1 || end === -1 || end < start) return text;
  return `${text.slice(0, start + BEGIN.length)}\n${reportMarkdown(report)}\n${text.slice(end)}`;
}
