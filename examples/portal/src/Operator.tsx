import { useState, type FormEvent } from 'react';
import { useSubscription } from '@apollo/client/react';
import { PortalBulkProgressDocument } from './generated/graphql';
import { href } from './route';
import { errorText } from './errors';

/** Operator page: a bulk operation's progress, live over graphql-ws (bulkOperationUpdated). */
export function Operator(props: { bulkId: string | null }) {
  const [text, setText] = useState(props.bulkId ?? '');
  const open = (event: FormEvent) => {
    event.preventDefault();
    window.location.hash = href({ page: 'operator', bulkId: text.trim() });
  };
  return (
    <section>
      <h2>Bulk operation</h2>
      <form onSubmit={open} className="inline">
        <label htmlFor="bulk-id">Operation id</label>{' '}
        <input id="bulk-id" value={text} onChange={(e) => setText(e.target.value)} size={48} />{' '}
        <button type="submit">Watch</button>
      </form>
      {props.bulkId && <Progress key={props.bulkId} id={props.bulkId} />}
    </section>
  );
}

function Progress(props: { id: string }) {
  const { data, error } = useSubscription(PortalBulkProgressDocument, { variables: { id: props.id } });
  if (error)
    return (
      <p role="alert" className="refusal">
        {errorText(error)}
      </p>
    );
  const op = data?.bulkOperationUpdated;
  if (!op) return <p>Connecting…</p>;
  const settled = op.succeeded + op.failed + op.skipped + op.cancelled;
  return (
    <div className="bulk" data-testid="bulk">
      <p>
        <strong>{op.action}</strong> · <span data-testid="bulk-status">{op.status}</span>
      </p>
      <progress max={op.total} value={settled} data-testid="bulk-progress" />
      <p data-testid="bulk-counts">
        {settled} / {op.total} settled · {op.succeeded} succeeded · {op.failed} failed · {op.skipped} skipped
      </p>
    </div>
  );
}
