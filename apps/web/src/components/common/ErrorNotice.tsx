/** An error where it happened: what went wrong, what to do, and a way to try again. */
import type { ApiError } from '../../api/api-error.ts';
import { adviceFor } from '../../util/error-advice.ts';

export interface ErrorNoticeProps {
  readonly error: Pick<ApiError, 'code' | 'message'>;
  readonly onRetry?: () => void;
  readonly retryLabel?: string;
  readonly id?: string;
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' ? t : `${t[0]?.toUpperCase() ?? ''}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

export function ErrorNotice({ error, onRetry, retryLabel = 'Try again', id }: ErrorNoticeProps) {
  const advice = adviceFor(error);
  return (
    <div className="error-notice" role="alert" id={id}>
      <p>
        {sentence(error.message)} {advice !== null && <span className="advice">{advice}</span>}
      </p>
      {onRetry !== undefined && (
        <button type="button" className="button small" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
