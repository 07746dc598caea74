import { lazyComponent } from './lazy';

// The full app's header: an embed has its own bar, and its first load does without this code.
// Its words are the first load's, so it is drawn as soon as its code is there. Its place is kept
// meanwhile (app.css).
export const Header = lazyComponent(() => import('./Header').then((m) => m.Header), 'core');
// Drawn only on demand, and never in an embed: fetched the first time they show.
export const AccessibilityStatement = lazyComponent(() =>
  import('./AccessibilityStatement').then((m) => m.AccessibilityStatement),
);
export const ExportMenu = lazyComponent(() => import('./ExportMenu').then((m) => m.ExportMenu));
export const FilePreview = lazyComponent(() => import('./FilePreview').then((m) => m.FilePreview));
export const StatsView = lazyComponent(() => import('./StatsView').then((m) => m.StatsView));
export const GraphView = lazyComponent(() => import('./GraphView').then((m) => m.GraphView));
// An actor's or a network's details: fetched at the first selection.
export const DetailPanel = lazyComponent(() => import('./DetailPanel').then((m) => m.DetailPanel));
// The members of a cluster opened on the map.
export const ClusterMembers = lazyComponent(() => import('./ClusterMembers').then((m) => m.ClusterMembers));
// Where the data of `data=` comes from, or why it could not be read.
export const DataSourceNotice = lazyComponent(() => import('./DataSourceNotice').then((m) => m.DataSourceNotice));
// The list of rejected entries: opened by a button of the notices.
export const IssueList = lazyComponent(() => import('./IssueList').then((m) => m.IssueList));
export const PrintSheet = lazyComponent(() => import('./PrintSheet').then((m) => m.PrintSheet));
// Living census (issue 15): the proposal form; and one entry (`part`) for the detail's age and
// completeness, the proposal buttons and the "to check" filter. None is on an embed's first screen.
export const SuggestForm = lazyComponent(() => import('./SuggestForm').then((m) => m.SuggestForm));
export const Living = lazyComponent(() => import('./Living').then((m) => m.Living));
// The panel's controls: drawn at once on wide screens, when the sheet opens on phones and in embeds.
const loadFilterPanel = () => import('./FilterPanel').then((m) => m.FilterPanel);
const loadNearBox = () => import('./NearBox').then((m) => m.NearBox);
export const FilterPanel = lazyComponent(loadFilterPanel);
export const NearBox = lazyComponent(loadNearBox);
export const Intents = lazyComponent(() => import('./Intents').then((m) => m.Intents));
/** Fetches the sheet's code as soon as a hand or the focus comes near its button. */
export const preloadSheet = () => void Promise.all([loadFilterPanel(), loadNearBox()]);
