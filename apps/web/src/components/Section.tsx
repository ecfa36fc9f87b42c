import { type ReactNode, useCallback, useState } from 'react';
import type { OnEvent } from './samples/demo.ts';

export interface LoggedEvent {
  id: number;
  name: string;
  detail: string;
}

const SHOWN_EVENTS = 8;
let nextEvent = 0;

/** Short JSON for the log: ids and names, not whole objects. */
function summarise(args: unknown[]): string {
  const text = JSON.stringify(args, (key, value) =>
    key === 'message' || key === 'thread' || key === 'summary' ? (value?.id ?? value) : value,
  );
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** A section's event log: what the component called back, newest first. */
export function useEventLog(): [LoggedEvent[], OnEvent] {
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const log = useCallback<OnEvent>((name, ...args) => {
    const entry = { id: nextEvent++, name, detail: summarise(args) };
    setEvents((shown) => [entry, ...shown].slice(0, SHOWN_EVENTS));
  }, []);
  return [events, log];
}

interface SectionProps {
  id: string;
  title: string;
  /** The Cord element the React component renders. */
  tag: string;
  description: ReactNode;
  /** The sample's own source: the code that renders the live sample. */
  source: string;
  controls?: ReactNode;
  events?: LoggedEvent[];
  children: ReactNode;
}

/** One component: what it is, its main props to toggle, the live sample, its code and its events. */
export function Section({ id, title, tag, description, source, controls, events, children }: SectionProps) {
  return (
    <section id={id} className="component-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title} <code>&lt;{tag}&gt;</code>
      </h2>
      <p className="description">{description}</p>
      {controls && (
        <fieldset className="controls">
          <legend>Props</legend>
          {controls}
        </fieldset>
      )}
      <div className="sample" data-testid={`${id}-sample`}>
        {children}
      </div>
      <details className="code">
        <summary>React code</summary>
        <pre>
          <code>{source}</code>
        </pre>
      </details>
      {events && (
        <div className="events">
          <h3>Events</h3>
          <ol aria-label={`${title} events`}>
            {events.length === 0 && <li className="hint">None yet.</li>}
            {events.map((event) => (
              <li key={event.id}>
                <strong>{event.name}</strong> <code>{event.detail}</code>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

export function Toggle({ label, value, onChange }: { label: string; value: boolean; onChange: (on: boolean) => void }) {
  return (
    <label>
      <input type="checkbox" checked={value} onChange={(event) => onChange(event.target.checked)} /> {label}
    </label>
  );
}

export function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </label>
  );
}
