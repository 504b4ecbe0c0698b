/**
 * A save's refusal under a form or page heading; when a colleague saved the record since
 * (team database, `staleSaveMessage`), with a Reload button that reads it again.
 */
export function SaveError({ message, onReload }: { message: string; onReload?: () => void }) {
  return (
    <p className="form-error" role="alert">
      {message}
      {onReload && (
        <>
          {' '}
          <button type="button" className="button button-quiet" onClick={onReload}>
            Reload
          </button>
        </>
      )}
    </p>
  );
}
