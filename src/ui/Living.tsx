/**
 * The living census's parts, fetched as one chunk the first time one of them is drawn
 * (`Living` in `lazy-parts.ts`): the detail's age and completeness with its proposal button,
 * the side panel's "Add a place", the organisers' "to check" filter. (The proposal form is a lazy
 * part of its own, fetched from the entry: a lazy import from this chunk would split the shared
 * code, Preact included, out of the entry into a chunk of its own.)
 */
import './Living.css';
import type { ActorProperties } from '../core/types';
import { CheckFilter } from './CheckFilter';
import { Freshness } from './Freshness';
import { SuggestButton } from './SuggestButton';

export type LivingPart = { part: 'detail'; properties: ActorProperties } | { part: 'add' } | { part: 'check' };

export function Living(props: LivingPart) {
  switch (props.part) {
    case 'detail':
      return (
        <>
          <Freshness properties={props.properties} />
          <SuggestButton id={props.properties.id} />
        </>
      );
    case 'add':
      return <SuggestButton id={null} />;
    case 'check':
      return <CheckFilter />;
  }
}
