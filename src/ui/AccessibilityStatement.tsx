import './AccessibilityStatement.css';
import { useEffect, useRef } from 'preact/hooks';
import { useActions, useT } from './hooks';
import type { MessageKey } from '../i18n';

const SECTIONS: { title: MessageKey; paragraphs: MessageKey[] }[] = [
  { title: 'a11y.statement.stateTitle', paragraphs: ['a11y.statement.state'] },
  { title: 'a11y.statement.testedTitle', paragraphs: ['a11y.statement.tested'] },
  {
    title: 'a11y.statement.limitsTitle',
    paragraphs: ['a11y.statement.limitMap', 'a11y.statement.limitBasemap', 'a11y.statement.limitData'],
  },
  { title: 'a11y.statement.contactTitle', paragraphs: ['a11y.statement.contact', 'a11y.statement.recourse'] },
];

/** The accessibility statement (`view=accessibility`), in the interface's language. */
export function AccessibilityStatement() {
  const t = useT();
  const { setView } = useActions();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <article class="statement" aria-labelledby="statement-title">
      <h2 id="statement-title" ref={heading} tabIndex={-1}>
        {t('a11y.statement.title')}
      </h2>
      <p>{t('a11y.statement.intro')}</p>
      {SECTIONS.map((section) => (
        <section key={section.title}>
          <h3>{t(section.title)}</h3>
          {section.paragraphs.map((p) => (
            <p key={p}>{t(p)}</p>
          ))}
        </section>
      ))}
      <button type="button" class="button" onClick={() => setView('map')}>
        {t('a11y.statement.back')}
      </button>
    </article>
  );
}
