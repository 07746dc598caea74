/**
 * The first reading of a file from elsewhere (`data=`), made on the page from the runs of
 * features the foreign-data worker cuts from its bytes as they download
 * (src/data/collection-reader.ts), decoded there: each run is parsed and validated here, in a task
 * of its own, as soon as it comes and the lists it is read against are known. The actors are made
 * where they are drawn: handing 100,000 validated actors from the worker to the page cost the
 * worker about 0.4 s to copy and the page 0.7 s to receive, more than the page takes to read them.
 *
 * It is the reading the worker would make of the whole file without the administrative map nor
 * the opening hours' check: the same actors, issues and lists ({@link RunReading.finish}), or
 * null when this file cannot be read so (the worker then reads it whole).
 */
import { parseRun } from './collection-reader';
import { listsFor } from './load';
import { actorValidation } from './validate';
import { OSM_LOOKED_AT, osmIdOf } from './import/osm-id';
import type { DatasetSources, LoadedDataset } from './load';
import type { ActorValidation, Issue } from './validate';
import type { Dataset } from '../core/types';

/** The longest a page's task reads runs. */
const DRAIN_MS = 40;

export class RunReading {
  private head: Record<string, unknown> | null = null;
  private shipped: Omit<DatasetSources, 'actors'> | null = null;
  /** Runs come before the lists they are read against: kept as text until then. */
  private pending: { text: string; count: number }[] = [];
  private issues: Issue[] = [];
  private lists: Pick<Dataset, 'territories' | 'networks'> | null = null;
  private validation: ActorValidation | null = null;
  /** Features looked at for an OpenStreetMap id (`isOsmCollection` looks at the first ones). */
  private looked = 0;
  private gaveUp = false;
  /** Whether the runs left are to be read in a later task. */
  private later = false;
  /** Told when no run waits any more (see {@link finishLater}). */
  private onDrained: (() => void) | null = null;

  /** @param file - the name to report the file by */
  constructor(private readonly file: string) {}

  /**
   * The collection's members written before its features (its own territories and networks, if
   * there), as the worker's reader parsed them.
   */
  setHead(head: Record<string, unknown>): void {
    this.head = head;
    this.drain();
  }

  /** The shipped networks and territories the file is read against. */
  setShipped(shipped: Omit<DatasetSources, 'actors'>): void {
    this.shipped = shipped;
    this.drain();
  }

  /** The next run of the file's features: its text and how many features it holds. */
  add(text: string, count: number): void {
    if (this.gaveUp) return;
    this.pending.push({ text, count });
    this.drain();
  }

  /**
   * {@link finish}, once the runs still waiting are read, in tasks of their own (the page's
   * reading of the runs can lag behind a fast download).
   */
  async finishLater(collection: Record<string, unknown> | null): Promise<LoadedDataset | null> {
    if (!this.gaveUp && this.validation && this.pending.length > 0) {
      await new Promise<void>((resolve) => {
        this.onDrained = resolve;
        this.drain();
      });
    }
    return this.finish(collection);
  }

  /**
   * The first reading, once every run was given: `collection` is the collection without its
   * features, as the worker's reader parsed it at the end (null when the reader gave up). Null
   * when the file is not read so: broken JSON in a run, OpenStreetMap's GeoJSON (its
   * importer reads it), or its own lists written after its features (the runs were read against
   * lists it does not hold).
   */
  finish(collection: Record<string, unknown> | null): LoadedDataset | null {
    this.drain(Number.POSITIVE_INFINITY);
    const { head, lists, validation } = this;
    if (this.gaveUp || !collection || !head || !lists || !validation) return this.giveUp();
    const same = (key: string) => JSON.stringify(collection[key]) === JSON.stringify(head[key]);
    if (collection.type !== 'FeatureCollection' || !same('territories') || !same('networks')) return this.giveUp();
    const { valid, issues, read } = validation.finish();
    // One by one: a spread of 150,000 issues into push() would overflow the call stack.
    for (const issue of issues) this.issues.push(issue);
    return { actors: valid, ...lists, issues: this.issues, read };
  }

  /**
   * Reads the runs waiting, for `budgetMs` at most: those that waited for the lists (a few
   * megabytes at 100,000 actors) are not read in one long task; the rest go on in a later one.
   */
  private drain(budgetMs = DRAIN_MS): void {
    this.readRuns(budgetMs);
    if (this.later || !this.onDrained) return;
    const drained = this.onDrained;
    this.onDrained = null;
    drained();
  }

  private readRuns(budgetMs: number): void {
    if (this.gaveUp) return;
    if (!this.validation) {
      if (!this.head || !this.shipped) return;
      this.lists = listsFor(this.shipped, this.head, this.file, this.issues);
      this.validation = actorValidation({ file: this.file, ...this.lists });
    }
    const start = performance.now();
    while (this.pending.length > 0) {
      if (performance.now() - start > budgetMs) {
        if (!this.later)
          setTimeout(() => {
            this.later = false;
            this.drain();
          }, 0);
        this.later = true;
        return;
      }
      const { text, count } = this.pending.shift()!;
      let features: unknown[];
      try {
        features = parseRun(text, count);
      } catch {
        this.giveUp();
        return;
      }
      if (this.looked < OSM_LOOKED_AT) {
        const first = features.slice(0, OSM_LOOKED_AT - this.looked);
        this.looked += first.length;
        if (first.some((feature) => osmIdOf(feature) !== undefined)) {
          this.giveUp();
          return;
        }
      }
      this.validation.add(features);
    }
  }

  private giveUp(): null {
    this.gaveUp = true;
    this.pending = [];
    this.validation = null;
    this.issues = [];
    return null;
  }
}
