/**
 * The first reading of a file from elsewhere while it downloads (the foreign-data worker's):
 * a FeatureCollection is parsed run by run as its bytes come (src/data/collection-reader.ts), and
 * each run is validated as soon as the shipped networks and territories it is read against are
 * there (src/data/load.ts `DatasetReading`). At the end of the download, what is left is the
 * last run and the checks that need every feature.
 */
import { CollectionReader } from './collection-reader';
import { DatasetReading } from './load';
import type { DatasetSources, LoadedDataset } from './load';
import type { ActorFeature } from '../core/types';

export interface StreamedResult {
  /** The file parsed; null when it is no FeatureCollection the reader could cut (read it whole). */
  collection: Record<string, unknown> | null;
  /**
   * Its first reading, without the administrative map nor the opening hours' check; null when
   * the validation could not follow the bytes (then read `collection`).
   */
  dataset: LoadedDataset | null;
  /** The dataset's actors not given to `onActors` yet, with their positions in the file. */
  rest?: { actors: ActorFeature[]; at: number[] };
  /** Whether `onActors` was told of actors that the dataset, null, does not confirm: they are void. */
  void?: boolean;
}

export class StreamedReading {
  private readonly reader = new CollectionReader((_, run) => this.take(run));
  private readonly pending: (readonly unknown[])[] = [];
  /** Made once the head of the collection and the shipped lists are known. */
  private reading: DatasetReading | undefined;
  private shipped: Omit<DatasetSources, 'actors'> | undefined;
  /** The actors sure to be kept as they are (see `actorValidation`), told by the thousand. */
  private final: ActorFeature[] = [];
  private finalAt: number[] = [];
  /** The positions of those told. */
  private readonly told = new Set<number>();

  /**
   * @param file - the name to report the file by
   * @param onActors - told, as the runs are validated, of the actors sure to be in the first
   *   reading as they are, with their positions in the file (the page receives them while the
   *   rest downloads)
   */
  constructor(
    private readonly file: string,
    private readonly onActors?: (actors: ActorFeature[], at: number[]) => void,
  ) {}

  /** The next bytes of the file. */
  push(part: Uint8Array): void {
    this.reader.push(part);
  }

  /** The shipped networks and territories, once fetched: the runs that waited for them are validated. */
  setShipped(shipped: Omit<DatasetSources, 'actors'>): void {
    this.shipped = shipped;
    this.drain();
  }

  /** Once every byte was pushed (and the shipped lists set). */
  async finish(): Promise<StreamedResult> {
    const collection = this.reader.finish();
    // The runs that waited for the shipped lists; what they make sure of goes in `rest`.
    this.drain();
    const none = { collection, dataset: null, ...(this.told.size > 0 ? { void: true } : {}) };
    if (!collection || !this.reading) return none;
    // OpenStreetMap's GeoJSON goes through its importer, from the collection.
    const { detectJson } = await import('./import');
    if (detectJson(collection).format !== 'archipel-geojson') return none;
    const dataset = this.reading.finish(collection);
    if (!dataset) return none;
    const rest: { actors: ActorFeature[]; at: number[] } = { actors: [], at: [] };
    const { positions } = this.reading;
    dataset.actors.forEach((actor, i) => {
      if (this.told.has(positions[i]!)) return;
      rest.actors.push(actor);
      rest.at.push(positions[i]!);
    });
    return { collection, dataset, rest };
  }

  private take(run: readonly unknown[]): void {
    this.pending.push(run);
    this.drain();
  }

  private drain(): void {
    if (this.reading === undefined) {
      if (!this.shipped || !this.reader.head) return;
      const onFinal = (actor: ActorFeature, at: number) => {
        this.final.push(actor);
        this.finalAt.push(at);
      };
      this.reading = new DatasetReading(this.file, this.shipped, this.reader.head, this.onActors && onFinal);
    }
    for (const run of this.pending.splice(0)) this.reading.add(run);
    // Told by the thousand: each message costs the page a task.
    if (this.final.length >= 1000) this.tell();
  }

  private tell(): void {
    for (const at of this.finalAt) this.told.add(at);
    this.onActors?.(this.final, this.finalAt);
    this.final = [];
    this.finalAt = [];
  }
}
